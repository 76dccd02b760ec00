using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Domain.Training;

/// <summary>
/// A course staff take (P-80: the complaint procedure, empathy, conflict resolution, and others an Admin adds).
/// A mandatory course counts towards every staff member's compliance; a course with a validity must be retaken.
/// </summary>
public sealed class TrainingCourse
{
    private TrainingCourse()
    {
    }

    /// <summary>Database-generated; 0 until the course is first saved.</summary>
    public int Id { get; private set; }

    /// <summary>The name staff see.</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>What the course covers.</summary>
    public string? Description { get; private set; }

    /// <summary>How many months a completion stays valid; null when it never expires.</summary>
    public int? ValidityMonths { get; private set; }

    /// <summary>Every staff member must hold a valid completion (P-80).</summary>
    public bool IsMandatory { get; private set; }

    /// <summary>Defines a course; a validity, when given, is 1 to <see cref="TrainingLimits.MaxValidityMonths"/> months.</summary>
    public static TrainingCourse Create(string? name, string? description, int? validityMonths, bool mandatory)
    {
        if (validityMonths is < 1 or > TrainingLimits.MaxValidityMonths)
        {
            throw new DomainException("A course stays valid for 1 to {0} months, or does not expire.", TrainingLimits.MaxValidityMonths);
        }

        return new TrainingCourse
        {
            Name = Guard.Text(name, "Course name", TrainingLimits.Name),
            Description = Guard.OptionalText(description, "Description", TrainingLimits.Description),
            ValidityMonths = validityMonths,
            IsMandatory = mandatory,
        };
    }

    /// <summary>
    /// The first day a completion on <paramref name="completedOn"/> is no longer valid, or null when the course does not expire.
    /// </summary>
    public DateOnly? ExpiryFor(DateOnly completedOn) => ValidityMonths is { } months ? completedOn.AddMonths(months) : null;
}
