using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;

namespace Zowor.Portal.Features.Customers;

/// <summary>What a customer sees about their complaint.</summary>
public sealed record CustomerCaseView(
    string Reference,
    ComplaintStatus Status,
    DateTime ReceivedAt,
    DateTime? AcknowledgedAt,
    DateOnly? EstimatedResolutionDate,
    EscalationLevel Level,
    bool CanAddInformation,
    bool CanAskForCeo,
    IReadOnlyList<CustomerUpdate> Updates,
    string Access,
    IReadOnlyList<EstimateChange> EstimateHistory,
    string? DuplicateOf = null);
