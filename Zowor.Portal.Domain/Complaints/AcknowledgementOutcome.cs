namespace Zowor.Portal.Domain.Complaints;

/// <summary>Where a complaint stands against the 24-hour acknowledgement target (P-20).</summary>
public enum AcknowledgementOutcome
{
    /// <summary>Not acknowledged yet, and its deadline has not passed: not counted either way.</summary>
    Pending,
    /// <summary>Acknowledged by its deadline.</summary>
    Met,
    /// <summary>Acknowledged after its deadline, or the deadline passed while it waited for an acknowledgement.</summary>
    Missed,
}
