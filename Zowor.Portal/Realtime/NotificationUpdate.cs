namespace Zowor.Portal.Realtime;

/// <summary>A personal notification as hub clients see it.</summary>
public sealed record NotificationUpdate(Guid? ComplaintId, string Reference, string Kind);
