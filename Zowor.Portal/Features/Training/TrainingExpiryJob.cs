using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Training;
using Zowor.Portal.Features.Notifications;
using Zowor.Portal.Features.Settings;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Features.Training;

/// <summary>
/// P-80, daily: flags every mandatory training that expires within <see cref="TrainingStanding.DefaultWarningDays"/>
/// days, has expired, or was never taken. Each flag is stored once (<see cref="TrainingAlert"/>), so a second run, a
/// second node or a restart never notifies twice. The employee is told about their own training; the training
/// managers (CSM, CCO, Quality) get one summary per run that raised anything.
/// </summary>
public sealed class TrainingExpiryJob(
    IDbContextFactory<PortalDbContext> contexts,
    BusinessClock clock,
    SettingsProvider settings,
    LivePublisher publisher,
    ILogger<TrainingExpiryJob> logger)
{
    /// <summary>Who hears about the team's new flags.</summary>
    public static readonly IReadOnlyList<string> ManagerRoles = [PortalRoles.Csm, PortalRoles.Cco, PortalRoles.Quality];

    public const string NotificationReference = "Training";

    public async Task<TrainingExpiryResult> RunAsync(CancellationToken cancellationToken = default)
    {
        await settings.ReloadAsync(cancellationToken);
        var today = clock.Today;
        var now = clock.UtcNow;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var matrix = await TrainingMatrix.LoadAsync(db, today, onlyUserId: null, cancellationToken);
        var raised = (await db.Set<TrainingAlert>().AsNoTracking().Select(a => new { a.UserId, a.CourseId, a.Status, a.DueOn }).ToListAsync(cancellationToken))
            .Select(a => (a.UserId, a.CourseId, a.Status, a.DueOn))
            .ToHashSet();

        var alerts = new List<TrainingAlert>();
        var notifications = new List<UserNotification>();
        foreach (var (row, course, standing) in matrix.Required)
        {
            if (standing.IsCurrent && standing.Status != TrainingStatus.ExpiringSoon)
            {
                continue;
            }

            var dueOn = standing.ExpiresOn ?? TrainingAlert.NeverCompleted;
            if (!raised.Add((row.Member.Id, course.Id, standing.Status, dueOn)))
            {
                continue;
            }

            alerts.Add(new TrainingAlert { UserId = row.Member.Id, CourseId = course.Id, Status = standing.Status, DueOn = dueOn, RaisedAt = now });
            notifications.Add(new UserNotification
            {
                UserId = row.Member.Id,
                Reference = NotificationReference,
                Kind = standing.Status == TrainingStatus.ExpiringSoon ? NotificationKinds.TrainingExpiring : NotificationKinds.TrainingOverdue,
                Detail = course.Name,
                Link = "training",
                CreatedAt = now,
            });
        }

        if (alerts.Count == 0)
        {
            return new TrainingExpiryResult(0, 0);
        }

        var managers = matrix.Staff.Where(s => s.Member.Roles.Intersect(ManagerRoles).Any()).Select(s => s.Member.Id).ToList();
        notifications.AddRange(managers.Select(id => new UserNotification
        {
            UserId = id,
            Reference = NotificationReference,
            Kind = NotificationKinds.TeamTrainingFlagged,
            Detail = alerts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Link = "training?tab=team",
            CreatedAt = now,
        }));
        db.Set<TrainingAlert>().AddRange(alerts);
        db.Set<UserNotification>().AddRange(notifications);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node raised the same flags a moment ago (unique alert); its notifications stand.
            return new TrainingExpiryResult(0, 0);
        }

        foreach (var notification in notifications)
        {
            publisher.Publish(new UserNotified(notification.UserId, null, notification.Reference, notification.Kind));
        }

        logger.LogInformation("Training expiry: {Flags} new flags, {Notifications} notifications", alerts.Count, notifications.Count);
        return new TrainingExpiryResult(alerts.Count, notifications.Count);
    }
}
