namespace Zowor.Portal.Features.Complaints;

public sealed record RegisteredComplaint(Guid Id, string Reference);
