namespace Zowor.Portal.Features.Mailbox;

/// <summary>
/// Which node reads the mailbox: one row per mailbox, held by a node until <see cref="ExpiresAt"/> and renewed while it
/// reads. A node that dies stops renewing, and another takes over once the lease has expired.
/// </summary>
public sealed class MailboxLease
{
    /// <summary>The mailbox (<c>user@host/folder</c>).</summary>
    public required string Mailbox { get; init; }

    /// <summary>The node holding it.</summary>
    public required string Holder { get; set; }

    /// <summary>Until when (UTC).</summary>
    public DateTime ExpiresAt { get; set; }
}
