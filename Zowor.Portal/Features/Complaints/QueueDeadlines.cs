using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Settings;

namespace Zowor.Portal.Features.Complaints;

/// <summary>
/// The deadline a queue row counts down to: acknowledgement (P-20) while unacknowledged, then its level's resolution
/// target (level 1 from receipt, level 2 from the escalation, both from a later reopening); level 3 has no further target, so it counts to the
/// level-2 one it missed.
/// </summary>
public static class QueueDeadlines
{
    public static DateTime DueAt(QueueRow row, PortalSettings settings) =>
        row.Status == ComplaintStatus.Received
            ? row.AcknowledgementDueAt
            : row.Level == Domain.Escalation.EscalationLevel.CustomerServiceManager || row.EscalatedAt is null
                ? Later(row.ReceivedAt, row.ReopenedAt) + settings.Escalation.Level1ResolutionTarget
                : Later(row.EscalatedAt.Value, row.ReopenedAt) + settings.Escalation.Level2ResolutionTarget;

    // A reopening restarts the target (P-71, P-72), as the deadline scan counts it.
    private static DateTime Later(DateTime start, DateTime? reopenedAt) => reopenedAt is { } reopened && reopened > start ? reopened : start;

    /// <summary>How long before the deadline the countdown turns amber: the acknowledgement warning, or two days.</summary>
    public static TimeSpan WarningBefore(QueueRow row, PortalSettings settings) =>
        row.Status == ComplaintStatus.Received
            ? ComplaintLimits.AcknowledgementWindow - TimeSpan.FromHours(settings.AcknowledgementWarningHours)
            : TimeSpan.FromDays(2);
}
