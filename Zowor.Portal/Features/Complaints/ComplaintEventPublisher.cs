using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Notifications;
using Zowor.Portal.Platform.Operations;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Features.Complaints;

/// <summary>After a complaint change is saved: publishes it live, tells the notified users, then clears the domain events.</summary>
public sealed class ComplaintEventPublisher(LivePublisher live, PortalMetrics metrics)
{
    public void Publish(Complaint complaint, Actor changedBy, EscalationLevel? levelBefore, IReadOnlyList<UserNotification> notifications)
    {
        if (complaint.DomainEvents.Count > 0)
        {
            metrics.Record(complaint.DomainEvents);
            live.Publish(new ComplaintChanged(complaint.Id, complaint.Reference, complaint.Status, complaint.EscalationLevel, levelBefore,
                changedBy.Id, complaint.DomainEvents.Select(e => e.GetType().Name).ToArray()));
        }

        foreach (var notification in notifications)
        {
            live.Publish(new UserNotified(notification.UserId, notification.ComplaintId, notification.Reference, notification.Kind));
        }

        complaint.ClearDomainEvents();
    }
}
