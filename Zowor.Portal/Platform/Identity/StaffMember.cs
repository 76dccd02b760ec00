
namespace Zowor.Portal.Platform.Identity;

/// <summary>A staff member and the roles they hold.</summary>
public sealed record StaffMember(string Id, string Name, IReadOnlyList<string> Roles);
