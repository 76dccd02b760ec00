namespace Zowor.Portal.Features.Complaints;

/// <summary>Deadline thresholds (section <c>Deadlines</c>). The acknowledgement deadline itself is P-20's 24 hours, fixed in the domain.</summary>
public sealed class DeadlineOptions
{
    public const string Section = "Deadlines";

    /// <summary>An unacknowledged complaint turns amber this many hours after receipt.</summary>
    public int AcknowledgementWarningHours { get; set; } = 18;

    /// <summary>Level-1 resolution target, in days from receipt (P-70, P-71).</summary>
    public int Level1ResolutionDays { get; set; } = 10;

    /// <summary>The deadline the queue counts down to: acknowledgement while unacknowledged, then resolution.</summary>
    public DateTime DueAt(QueueRow row) =>
        row.Status == Domain.Complaints.ComplaintStatus.Received
            ? row.AcknowledgementDueAt
            : row.ReceivedAt.AddDays(Level1ResolutionDays);

    /// <summary>How long before the deadline the countdown turns amber.</summary>
    public TimeSpan WarningBefore(QueueRow row) =>
        row.Status == Domain.Complaints.ComplaintStatus.Received
            ? Domain.Complaints.ComplaintLimits.AcknowledgementWindow - TimeSpan.FromHours(AcknowledgementWarningHours)
            : TimeSpan.FromDays(2);
}
