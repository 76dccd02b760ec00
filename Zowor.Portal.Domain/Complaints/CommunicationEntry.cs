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

    /// <summary>Storage key.</summary>
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

    /// <summary>Name of who logged it.</summary>
    public string ByName { get; private set; }

    internal void Erase(string replacement) => Summary = replacement;
}
