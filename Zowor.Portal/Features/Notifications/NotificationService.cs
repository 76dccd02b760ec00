using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Notifications;

/// <summary>The signed-in user's own notifications.</summary>
public sealed class NotificationService(IDbContextFactory<PortalDbContext> contexts, CurrentUser currentUser, BusinessClock clock)
{
    public async Task<NotificationList> GetMineAsync(int take = 15, CancellationToken cancellationToken = default)
    {
        var me = await currentUser.RequireAsync(PortalRoles.Policies.Staff);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mine = db.Set<UserNotification>().AsNoTracking().Where(n => n.UserId == me.Id);
        var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        var recent = await mine.OrderByDescending(n => n.Id).Take(take).ToListAsync(cancellationToken);
        return new NotificationList(recent, unread);
    }

    /// <summary>"Mark all read" in the bell.</summary>
    public Task MarkAllReadAsync(CancellationToken cancellationToken = default) => MarkReadAsync(id: null, cancellationToken);

    /// <summary>Marks one of the user's own notifications read (opening it); someone else's id changes nothing.</summary>
    public Task MarkReadAsync(long id, CancellationToken cancellationToken = default) => MarkReadAsync((long?)id, cancellationToken);

    private async Task MarkReadAsync(long? id, CancellationToken cancellationToken)
    {
        var me = await currentUser.RequireAsync(PortalRoles.Policies.Staff);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.UtcNow;
        await db.Set<UserNotification>().Where(n => n.UserId == me.Id && n.ReadAt == null && (id == null || n.Id == id))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }
}
