namespace Zowor.Portal.Realtime;

/// <summary>What the complaints hub sends to non-Blazor clients (other tools, tests).</summary>
public interface IComplaintClient
{
    /// <summary>A complaint in one of the caller's groups changed.</summary>
    Task ComplaintChanged(ComplaintUpdate update);

    /// <summary>The caller has a new personal notification.</summary>
    Task Notified(NotificationUpdate notification);
}

/// <summary>A complaint change as hub clients see it (no personal data).</summary>
public sealed record ComplaintUpdate(Guid ComplaintId, string Reference, string Status, int Level, int? PreviousLevel, IReadOnlyList<string> Events);

/// <summary>A personal notification as hub clients see it.</summary>
public sealed record NotificationUpdate(Guid? ComplaintId, string Reference, string Kind);
