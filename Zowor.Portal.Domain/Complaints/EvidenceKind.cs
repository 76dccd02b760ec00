namespace Zowor.Portal.Domain.Complaints;

/// <summary>What a piece of evidence is (P-30).</summary>
public enum EvidenceKind
{
    /// <summary>The first kind of evidence P-30 names.</summary>
    OrderDetails,
    /// <summary>The product's own records, the second kind of evidence P-30 names.</summary>
    ProductRecord,
    /// <summary>Communications with the customer or suppliers.</summary>
    Communication,
    /// <summary>Anything not named by P-30; files the customer uploads are filed here.</summary>
    Other,
}
