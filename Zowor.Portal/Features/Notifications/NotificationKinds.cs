namespace Zowor.Portal.Features.Notifications;

public static class NotificationKinds
{
    public const string Assigned = "Assigned";
    public const string Escalated = "Escalated";
    public const string AcknowledgementBreached = "AcknowledgementBreached";
    public const string CustomerUpdateDue = "CustomerUpdateDue";
    /// <summary>A memo for the user's roles was published (P-81); Detail is its title.</summary>
    public const string MemoPublished = "MemoPublished";
    /// <summary>The user's own training expires soon (P-80); Detail is the course name.</summary>
    public const string TrainingExpiring = "TrainingExpiring";
    /// <summary>The user's own training has expired or was never taken (P-80); Detail is the course name.</summary>
    public const string TrainingOverdue = "TrainingOverdue";
    /// <summary>For training managers: new expiring or overdue training in the team; Detail is how many.</summary>
    public const string TeamTrainingFlagged = "TeamTrainingFlagged";
    /// <summary>For Quality: complaints recur (P-60, P-62); Reference is the alert's subject, Detail how many complaints.</summary>
    public const string RecurringIssue = "RecurringIssue";
    /// <summary>A CAPA action is past its due date; Reference is the CAPA number, Detail the action.</summary>
    public const string CapaActionOverdue = "CapaActionOverdue";
    /// <summary>The customer answered by e-mail (threaded into the complaint).</summary>
    public const string CustomerReplied = "CustomerReplied";
    /// <summary>The customer wrote after the complaint was closed or withdrawn: staff decide whether to reopen.</summary>
    public const string CustomerWroteAfterEnd = "CustomerWroteAfterEnd";
    /// <summary>An e-mail to the customer came back undeliverable.</summary>
    public const string EmailNotDelivered = "EmailNotDelivered";
    /// <summary>A review pack is ready for its readers (P-63); Reference is the period, Detail the kind, Link the pack.</summary>
    public const string ReviewPackReady = "ReviewPackReady";
}
