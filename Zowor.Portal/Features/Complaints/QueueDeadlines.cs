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
        DueAt(row.Status, row.Level, row.ReceivedAt, row.AcknowledgementDueAt, row.EscalatedAt, row.ReopenedAt, settings);

    /// <summary>The same deadline from a complaint's own dates (the CEO review page has no queue row).</summary>
    public static DateTime DueAt(
        ComplaintStatus status, Domain.Escalation.EscalationLevel level, DateTime receivedAt, DateTime acknowledgementDueAt,
        DateTime? escalatedAt, DateTime? reopenedAt, PortalSettings settings) =>
        status == ComplaintStatus.Received
            ? acknowledgementDueAt
            : level == Domain.Escalation.EscalationLevel.CustomerServiceManager || escalatedAt is null
                ? Later(receivedAt, reopenedAt) + settings.Escalation.Level1ResolutionTarget
                : Later(escalatedAt.Value, reopenedAt) + settings.Escalation.Level2ResolutionTarget;

    // A reopening restarts the target (P-71, P-72), as the deadline scan counts it.
    private static DateTime Later(DateTime start, DateTime? reopenedAt) => reopenedAt is { } reopened && reopened > start ? reopened : start;

    /// <summary>How long before the deadline the countdown turns amber: the acknowledgement warning, or two days.</summary>
    public static TimeSpan WarningBefore(QueueRow row, PortalSettings settings) => WarningBefore(row.Status, settings);

    /// <summary>How long before the deadline the countdown turns amber, for a complaint in <paramref name="status"/>.</summary>
    public static TimeSpan WarningBefore(ComplaintStatus status, PortalSettings settings) =>
        status == ComplaintStatus.Received
            ? ComplaintLimits.AcknowledgementWindow - TimeSpan.FromHours(settings.AcknowledgementWarningHours)
            : TimeSpan.FromDays(2);
}
