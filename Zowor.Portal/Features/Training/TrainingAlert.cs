using Zowor.Portal.Domain.Training;

namespace Zowor.Portal.Features.Training;

/// <summary>
/// The daily job flagged one staff member's training on one course (P-80): expiring soon, expired or never taken.
/// Stored so each flag is raised, and its notifications sent, once; a new completion brings a new expiry date and so
/// new flags in time.
/// </summary>
public sealed class TrainingAlert
{
    /// <summary>The <see cref="DueOn"/> of a course never taken (a real date, so the unique index holds on every provider).</summary>
    public static readonly DateOnly NeverCompleted = DateOnly.MinValue;

    public long Id { get; private set; }
    public required string UserId { get; init; }
    public required int CourseId { get; init; }
    public required TrainingStatus Status { get; init; }

    /// <summary>The expiry day the flag is about, or <see cref="NeverCompleted"/>.</summary>
    public required DateOnly DueOn { get; init; }

    public required DateTime RaisedAt { get; init; }
}
