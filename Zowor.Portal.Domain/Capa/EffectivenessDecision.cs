namespace Zowor.Portal.Domain.Capa;

/// <summary>Quality's decision on whether the fix worked (P-61), with the evidence it saw.</summary>
/// <param name="Effective">Whether the problem stopped recurring.</param>
/// <param name="Note">Why (required when not effective).</param>
/// <param name="Before">Recurrences in the window before implementation, as shown.</param>
/// <param name="After">Recurrences in the window after implementation, as shown.</param>
/// <param name="At">When (UTC).</param>
/// <param name="ById">Who decided.</param>
/// <param name="ByName">Their name.</param>
public sealed record EffectivenessDecision(bool Effective, string? Note, int Before, int After, DateTime At, string ById, string ByName);
