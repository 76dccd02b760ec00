namespace Zowor.Portal.Features.Admin;

public sealed record StaffAccount(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool LockedOut, bool Deactivated);
