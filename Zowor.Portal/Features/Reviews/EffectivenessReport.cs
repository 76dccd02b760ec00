namespace Zowor.Portal.Features.Reviews;

/// <summary>The effectiveness figures of the last months, oldest first.</summary>
public sealed record EffectivenessReport(
    IReadOnlyList<EffectivenessMonth> Months,
    IReadOnlyList<SatisfactionCell> SatisfactionByCategory,
    IReadOnlyList<SatisfactionCell> SatisfactionByChannel,
    IReadOnlyList<SatisfactionCell> SatisfactionByHandler);
