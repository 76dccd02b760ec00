namespace Zowor.Portal.Domain.Capa;

/// <summary>The notes for one fishbone category.</summary>
/// <param name="Category">The category.</param>
/// <param name="Notes">What the team found there.</param>
public sealed record FishboneNote(FishboneCategory Category, string Notes);
