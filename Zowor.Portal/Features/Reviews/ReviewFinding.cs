namespace Zowor.Portal.Features.Reviews;

/// <summary>
/// One finding of a review (P-63) and what was decided about it: who acts and by when. Findings are only ever added,
/// so the list reads as the review's timeline of who recorded what.
/// </summary>
public sealed class ReviewFinding
{
    public const int MaxTextLength = 2000;
    public const int MaxOwnerLength = 200;

    public int Id { get; private set; }
    public required int ReviewPackId { get; init; }

    /// <summary>What the review found.</summary>
    public required string Text { get; init; }

    /// <summary>What was decided about it.</summary>
    public required string Decision { get; init; }

    /// <summary>Who carries the decision out (a name or team, free text).</summary>
    public string? Owner { get; init; }

    /// <summary>By when, in the business calendar.</summary>
    public DateOnly? DueDate { get; init; }

    public required DateTime AddedAt { get; init; }
    public required string AddedById { get; init; }
    public required string AddedByName { get; init; }

    /// <summary>The business day the decision was recorded as carried out; the next review shows its status from this.</summary>
    public DateOnly? DoneOn { get; private set; }

    /// <summary>Who recorded it done.</summary>
    public string? DoneByName { get; private set; }

    /// <summary>Records that the decision was carried out, once.</summary>
    public void MarkDone(DateOnly on, string byName)
    {
        if (DoneOn is not null)
        {
            throw new Domain.Common.DomainException("This decision is already recorded as done.");
        }

        DoneOn = on;
        DoneByName = byName;
    }
}
