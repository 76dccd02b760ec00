namespace Zowor.Portal.Domain.Reviews;

/// <summary>Where a review's decision stands when the next review looks back at it (ISO 9001 9.3.3, P-63).</summary>
public enum ReviewDecisionStatus
{
    /// <summary>Not done yet, and not past its due date.</summary>
    Open,
    /// <summary>Not done and past its due date.</summary>
    Overdue,
    /// <summary>Recorded as done.</summary>
    Done,
}
