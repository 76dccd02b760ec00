using Microsoft.AspNetCore.Identity;

namespace Zowor.Portal.Features.Identity;

/// <summary>A Zowor staff member. Accounts are created by admins only (no self-registration).</summary>
public sealed class PortalUser : IdentityUser
{
    /// <summary>Name shown in queues, timelines and assignments.</summary>
    public string DisplayName { get; set; } = string.Empty;
}
