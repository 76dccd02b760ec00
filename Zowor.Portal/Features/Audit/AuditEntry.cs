namespace Zowor.Portal.Features.Audit;

/// <summary>
/// One line of the access audit log (P-91, GDPR accountability): who looked at or handed out personal data, when, and
/// for which complaint. Append-only like the timeline. It names complaints by id and reference, never the customer, so
/// erasing a customer leaves nothing of them here.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; private set; }

    public DateTime At { get; init; }

    public required string UserId { get; init; }

    public required string UserName { get; init; }

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public required string Action { get; init; }

    public Guid? ComplaintId { get; init; }

    public string? Reference { get; init; }

    /// <summary>What else the entry needs (e.g. how many complaints an export held); never personal data.</summary>
    public string? Detail { get; init; }
}
