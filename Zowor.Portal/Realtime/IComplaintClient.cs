namespace Zowor.Portal.Realtime;

/// <summary>What the complaints hub sends to non-Blazor clients (other tools, tests).</summary>
public interface IComplaintClient
{
    /// <summary>A complaint in one of the caller's groups changed.</summary>
    Task ComplaintChanged(ComplaintUpdate update);

    /// <summary>The caller has a new personal notification.</summary>
    Task Notified(NotificationUpdate notification);
}
