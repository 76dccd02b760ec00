using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Domain.Capa;

/// <summary>Risk of the problem: severity (1–5) × likelihood (1–5), a 5×5 matrix as ISO 9001 risk registers use.</summary>
/// <param name="Severity">How bad it is when it happens, 1–5.</param>
/// <param name="Likelihood">How likely it is to happen again, 1–5.</param>
public sealed record CapaRisk(int Severity, int Likelihood)
{
    /// <summary>Severity × likelihood, 1–25.</summary>
    public int Score => Severity * Likelihood;

    /// <summary>Low up to 5, medium up to 14, high from 15.</summary>
    public RiskLevel Level => LevelOf(Score);

    /// <summary>The level of a score: 1–5 low, 6–14 medium, 15–25 high.</summary>
    public static RiskLevel LevelOf(int score) => score switch
    {
        >= 15 => RiskLevel.High,
        >= 6 => RiskLevel.Medium,
        _ => RiskLevel.Low,
    };

    /// <summary>Creates the risk, refusing values outside 1–5.</summary>
    public static CapaRisk Create(int severity, int likelihood)
    {
        if (severity is < CapaLimits.MinScore or > CapaLimits.MaxScore)
        {
            throw new DomainException("Severity must be between 1 and 5.");
        }

        if (likelihood is < CapaLimits.MinScore or > CapaLimits.MaxScore)
        {
            throw new DomainException("Likelihood must be between 1 and 5.");
        }

        return new CapaRisk(severity, likelihood);
    }
}
