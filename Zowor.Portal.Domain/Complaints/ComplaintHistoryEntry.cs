namespace Zowor.Portal.Domain.Complaints;

/// <summary>
/// One line of the append-only audit trail: who did what when, with the value before and after.
/// Entries are only ever added; nothing in the domain changes or removes one.
/// </summary>
public sealed class ComplaintHistoryEntry
{
    private ComplaintHistoryEntry()
    {
        Kind = string.Empty;
        ActorId = string.Empty;
        ActorName = string.Empty;
    }

    internal ComplaintHistoryEntry(DateTime at, string actorId, string actorName, string kind, string? before, string? after, string? details)
    {
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        Kind = kind;
        Before = before;
        After = after;
        Details = details;
    }

    /// <summary>Storage key; also the order of entries.</summary>
    public long Id { get; private set; }

    /// <summary>When (UTC).</summary>
    public DateTime At { get; private set; }

    /// <summary>User id, or <c>system</c> / <c>customer</c>.</summary>
    public string ActorId { get; private set; }

    /// <summary>Name of who acted.</summary>
    public string ActorName { get; private set; }

    /// <summary>What happened, one of <see cref="ComplaintHistoryKinds"/>.</summary>
    public string Kind { get; private set; }

    /// <summary>The value before, when something changed.</summary>
    public string? Before { get; private set; }

    /// <summary>The value after, when something changed.</summary>
    public string? After { get; private set; }

    /// <summary>Free text: reason, note or summary.</summary>
    public string? Details { get; private set; }
}
