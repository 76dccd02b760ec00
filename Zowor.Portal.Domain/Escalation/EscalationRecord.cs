namespace Zowor.Portal.Domain.Escalation;

/// <summary>One step up the escalation ladder: who, when, why, and whether a rule did it.</summary>
public sealed class EscalationRecord
{
    private EscalationRecord()
    {
        Reason = string.Empty;
        ById = string.Empty;
        ByName = string.Empty;
    }

    internal EscalationRecord(EscalationLevel from, EscalationLevel to, string reason, bool automatic, DateTime at, string byId, string byName)
    {
        FromLevel = from;
        ToLevel = to;
        Reason = reason;
        Automatic = automatic;
        At = at;
        ById = byId;
        ByName = byName;
    }

    /// <summary>Database-generated; 0 until the record is first saved.</summary>
    public int Id { get; private set; }

    /// <summary>Level before.</summary>
    public EscalationLevel FromLevel { get; private set; }

    /// <summary>Level after.</summary>
    public EscalationLevel ToLevel { get; private set; }

    /// <summary>Why it was escalated.</summary>
    public string Reason { get; private set; }

    /// <summary>True when a deadline or severity rule escalated it, false when a person did.</summary>
    public bool Automatic { get; private set; }

    /// <summary>When (UTC).</summary>
    public DateTime At { get; private set; }

    /// <summary>User id of who escalated.</summary>
    public string ById { get; private set; }

    /// <summary>Copied when the level rises (the system actor's name for automatic escalations).</summary>
    public string ByName { get; private set; }

    internal void Erase(string replacement) => Reason = Automatic ? Reason : replacement;
}
