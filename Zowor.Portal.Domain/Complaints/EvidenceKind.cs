namespace Zowor.Portal.Domain.Complaints;

/// <summary>What a piece of evidence is (P-30).</summary>
public enum EvidenceKind
{
    /// <summary>Order details.</summary>
    OrderDetails,
    /// <summary>Product records.</summary>
    ProductRecord,
    /// <summary>Communications with the customer or suppliers.</summary>
    Communication,
    /// <summary>Anything else.</summary>
    Other,
}
