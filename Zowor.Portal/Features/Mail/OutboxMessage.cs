namespace Zowor.Portal.Features.Mail;

/// <summary>
/// An e-mail to a customer, written in the same transaction as the change it reports and delivered later by
/// <see cref="OutboxDispatcher"/>. Rows are never deleted: a sent row is the record of what the customer was told.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Identity; also the stable Message-ID, so a retried message is recognisably the same message.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();

    /// <summary>The Message-ID header it is sent with, derived from <see cref="Id"/> (stable across retries; replies quote it).</summary>
    public string MessageId => MessageIdOf(Id);

    /// <summary>The Message-ID of the outbox row <paramref name="id"/>, without angle brackets.</summary>
    public static string MessageIdOf(Guid id) => $"{id:N}@zowor-portal";

    /// <summary>The outbox row a Message-ID (with or without angle brackets) was sent for, if it is one of the portal's.</summary>
    public static Guid? IdFromMessageId(string? messageId)
    {
        var bare = messageId?.Trim().Trim('<', '>') ?? string.Empty;
        return bare.EndsWith("@zowor-portal", StringComparison.OrdinalIgnoreCase) && Guid.TryParseExact(bare.Split('@')[0], "N", out var id) ? id : null;
    }

    /// <summary>The complaint the message is about.</summary>
    public Guid? ComplaintId { get; init; }

    /// <summary>What it is: see <see cref="CustomerMessageKinds"/>.</summary>
    public required string Kind { get; init; }

    public required string ToAddress { get; set; }

    public required string ToName { get; set; }

    public required string Subject { get; set; }

    /// <summary>Plain-text body.</summary>
    public required string Body { get; set; }

    /// <summary>The culture it was written in.</summary>
    public required string Culture { get; init; }

    /// <summary>When it was queued (UTC).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When the next delivery attempt may run (UTC).</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>Delivery attempts so far.</summary>
    public int Attempts { get; set; }

    /// <summary>A node is delivering it until this time (UTC); keeps two nodes from sending it twice.</summary>
    public DateTime? ClaimedUntil { get; set; }

    /// <summary>When the mail server accepted it (UTC).</summary>
    public DateTime? SentAt { get; set; }

    /// <summary>When the dispatcher gave up after the last attempt (UTC).</summary>
    public DateTime? FailedAt { get; set; }

    /// <summary>The last delivery error, for staff.</summary>
    public string? LastError { get; set; }

    /// <summary>When a delivery status report said the message did not reach the customer (UTC), after the server accepted it.</summary>
    public DateTime? NotDeliveredAt { get; set; }

    /// <summary>The report's diagnosis, for staff.</summary>
    public string? NotDeliveredReason { get; set; }
}
