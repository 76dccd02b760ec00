namespace Zowor.Portal.Features.Mail;

/// <summary>The customer messages the portal sends.</summary>
public static class CustomerMessageKinds
{
    /// <summary>Web-form receipt with the reference (P-10, P-21).</summary>
    public const string Received = "Received";

    /// <summary>Acknowledgement with the estimated resolution date (P-20, P-21).</summary>
    public const string Acknowledged = "Acknowledged";

    /// <summary>A reply staff wrote on the case page, possibly from a reply template (P-41).</summary>
    public const string Reply = "Reply";

    /// <summary>An update written by staff (P-41).</summary>
    public const string Update = "Update";

    /// <summary>The resolution offer (P-40).</summary>
    public const string ResolutionOffered = "ResolutionOffered";

    /// <summary>Closure with the satisfaction survey link (P-50, P-01).</summary>
    public const string Closed = "Closed";

    /// <summary>Confirms the customer's escalation to the CEO (P-73).</summary>
    public const string CeoReviewRequested = "CeoReviewRequested";

    /// <summary>The complaint was opened again (P-41: the customer hears of each step).</summary>
    public const string Reopened = "Reopened";

    /// <summary>The complaint was merged into another one: the customer follows that reference from now on (P-21).</summary>
    public const string MergedAsDuplicate = "MergedAsDuplicate";

    /// <summary>Staff revised the estimated resolution date: the new date, never the staff's reason (P-21).</summary>
    public const string EstimateRevised = "EstimateRevised";
}
