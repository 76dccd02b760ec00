namespace Zowor.Portal.Features.Complaints;

public sealed record StaffMember(string Id, string Name);
