namespace Zowor.Portal.Domain.Training;

/// <summary>One staff member completed a course at a session.</summary>
public sealed class TrainingCompletion
{
    private TrainingCompletion()
    {
    }

    internal TrainingCompletion(int courseId, string userId, string userName, DateOnly completedOn, DateOnly? expiresOn)
    {
        CourseId = courseId;
        UserId = userId;
        UserName = userName;
        CompletedOn = completedOn;
        ExpiresOn = expiresOn;
    }

    /// <summary>Database-generated; 0 until the completion is first saved.</summary>
    public long Id { get; private set; }

    /// <summary>The session at which the course was completed.</summary>
    public int SessionId { get; private set; }

    /// <summary>The course completed.</summary>
    public int CourseId { get; private set; }

    /// <summary>The staff member who completed it.</summary>
    public string UserId { get; private set; } = string.Empty;

    /// <summary>Display name at the time, so the record reads without joins.</summary>
    public string UserName { get; private set; } = string.Empty;

    /// <summary>The day of the session (business calendar).</summary>
    public DateOnly CompletedOn { get; private set; }

    /// <summary>The first day the completion no longer counts; null when the course does not expire.</summary>
    public DateOnly? ExpiresOn { get; private set; }
}
