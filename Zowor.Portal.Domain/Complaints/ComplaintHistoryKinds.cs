namespace Zowor.Portal.Domain.Complaints;

/// <summary>The kinds of timeline entry; the UI translates them.</summary>
public static class ComplaintHistoryKinds
{
    /// <summary>The first history entry of every complaint, written by <see cref="Complaint.Register"/>.</summary>
    public const string Registered = "Registered";
    /// <summary>The status moved.</summary>
    public const string StatusChanged = "StatusChanged";
    /// <summary>Receipt was acknowledged.</summary>
    public const string Acknowledged = "Acknowledged";
    /// <summary>Written for every evidence item, including uploaded files and logged communications.</summary>
    public const string EvidenceAdded = "EvidenceAdded";
    /// <summary>A staff interview was recorded.</summary>
    public const string InterviewRecorded = "InterviewRecorded";
    /// <summary>The root cause was recorded or revised.</summary>
    public const string RootCauseRecorded = "RootCauseRecorded";
    /// <summary>A resolution was offered.</summary>
    public const string ResolutionProposed = "ResolutionProposed";
    /// <summary>The customer answered the offer.</summary>
    public const string CustomerResponded = "CustomerResponded";
    /// <summary>The customer did not answer the offer within the waiting period (P-40); After is the days waited.</summary>
    public const string CustomerNoAnswer = "CustomerNoAnswer";
    /// <summary>The estimated resolution date was revised (P-21): Before and After are the dates, Details the staff's reason.</summary>
    public const string EstimateRevised = "EstimateRevised";
    /// <summary>The escalation level rose.</summary>
    public const string Escalated = "Escalated";
    /// <summary>The owner changed.</summary>
    public const string Assigned = "Assigned";
    /// <summary>The acknowledgement deadline is near.</summary>
    public const string AcknowledgementWarning = "AcknowledgementWarning";
    /// <summary>The acknowledgement deadline passed unacknowledged.</summary>
    public const string AcknowledgementBreached = "AcknowledgementBreached";
    /// <summary>The customer is owed an update.</summary>
    public const string CustomerUpdateDue = "CustomerUpdateDue";
    /// <summary>The customer's personal data was erased.</summary>
    public const string Anonymised = "Anonymised";
    /// <summary>A contact with the customer was logged.</summary>
    public const string CommunicationLogged = "CommunicationLogged";

    /// <summary>The customer added information on the status page (P-41).</summary>
    public const string CustomerAddedInformation = "CustomerAddedInformation";

    /// <summary>The CEO decided on a level-3 complaint (P-72).</summary>
    public const string CeoDecision = "CeoDecision";

    /// <summary>The customer wrote an e-mail about the complaint (a reply threaded into it).</summary>
    public const string CustomerEmailReceived = "CustomerEmailReceived";

    /// <summary>The customer wrote after the complaint was closed or withdrawn: flagged for staff, not reopened.</summary>
    public const string CustomerEmailAfterEnd = "CustomerEmailAfterEnd";

    /// <summary>An e-mail to the customer came back undeliverable (a delivery status report).</summary>
    public const string EmailNotDelivered = "EmailNotDelivered";

    /// <summary>Staff wrote a reply that the portal e-mails to the customer (P-41).</summary>
    public const string ReplySent = "ReplySent";

    /// <summary>Staff mapped the free-text product to a listed product: Before the earlier name, After the listed one, Details the spelling.</summary>
    public const string ProductMapped = "ProductMapped";

    /// <summary>Staff wrote an internal note; it never reaches the customer.</summary>
    public const string InternalNote = "InternalNote";

    /// <summary>The customer sent files (photos, PDF) with the form or on the status page.</summary>
    public const string CustomerSentFiles = "CustomerSentFiles";

    /// <summary>Another complaint was withdrawn as a duplicate of this one (the primary's side of a merge).</summary>
    public const string DuplicateMerged = "DuplicateMerged";

    /// <summary>The complaint was linked to a CAPA (P-62); the CAPA's history has the same link.</summary>
    public const string CapaLinked = "CapaLinked";

    /// <summary>The complaint was unlinked from a CAPA, with the reason; the CAPA's history has it too.</summary>
    public const string CapaUnlinked = "CapaUnlinked";
}
