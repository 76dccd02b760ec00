using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Tests.Features.Capa;

/// <summary>Complaints with a chosen product, category, receipt time and optional root cause, built through the domain.</summary>
public sealed class CapaTestData
{
    private static readonly Actor Agent = new("user-agent", "Aigerim Agent");
    private int _sequence;

    public Complaint Complaint(string? product, string category, DateTime receivedAt, RootCauseCategory? rootCause = null, bool withdrawn = false)
    {
        var complaint = Zowor.Portal.Domain.Complaints.Complaint.Register(
            ComplaintReference.Create(receivedAt.Year, ++_sequence),
            ComplaintChannel.Phone,
            CustomerContact.Create("Olga Petrova", "olga@example.com", null, ContactMethod.Email),
            ComplaintDetails.Create("Kettle leaks", "It leaks at the base.", category, ComplaintSeverity.Normal, PreferredResolution.Replacement, null, product),
            receivedAt,
            Agent,
            receivedAt.AddMinutes(5));
        if (rootCause is { } cause)
        {
            complaint.Acknowledge(ContactMethod.Email, DateOnly.FromDateTime(receivedAt).AddDays(7), Agent, receivedAt.AddHours(1));
            complaint.StartInvestigation(Agent, receivedAt.AddHours(2));
            complaint.RecordRootCause(cause, "Seal defect.", null, Agent, receivedAt.AddHours(3));
        }

        if (withdrawn)
        {
            complaint.Withdraw("Customer changed their mind.", Agent, receivedAt.AddHours(4));
        }

        complaint.ClearDomainEvents();
        return complaint;
    }
}
