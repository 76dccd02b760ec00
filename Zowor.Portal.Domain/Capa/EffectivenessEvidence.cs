namespace Zowor.Portal.Domain.Capa;

/// <summary>
/// How often the problem recurred in the window before the implementation and in the same window after it (P-61).
/// The counts come from the database; this only compares them.
/// </summary>
/// <param name="Before">Matching complaints in the window before.</param>
/// <param name="After">Matching complaints in the window after.</param>
/// <param name="WindowDays">The window length.</param>
/// <param name="WindowComplete">Whether the window after has fully passed.</param>
public sealed record EffectivenessEvidence(int Before, int After, int WindowDays, bool WindowComplete)
{
    /// <summary>Change in per cent from before to after (−100 = gone); null when there was nothing before.</summary>
    public decimal? ChangePercent => Before == 0 ? null : Math.Round((After - Before) * 100m / Before, 1);

    /// <summary>
    /// What the figures suggest: the problem fell (fewer recurrences after than before, or none at all after). Quality
    /// decides; the portal only shows the figure.
    /// </summary>
    public bool SuggestsEffective => After == 0 || After < Before;
}
