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

public static class AuditActions
{
    /// <summary>A case page showed the customer's contact details.</summary>
    public const string ViewedPersonalData = "ViewedPersonalData";

    /// <summary>A privacy search for a customer by e-mail or phone.</summary>
    public const string SearchedCustomer = "SearchedCustomer";

    /// <summary>Everything about one customer was exported (GDPR access request).</summary>
    public const string ExportedCustomer = "ExportedCustomer";

    /// <summary>One customer's personal data was erased on request (GDPR erasure request).</summary>
    public const string ErasedCustomer = "ErasedCustomer";

    /// <summary>An Admin turned a quarantined e-mail into a complaint.</summary>
    public const string ReleasedQuarantinedMail = "ReleasedQuarantinedMail";

    /// <summary>An Admin discarded a quarantined e-mail (its .eml is deleted).</summary>
    public const string DiscardedQuarantinedMail = "DiscardedQuarantinedMail";

    /// <summary>An Admin deactivated a staff account (the detail names its e-mail); its sessions ended.</summary>
    public const string DeactivatedUser = "DeactivatedUser";

    /// <summary>An Admin reactivated a staff account.</summary>
    public const string ReactivatedUser = "ReactivatedUser";

    /// <summary>Every action, for the audit log page's filter.</summary>
    public static readonly string[] All =
    [
        ViewedPersonalData, SearchedCustomer, ExportedCustomer, ErasedCustomer, ReleasedQuarantinedMail, DiscardedQuarantinedMail,
        DeactivatedUser, ReactivatedUser,
    ];
}
