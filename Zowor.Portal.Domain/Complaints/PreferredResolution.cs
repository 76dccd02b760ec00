namespace Zowor.Portal.Domain.Complaints;

/// <summary>The resolution the customer asks for when complaining (P-11).</summary>
public enum PreferredResolution
{
    /// <summary>A product or service of equal value.</summary>
    Replacement,
    /// <summary>Money back.</summary>
    Refund,
    /// <summary>Extended warranty, a discount or a goodwill gesture.</summary>
    Compensation,
    /// <summary>An explanation or apology.</summary>
    Explanation,
    /// <summary>The customer has no preference.</summary>
    NoPreference,
}
