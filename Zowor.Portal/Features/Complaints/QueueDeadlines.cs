using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Settings;

namespace Zowor.Portal.Features.Complaints;

/// <summary>The deadline a queue row counts down to: acknowledgement (P-20) while unacknowledged, then the level-1 target.</summary>
public static class QueueDeadlines
{
    public static DateTime DueAt(QueueRow row, PortalSettings settings) =>
        row.Status == ComplaintStatus.Received
            ? row.AcknowledgementDueAt
            : row.ReceivedAt.AddDays(settings.Level1ResolutionDays);

    /// <summary>How long before the deadline the countdown turns amber: the acknowledgement warning, or two days.</summary>
    public static TimeSpan WarningBefore(QueueRow row, PortalSettings settings) =>
        row.Status == ComplaintStatus.Received
            ? ComplaintLimits.AcknowledgementWindow - TimeSpan.FromHours(settings.AcknowledgementWarningHours)
            : TimeSpan.FromDays(2);
}
