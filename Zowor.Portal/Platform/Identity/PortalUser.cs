using Microsoft.AspNetCore.Identity;

namespace Zowor.Portal.Platform.Identity;

/// <summary>A Zowor staff member. Accounts are created by admins only (no self-registration).</summary>
public sealed class PortalUser : IdentityUser
{
    /// <summary>Name shown in queues, timelines and assignments.</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>
    /// When an Admin deactivated the account (a leaver), UTC; null while active. A deactivated account cannot sign in and
    /// its sessions end; its name stays on the timelines it wrote.
    /// </summary>
    public DateTime? DeactivatedAt { get; set; }

    /// <summary>
    /// The language the staff member last chose with the language switch ("en", "ru"); null until they choose. E-mails
    /// the portal sends them (a review pack ready) are written in it, not in the language of whoever triggered the send.
    /// </summary>
    public string? Language { get; set; }
}
