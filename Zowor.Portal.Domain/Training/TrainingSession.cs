using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Domain.Training;

/// <summary>
/// A training session held on a day by a trainer; each attendee's <see cref="TrainingCompletion"/> is recorded with it,
/// with the expiry the course's validity gives (P-80 evidence).
/// </summary>
public sealed class TrainingSession
{
    private readonly List<TrainingCompletion> _completions = [];

    private TrainingSession()
    {
    }

    /// <summary>Database-generated; 0 until the session is first saved.</summary>
    public int Id { get; private set; }

    /// <summary>The course taught.</summary>
    public int CourseId { get; private set; }

    /// <summary>The day it took place (business calendar).</summary>
    public DateOnly HeldOn { get; private set; }

    /// <summary>Who gave it.</summary>
    public string Trainer { get; private set; } = string.Empty;

    /// <summary>Anything worth keeping about it.</summary>
    public string? Notes { get; private set; }

    /// <summary>
    /// Identity user id of the staff member who entered the session; not necessarily the <see cref="Trainer"/>, which
    /// is free text.
    /// </summary>
    public string RecordedById { get; private set; } = string.Empty;

    /// <summary>When it was recorded (UTC).</summary>
    public DateTime RecordedAt { get; private set; }

    /// <summary>One completion per attendee.</summary>
    public IReadOnlyList<TrainingCompletion> Completions => _completions;

    /// <summary>
    /// Records a session that took place (not one planned: <paramref name="heldOn"/> may not be after <paramref name="today"/>)
    /// with at least one attendee; every attendee completes the course on that day.
    /// </summary>
    public static TrainingSession Record(
        TrainingCourse course,
        DateOnly heldOn,
        string? trainer,
        string? notes,
        IReadOnlyCollection<Actor> attendees,
        DateOnly today,
        Actor recordedBy,
        DateTime at)
    {
        ArgumentNullException.ThrowIfNull(course);
        Guard.Actor(recordedBy);
        if (heldOn > today)
        {
            throw new DomainException("Record a session once it has taken place: the date cannot be in the future.");
        }

        var people = attendees.DistinctBy(a => a.Id).ToList();
        if (people.Count == 0)
        {
            throw new DomainException("Choose at least one attendee.");
        }

        var session = new TrainingSession
        {
            CourseId = course.Id,
            HeldOn = heldOn,
            Trainer = Guard.Text(trainer, "Trainer", TrainingLimits.Trainer),
            Notes = Guard.OptionalText(notes, "Notes", TrainingLimits.Notes),
            RecordedById = recordedBy.Id,
            RecordedAt = Guard.Utc(at, nameof(at)),
        };
        var expires = course.ExpiryFor(heldOn);
        session._completions.AddRange(people.Select(p => new TrainingCompletion(course.Id, p.Id, p.Name, heldOn, expires)));
        return session;
    }
}
