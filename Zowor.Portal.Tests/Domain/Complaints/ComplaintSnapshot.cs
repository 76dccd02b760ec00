using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;

namespace Zowor.Portal.Tests.Domain.Complaints;

/// <summary>
/// Everything observable about a complaint, compared by value: a refused call must leave it equal to the snapshot
/// taken before. On failure the record's ToString shows which part moved.
/// </summary>
internal sealed record ComplaintSnapshot(
    ComplaintStatus Status,
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
    int HistoryCount,
    int EvidenceCount,
    int InterviewCount,
    int CommunicationCount,
    int EscalationCount,
    int EventCount)
{
    public static ComplaintSnapshot Of(Complaint complaint) => new(
        complaint.Status,
        complaint.Acknowledgement,
        complaint.RootCause,
        complaint.Resolution,
        complaint.ResolvedAt,
        complaint.Closure,
        complaint.EscalationLevel,
        complaint.EscalatedAt,
        complaint.OwnerId,
        complaint.OwnerName,
        complaint.LastCustomerUpdateAt,
        complaint.LastChangedAt,
        complaint.History.Count,
        complaint.Evidence.Count,
        complaint.Interviews.Count,
        complaint.Communications.Count,
        complaint.Escalations.Count,
        complaint.DomainEvents.Count);
}
