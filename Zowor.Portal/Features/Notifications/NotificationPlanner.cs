using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Identity;
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
                    var watching = await UsersInRolesAsync(db, RealtimeGroups.RolesWatching(escalated.To), actor, cancellationToken);
                    planned.AddRange(watching.Select(id => New(id, complaint, NotificationKinds.Escalated, ((int)escalated.To).ToString(System.Globalization.CultureInfo.InvariantCulture), now)));
                    break;
                case ComplaintDeadlineFlagged { Kind: ComplaintHistoryKinds.AcknowledgementBreached }:
                    // P-20 breached: the level-1 owner (CSM) and the Chief Customer Officer both hear of it, and the case owner.
                    var managers = await UsersInRolesAsync(db, [PortalRoles.Csm, PortalRoles.Cco], actor, cancellationToken);
                    var breachRecipients = complaint.OwnerId is { } breachOwner ? managers.Append(breachOwner).Distinct() : managers;
                    planned.AddRange(breachRecipients.Select(id => New(id, complaint, NotificationKinds.AcknowledgementBreached, null, now)));
                    break;
                case ComplaintDeadlineFlagged { Kind: ComplaintHistoryKinds.CustomerUpdateDue } when complaint.OwnerId is { } updateOwner:
                    planned.Add(New(updateOwner, complaint, NotificationKinds.CustomerUpdateDue, null, now));
                    break;
                case ComplaintUpdated { Kind: ComplaintHistoryKinds.CustomerEmailReceived or ComplaintHistoryKinds.CustomerEmailAfterEnd or ComplaintHistoryKinds.EmailNotDelivered } mailEvent:
                    // The owner hears of the customer's e-mail (or of mail that never reached them); an unowned case goes to the CSMs.
                    var mailKind = mailEvent.Kind switch
                    {
                        ComplaintHistoryKinds.CustomerEmailReceived => NotificationKinds.CustomerReplied,
                        ComplaintHistoryKinds.CustomerEmailAfterEnd => NotificationKinds.CustomerWroteAfterEnd,
                        _ => NotificationKinds.EmailNotDelivered,
                    };
                    var mailRecipients = complaint.OwnerId is { } mailOwner ? [mailOwner] : await UsersInRolesAsync(db, [PortalRoles.Csm], actor, cancellationToken);
                    planned.AddRange(mailRecipients.Select(id => New(id, complaint, mailKind, null, now)));
                    break;
            }
        }

        db.Set<UserNotification>().AddRange(planned);
        return planned;
    }

    private static async Task<IReadOnlyList<string>> UsersInRolesAsync(PortalDbContext db, IReadOnlyList<string> roles, Actor actor, CancellationToken cancellationToken)
    {
        var names = roles.ToArray();
        return await db.Users
            .Where(u => u.Id != actor.Id && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && names.Contains(r.Name!))))
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);
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
