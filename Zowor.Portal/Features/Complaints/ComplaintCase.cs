using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Complaints;

/// <summary>One complaint as the case page shows it, with the version its actions must send back.</summary>
public sealed record ComplaintCase(Complaint Complaint, long Version, IReadOnlyList<Mail.OutboxMessage>? Emails = null, SatisfactionSurvey? Survey = null)
{
    /// <summary>The e-mails sent or queued to the customer, newest first.</summary>
    public IReadOnlyList<Mail.OutboxMessage> CustomerEmails => Emails ?? [];
}
