
namespace Zowor.Portal.Features.Notifications;

public sealed record NotificationList(IReadOnlyList<UserNotification> Recent, int Unread);
