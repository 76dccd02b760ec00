namespace Zowor.Portal.Features.Complaints;

/// <summary>The views every user has on the queue and the board (issue 17); each is a filter, so each is a link.</summary>
public static class BuiltInQueueViews
{
    public static readonly QueueFilter AllOpen = new();

    /// <summary>The user's own open complaints at every level (a case escalated to level 2 stays on its owner's list).</summary>
    public static readonly QueueFilter AssignedToMe = new() { Owner = QueueFilter.Me };

    public static readonly QueueFilter Unassigned = new() { Owner = QueueQuery.Unassigned };

    public static readonly QueueFilter BreachedOrDueToday = new() { Due = true };

    public static readonly QueueFilter WaitingForCustomer = new() { Waiting = true };

    public static readonly QueueFilter ClosedLast30Days = new() { ClosedWithinDays = 30 };

    /// <summary>In the order the views row shows them (QueueViews names each by its id): an id, the filter.</summary>
    public static readonly IReadOnlyList<(string Id, QueueFilter Filter)> All =
    [
        ("view-all", AllOpen),
        ("view-mine", AssignedToMe),
        ("view-unassigned", Unassigned),
        ("view-due", BreachedOrDueToday),
        ("view-waiting", WaitingForCustomer),
        ("view-closed", ClosedLast30Days),
    ];

    /// <summary>Whether <paramref name="filter"/> shows the view (on any page, in any order or page size).</summary>
    public static bool Shows(QueueFilter filter, QueueFilter view) =>
        filter with { Page = 0, Sort = QueueSort.Urgency, Descending = false, PageSize = 25 } == view;
}
