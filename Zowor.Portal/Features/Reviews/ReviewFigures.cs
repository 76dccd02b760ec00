using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Reviews;

/// <summary>
/// A review period's headline figures (P-60, P-61, P-63). <see cref="RefundTotal"/> adds all currencies (kept for packs
/// made before <see cref="RefundsByCurrency"/>, which is null in those).
/// </summary>
public sealed record ReviewFigures(
    int Received,
    IReadOnlyDictionary<string, int> ByChannel,
    IReadOnlyDictionary<string, int> ByCategory,
    int Serious,
    int Acknowledged,
    int AcknowledgedWithin24Hours,
    int AcknowledgementBreaches,
    double? MedianHoursToAcknowledge,
    int Resolved,
    double? MedianDaysToResolve,
    int Closed,
    IReadOnlyDictionary<string, int> EscalationsByLevel,
    IReadOnlyDictionary<string, int> RootCauses,
    IReadOnlyDictionary<string, int> ResolutionMix,
    decimal RefundTotal,
    double? AverageSatisfaction,
    StaffComplianceFigures? StaffCompliance = null,
    IReadOnlyDictionary<string, decimal>? RefundsByCurrency = null,
    ReviewSections? Sections = null)
{
    /// <summary>
    /// P-20 by <see cref="AcknowledgementTarget"/>: <see cref="AcknowledgedWithin24Hours"/> met, <see cref="AcknowledgementBreaches"/>
    /// missed (late, or not acknowledged past the deadline when the pack was made).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public AcknowledgementFigure Within24Hours => new(AcknowledgedWithin24Hours, AcknowledgementBreaches);

    /// <summary>Share acknowledged within 24 hours of the period's complaints whose outcome is known, or null with none.</summary>
    public double? AcknowledgedWithin24HoursRate => Within24Hours.Rate;
}
