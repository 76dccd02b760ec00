namespace Zowor.Portal.Domain.Complaints;

/// <summary>The investigation's finding (P-30): a taxonomy category for trends, what happened, and what contributed.</summary>
/// <param name="Category">Root-cause category.</param>
/// <param name="Description">What caused the problem.</param>
/// <param name="ContributingFactors">Other factors that made it possible or worse.</param>
/// <param name="RecordedAt">When (UTC).</param>
/// <param name="RecordedById">User id of who recorded it.</param>
/// <param name="RecordedByName">Name of who recorded it.</param>
public sealed record RootCause(
    RootCauseCategory Category,
    string Description,
    string? ContributingFactors,
    DateTime RecordedAt,
    string RecordedById,
    string RecordedByName);
