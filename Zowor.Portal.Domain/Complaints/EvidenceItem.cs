namespace Zowor.Portal.Domain.Complaints;

/// <summary>A piece of evidence gathered in the investigation (P-30).</summary>
public sealed class EvidenceItem
{
    private EvidenceItem()
    {
        Description = string.Empty;
        AddedById = string.Empty;
        AddedByName = string.Empty;
    }

    internal EvidenceItem(EvidenceKind kind, string description, DateTime addedAt, string addedById, string addedByName, EvidenceFile? file = null, bool fromCustomer = false)
    {
        File = file;
        FromCustomer = fromCustomer;
        Kind = kind;
        Description = description;
        AddedAt = addedAt;
        AddedById = addedById;
        AddedByName = addedByName;
    }

    /// <summary>Database-generated; 0 until the item is first saved.</summary>
    public int Id { get; private set; }

    /// <summary>Order details, product record, communication or other.</summary>
    public EvidenceKind Kind { get; private set; }

    /// <summary>What the evidence shows and where it is.</summary>
    public string Description { get; private set; }

    /// <summary>When it was added (UTC).</summary>
    public DateTime AddedAt { get; private set; }

    /// <summary>An Identity user id, or the customer actor's id for files the customer uploaded.</summary>
    public string AddedById { get; private set; }

    /// <summary>Copied when the item is added, so pages show it without looking the user up.</summary>
    public string AddedByName { get; private set; }

    /// <summary>Whether the customer sent it (web form or status page) rather than staff gathering it.</summary>
    public bool FromCustomer { get; private set; }

    /// <summary>The stored file, when the evidence is a document or photo.</summary>
    public EvidenceFile? File { get; private set; }

    internal void Erase(string replacement)
    {
        Description = replacement;
        File = File?.Erased(replacement);
    }
}
