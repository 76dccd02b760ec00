using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;

namespace Zowor.Portal.Features.Complaints;

public sealed record QueueQuery
{
    public const string Unassigned = "-";

    public IReadOnlyList<EscalationLevel> Levels { get; init; } = [EscalationLevel.CustomerServiceManager];
    public ComplaintStatus? Status { get; init; }
    public ComplaintChannel? Channel { get; init; }
    public ComplaintSeverity? Severity { get; init; }
    public string? CategoryCode { get; init; }
    /// <summary>A user id, <see cref="QueueFilter.Me"/> (the reader, at every level) or <see cref="Unassigned"/>.</summary>
    public string? OwnerId { get; init; }
    public string? Search { get; init; }
    public bool Due { get; init; }
    public bool Waiting { get; init; }
    public int? ClosedWithinDays { get; init; }
    public QueueSort Sort { get; init; } = QueueSort.Urgency;
    public bool Descending { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}
