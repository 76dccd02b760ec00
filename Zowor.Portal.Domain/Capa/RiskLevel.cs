namespace Zowor.Portal.Domain.Capa;

/// <summary>Risk level from severity × likelihood.</summary>
public enum RiskLevel
{
    /// <summary>Score 1–5.</summary>
    Low,
    /// <summary>Score 6–14.</summary>
    Medium,
    /// <summary>Score 15–25.</summary>
    High,
}
