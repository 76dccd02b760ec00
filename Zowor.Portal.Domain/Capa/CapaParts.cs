namespace Zowor.Portal.Domain.Capa;

/// <summary>A complaint the CAPA is about; the reference is kept so lists read without joins.</summary>
/// <param name="ComplaintId">The complaint.</param>
/// <param name="Reference">Its reference (ZW-…).</param>
public sealed record CapaComplaintLink(Guid ComplaintId, string Reference);

/// <summary>The notes for one fishbone category.</summary>
/// <param name="Category">The category.</param>
/// <param name="Notes">What the team found there.</param>
public sealed record FishboneNote(FishboneCategory Category, string Notes);

/// <summary>Quality's decision on whether the fix worked (P-61), with the evidence it saw.</summary>
/// <param name="Effective">Whether the problem stopped recurring.</param>
/// <param name="Note">Why (required when not effective).</param>
/// <param name="Before">Recurrences in the window before implementation, as shown.</param>
/// <param name="After">Recurrences in the window after implementation, as shown.</param>
/// <param name="At">When (UTC).</param>
/// <param name="ById">Who decided.</param>
/// <param name="ByName">Their name.</param>
public sealed record EffectivenessDecision(bool Effective, string? Note, int Before, int After, DateTime At, string ById, string ByName);

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
