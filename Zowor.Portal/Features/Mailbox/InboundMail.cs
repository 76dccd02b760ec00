namespace Zowor.Portal.Features.Mailbox;

/// <summary>
/// The record of one message read from the complaints mailbox, written in the same transaction as what it caused (a
/// complaint, a reply, a delivery report), so a message is handled exactly once: a message whose row exists is never
/// handled again, and the mailbox is changed (flag or move) only after the commit. Quarantined messages wait here for
/// an Admin. Rows are kept: they are the trace that nothing a customer sent was dropped.
/// </summary>
public sealed class InboundMail
{
    /// <summary>Identity; also names a quarantined message's .eml file.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();

    /// <summary>Which mailbox: <c>user@host/folder</c>.</summary>
    public required string Mailbox { get; init; }

    /// <summary>The folder's UIDVALIDITY when the message was read.</summary>
    public long UidValidity { get; init; }

    /// <summary>The message's IMAP UID.</summary>
    public long Uid { get; init; }

    /// <summary>The Message-ID header, without angle brackets.</summary>
    public string? MessageId { get; init; }

    public string? FromAddress { get; init; }

    public string? Subject { get; init; }

    /// <summary>When the mailbox received it (IMAP INTERNALDATE, UTC).</summary>
    public DateTime ReceivedAt { get; init; }

    /// <summary>When the portal handled it (UTC).</summary>
    public DateTime ProcessedAt { get; init; }

    /// <summary>What was done: see <see cref="InboundOutcomes"/>.</summary>
    public required string Outcome { get; set; }

    /// <summary>Why (quarantine reason, refused attachments, the delivery report's diagnosis).</summary>
    public string? Detail { get; set; }

    /// <summary>The complaint it created or was threaded into.</summary>
    public Guid? ComplaintId { get; set; }

    /// <summary>Size of the raw message in bytes.</summary>
    public long Size { get; init; }

    /// <summary>When the message was flagged or moved in the mailbox after the commit; null until then.</summary>
    public DateTime? MailboxUpdatedAt { get; set; }

    /// <summary>A quarantined message's .eml, relative to the data folder.</summary>
    public string? RawPath { get; init; }

    /// <summary>When an Admin turned the quarantined message into a complaint or discarded it.</summary>
    public DateTime? ResolvedAt { get; set; }

    public string? ResolvedByName { get; set; }
}
