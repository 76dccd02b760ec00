namespace Zowor.Portal.Features.Audit;

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
