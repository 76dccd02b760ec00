namespace Zowor.Portal.Domain.Complaints;

/// <summary>The form of compensation (P-40).</summary>
public enum CompensationKind
{
    /// <summary>Extended warranty.</summary>
    ExtendedWarranty,
    /// <summary>A discount on a future order.</summary>
    Discount,
    /// <summary>A goodwill gesture.</summary>
    Goodwill,
}
