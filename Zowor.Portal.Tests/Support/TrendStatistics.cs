using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Tests.Support;

/// <summary>
/// Everything the trend figures use (P-60 to P-63), compared by value: anonymisation (P-51) and the retention job's
/// erasure must leave it as it was. The erasure's own history entry is not part of it.
/// </summary>
internal static class TrendStatistics
{
    public static object Of(Complaint c) => new
    {
        c.Reference,
        c.Channel,
        c.CategoryCode,
        c.Product,
        c.Severity,
        c.PreferredResolution,
        c.Status,
        c.ReceivedAt,
        c.RegisteredAt,
        c.AcknowledgementDueAt,
        AcknowledgedAt = c.Acknowledgement?.At,
        c.ResolvedAt,
        c.EndedAt,
        ClosedAt = c.Closure?.At,
        c.Closure?.Satisfaction,
        c.EscalationLevel,
        c.EscalatedAt,
        c.OwnerId,
        Levels = string.Join(",", c.Escalations.OrderBy(e => e.Id).Select(e => $"{(int)e.FromLevel}>{(int)e.ToLevel}@{e.At:O}:{e.Automatic}")),
        RootCauseCategory = c.RootCause?.Category,
        ResolutionKind = c.Resolution?.Kind,
        c.Resolution?.Amount,
        c.Resolution?.Currency,
        c.Resolution?.CustomerAccepted,
        Evidence = string.Join(",", c.Evidence.OrderBy(e => e.Id).Select(e => $"{e.Kind}@{e.AddedAt:O}")),
        Interviews = c.Interviews.Count,
        Communications = string.Join(",", c.Communications.OrderBy(m => m.Id).Select(m => $"{m.Direction}/{m.Channel}@{m.At:O}")),
        Timeline = string.Join(",", c.History.OrderBy(h => h.Id).Where(h => h.Kind != ComplaintHistoryKinds.Anonymised).Select(h => $"{h.Kind}@{h.At:O}")),
    };
}
