namespace Zowor.Portal.Domain.Complaints;

/// <summary>The kind of resolution offered (P-40).</summary>
public enum ResolutionKind
{
    /// <summary>A product or service of equal value.</summary>
    Replacement,
    /// <summary>The whole price back.</summary>
    FullRefund,
    /// <summary>Part of the price back; needs an amount.</summary>
    PartialRefund,
    /// <summary>Extended warranty, discount or goodwill gesture.</summary>
    Compensation,
    /// <summary>An explanation only, no remedy.</summary>
    ExplanationOnly,
}
