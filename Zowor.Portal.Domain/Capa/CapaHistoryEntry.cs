namespace Zowor.Portal.Domain.Capa;

/// <summary>One line of the CAPA's append-only history: who did what when.</summary>
public sealed class CapaHistoryEntry
{
    private CapaHistoryEntry()
    {
        ActorId = string.Empty;
        ActorName = string.Empty;
        What = string.Empty;
    }

    internal CapaHistoryEntry(int sequence, DateTime at, string actorId, string actorName, string what, string? details)
    {
        Sequence = sequence;
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        What = what;
        Details = details;
    }

    /// <summary>1, 2, 3… in the order of the changes.</summary>
    public int Sequence { get; private set; }

    /// <summary>When (UTC).</summary>
    public DateTime At { get; private set; }

    /// <summary>User id, or <c>system</c>.</summary>
    public string ActorId { get; private set; }

    /// <summary>
    /// Copied when the entry is written, so the history reads as it happened without looking users up.
    /// </summary>
    public string ActorName { get; private set; }

    /// <summary>What happened (an English phrase, also a localization key).</summary>
    public string What { get; private set; }

    /// <summary>Free text: the new status, the action, the note.</summary>
    public string? Details { get; private set; }
}
