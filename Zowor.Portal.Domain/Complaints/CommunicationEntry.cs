namespace Zowor.Portal.Domain.Complaints;

/// <summary>One contact with the customer, in either direction.</summary>
public sealed class CommunicationEntry
{
    private CommunicationEntry()
    {
        Summary = string.Empty;
        ById = string.Empty;
        ByName = string.Empty;
    }

    internal CommunicationEntry(CommunicationDirection direction, CommunicationChannel channel, string summary, DateTime at, string byId, string byName)
    {
        Direction = direction;
        Channel = channel;
        Summary = summary;
        At = at;
        ById = byId;
        ByName = byName;
    }

    /// <summary>Database-generated; 0 until the entry is first saved.</summary>
    public int Id { get; private set; }

    /// <summary>Inbound from the customer or outbound to them.</summary>
    public CommunicationDirection Direction { get; private set; }

    /// <summary>E-mail, phone, status page or other.</summary>
    public CommunicationChannel Channel { get; private set; }

    /// <summary>What was said.</summary>
    public string Summary { get; private set; }

    /// <summary>When (UTC).</summary>
    public DateTime At { get; private set; }

    /// <summary>User id of who logged it.</summary>
    public string ById { get; private set; }

    /// <summary>Copied when the contact is logged, so pages show it without looking the user up.</summary>
    public string ByName { get; private set; }

    internal void Erase(string replacement) => Summary = replacement;
}
