using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Features.Notifications;

/// <summary>
/// Turns a complaint's new domain events into personal notifications, added to the same context as the change so
/// both are saved in one transaction: a notification is never lost nor sent for a change that was not saved.
/// Assignment notifies the new owner; escalation notifies everyone who works the receiving level. Nobody is told
/// about their own action.
/// </summary>
public static class NotificationPlanner
{
    public static async Task<IReadOnlyList<UserNotification>> PlanAsync(PortalDbContext db, Complaint complaint, Actor actor, DateTime now, CancellationToken cancellationToken)
    {
        var planned = new List<UserNotification>();
        foreach (var domainEvent in complaint.DomainEvents)
        {
            switch (domainEvent)
            {
                case ComplaintAssigned assigned when assigned.OwnerId != actor.Id:
                    planned.Add(New(assigned.OwnerId, complaint, NotificationKinds.Assigned, null, now));
                    break;
                case ComplaintEscalated escalated:
                    var roles = RealtimeGroups.RolesWatching(escalated.To).ToArray();
                    var recipients = await db.Users
                        .Where(u => u.Id != actor.Id && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name!))))
                        .Select(u => u.Id)
                        .ToListAsync(cancellationToken);
                    planned.AddRange(recipients.Select(id => New(id, complaint, NotificationKinds.Escalated, ((int)escalated.To).ToString(System.Globalization.CultureInfo.InvariantCulture), now)));
                    break;
            }
        }

        db.Set<UserNotification>().AddRange(planned);
        return planned;
    }

    private static UserNotification New(string userId, Complaint complaint, string kind, string? detail, DateTime now) => new()
    {
        UserId = userId,
        ComplaintId = complaint.Id,
        Reference = complaint.Reference,
        Kind = kind,
        Detail = detail,
        CreatedAt = now,
    };
}
