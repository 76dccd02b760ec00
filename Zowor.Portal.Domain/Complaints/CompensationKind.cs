namespace Zowor.Portal.Domain.Complaints;

/// <summary>The form of compensation (P-40).</summary>
public enum CompensationKind
{
    /// <summary>
    /// One of the compensations P-40 names. Stored by name, so renaming a member needs a data migration.
    /// </summary>
    ExtendedWarranty,
    /// <summary>A discount on a future order.</summary>
    Discount,
    /// <summary>A goodwill gesture.</summary>
    Goodwill,
}
