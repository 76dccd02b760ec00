using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;

namespace Zowor.Portal.Features.Complaints;

public sealed record QueueRow(
    Guid Id,
    string Reference,
    DateTime ReceivedAt,
    string CustomerName,
    string Subject,
    string CategoryCode,
    ComplaintChannel Channel,
    ComplaintSeverity Severity,
    ComplaintStatus Status,
    EscalationLevel Level,
    string? OwnerName,
    DateTime AcknowledgementDueAt,
    bool AcknowledgementBreached,
    bool CustomerUpdateDue,
    DateTime? EscalatedAt,
    DateTime? ReopenedAt = null,
    bool PastEstimatedDate = false,
    long Version = 0,
    DateTime? EndedAt = null);
