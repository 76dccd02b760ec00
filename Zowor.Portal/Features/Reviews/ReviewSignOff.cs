namespace Zowor.Portal.Features.Reviews;

/// <summary>
/// A role's sign-off of a review pack (P-63): who, when, for which role. One per pack and role, kept by a unique key,
/// so two clicks or two nodes never record it twice.
/// </summary>
public sealed class ReviewSignOff
{
    public int Id { get; private set; }
    public required int ReviewPackId { get; init; }

    /// <summary>The role signed for (Quality or CCO).</summary>
    public required string Role { get; init; }

    public required string SignedById { get; init; }
    public required string SignedByName { get; init; }
    public required DateTime SignedAt { get; init; }
}
