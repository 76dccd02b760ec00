namespace Zowor.Portal.Domain.Reviews;

/// <summary>The rule for a decision's status on a given day.</summary>
public static class ReviewDecisions
{
    /// <summary>Done when recorded done on or before <paramref name="asOf"/>; overdue when its due day is before it; open otherwise.</summary>
    public static ReviewDecisionStatus StatusOn(DateOnly asOf, DateOnly? dueOn, DateOnly? doneOn) =>
        doneOn is { } done && done <= asOf ? ReviewDecisionStatus.Done
        : dueOn is { } due && due < asOf ? ReviewDecisionStatus.Overdue
        : ReviewDecisionStatus.Open;
}
