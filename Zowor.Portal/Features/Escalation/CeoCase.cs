using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Escalation;

public sealed record CeoCase(
    Guid Id,
    string Reference,
    string Subject,
    string CustomerName,
    ComplaintStatus Status,
    DateTime ReceivedAt,
    DateTime? EscalatedAt,
    string? OwnerName,
    long Version,
    ResolutionKind? OfferKind,
    string? Offer,
    IReadOnlyList<CeoEscalation> Escalations,
    IReadOnlyList<CeoDecisionView> Decisions,
    DateTime AcknowledgementDueAt = default,
    DateTime? ReopenedAt = null);
