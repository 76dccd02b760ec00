namespace Zowor.Portal.Features.Notifications;

/// <summary>A personal notification (the bell list). Stored, so it survives a restart and reaches a user who was offline.</summary>
public sealed class UserNotification
{
    public long Id { get; private set; }
    public required string UserId { get; init; }
    public Guid? ComplaintId { get; init; }
    public required string Reference { get; init; }

    /// <summary>One of <see cref="NotificationKinds"/>; the UI words it in the user's language.</summary>
    public required string Kind { get; init; }

    /// <summary>Extra detail, e.g. the level escalated to.</summary>
    public string? Detail { get; init; }

    /// <summary>Where the notification leads when it is not a complaint (a memo, the training page), relative to the base.</summary>
    public string? Link { get; init; }

    public DateTime CreatedAt { get; init; }
    public DateTime? ReadAt { get; set; }
}
