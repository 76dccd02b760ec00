using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;

namespace Zowor.Portal.Tests.Support;

/// <summary>
/// Every stored field of a complaint, compared by value, so one <c>Assert.Equal</c> says whether anything moved and
/// the failure message shows what. Collections are compared separately (<see cref="TimelineEntry"/>).
/// </summary>
public sealed record StoredComplaint(
    string Reference,
    int ReferenceYear,
    int ReferenceSequence,
    ComplaintChannel Channel,
    DateTime ReceivedAt,
    DateTime RegisteredAt,
    string RegisteredById,
    CustomerContact Customer,
    string? OrderNumber,
    string? Product,
    string Subject,
    string Description,
    string CategoryCode,
    ComplaintSeverity Severity,
    PreferredResolution PreferredResolution,
    ComplaintStatus Status,
    DateTime AcknowledgementDueAt,
    Acknowledgement? Acknowledgement,
    RootCause? RootCause,
    ResolutionOffer? Resolution,
    DateTime? ResolvedAt,
    Closure? Closure,
    EscalationLevel EscalationLevel,
    DateTime? EscalatedAt,
    string? OwnerId,
    string? OwnerName,
    DateTime? LastCustomerUpdateAt,
    DateTime LastChangedAt,
    int EvidenceCount,
    int InterviewCount,
    int CommunicationCount,
    int EscalationCount)
{
    public static StoredComplaint Of(Complaint c) => new(
        c.Reference, c.ReferenceYear, c.ReferenceSequence, c.Channel, c.ReceivedAt, c.RegisteredAt, c.RegisteredById, c.Customer,
        c.OrderNumber, c.Product, c.Subject, c.Description, c.CategoryCode, c.Severity, c.PreferredResolution, c.Status,
        c.AcknowledgementDueAt, c.Acknowledgement, c.RootCause, c.Resolution, c.ResolvedAt, c.Closure, c.EscalationLevel,
        c.EscalatedAt, c.OwnerId, c.OwnerName, c.LastCustomerUpdateAt, c.LastChangedAt,
        c.Evidence.Count, c.Interviews.Count, c.Communications.Count, c.Escalations.Count);
}
