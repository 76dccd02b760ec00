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

/// <summary>The rule for a decision's status on a given day.</summary>
public static class ReviewDecisions
{
    /// <summary>Done when recorded done on or before <paramref name="asOf"/>; overdue when its due day is before it; open otherwise.</summary>
    public static ReviewDecisionStatus StatusOn(DateOnly asOf, DateOnly? dueOn, DateOnly? doneOn) =>
        doneOn is { } done && done <= asOf ? ReviewDecisionStatus.Done
        : dueOn is { } due && due < asOf ? ReviewDecisionStatus.Overdue
        : ReviewDecisionStatus.Open;
}
