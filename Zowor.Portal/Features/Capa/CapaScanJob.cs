using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Notifications;
using Zowor.Portal.Features.Settings;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Features.Capa;

/// <summary>
/// Hourly (and at start-up): finds recurring issues (P-60, P-62) and flags overdue CAPA actions. Everything is
/// recomputed from the database and each alert or flag is stored once, so a second run, a second node or a restart
/// never notifies twice.
/// </summary>
public sealed class CapaScanJob(
    IDbContextFactory<PortalDbContext> contexts,
    BusinessClock clock,
    SettingsProvider settings,
    LivePublisher publisher,
    ILogger<CapaScanJob> logger)
{
    public async Task<CapaScanResult> RunAsync(CancellationToken cancellationToken = default)
    {
        await settings.ReloadAsync(cancellationToken);
        var raised = await DetectRecurringIssuesAsync(cancellationToken);
        var overdue = await FlagOverdueActionsAsync(cancellationToken);
        var completed = await CompleteTeachingActionsAsync(cancellationToken);
        if (raised > 0 || overdue > 0 || completed > 0)
        {
            logger.LogInformation("CAPA scan: {Alerts} recurring-issue alerts, {Overdue} overdue actions flagged, {Completed} memo/training actions done on evidence", raised, overdue, completed);
        }

        return new CapaScanResult(raised, overdue, completed);
    }

    /// <summary>
    /// Finishes each open memo or training action whose audience has acknowledged the memo or whose required staff
    /// have completed the course (P-80, P-81), so a CAPA nobody opens still moves on. Safe to run twice.
    /// </summary>
    public async Task<int> CompleteTeachingActionsAsync(CancellationToken cancellationToken = default)
    {
        var today = clock.Today;
        var now = clock.UtcNow;
        var completed = 0;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = await db.Capas.AsNoTracking()
            .Where(c => c.Status != CapaStatus.Closed && c.Actions.Any(a => a.Status == CapaActionStatus.Open && a.Kind != CapaActionKind.Task))
            .Select(c => c.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            var capa = await db.Capas.AsSplitQuery().SingleAsync(c => c.Id == id, cancellationToken);
            var done = await TeachingEvidenceQueries.SettleAsync(db, capa, today, now, cancellationToken);
            if (done == 0)
            {
                continue;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Changed by someone a moment ago; the next run (or the next read of the CAPA) completes it.
                db.ChangeTracker.Clear();
                continue;
            }

            completed += done;
            publisher.Publish(new CapaChanged(capa.Id, CapaChanges.Changed, capa.Complaints.Select(c => c.ComplaintId).ToList(), Actor.SystemId));
        }

        return completed;
    }

    /// <summary>
    /// Raises an alert for each product+category pair and each systemic root-cause category with at least the threshold
    /// of complaints received in the last window; a key already alerted within the window, or covered by an open CAPA
    /// with the same scope, is skipped.
    /// </summary>
    public async Task<int> DetectRecurringIssuesAsync(CancellationToken cancellationToken = default)
    {
        var current = settings.Current;
        var now = clock.UtcNow;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var alerts = await FindNewAlertsAsync(db, current.RecurrenceThreshold, current.RecurrenceWindowDays, now, clock.Today, cancellationToken);
        if (alerts.Count == 0)
        {
            return 0;
        }

        var quality = await QualityTeamAsync(db, cancellationToken);
        var notifications = alerts.SelectMany(a => quality.Select(id => new UserNotification
        {
            UserId = id,
            Reference = Subject(a),
            Kind = NotificationKinds.RecurringIssue,
            Detail = a.ComplaintCount.ToString(CultureInfo.InvariantCulture),
            Link = "capa",
            CreatedAt = now,
        })).ToList();
        db.RecurringIssueAlerts.AddRange(alerts);
        db.Set<UserNotification>().AddRange(notifications);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (Platform.Operations.DatabaseFault.Classify(ex) is null)
        {
            // Another node raised the same alerts a moment ago (unique key and day); its notifications stand. A database
            // fault is not this: it fails the run, which Hangfire logs and retries.
            return 0;
        }

        foreach (var notification in notifications)
        {
            publisher.Publish(new UserNotified(notification.UserId, null, notification.Reference, notification.Kind));
        }

        publisher.Publish(new CapaChanged(null, CapaChanges.AlertRaised, alerts.SelectMany(a => a.ComplaintIds).Distinct().ToList(), Actor.SystemId));
        return alerts.Count;
    }

    /// <summary>Flags each open action past its due day once, telling its owner and Quality.</summary>
    public async Task<int> FlagOverdueActionsAsync(CancellationToken cancellationToken = default)
    {
        var today = clock.Today;
        var now = clock.UtcNow;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var capas = await db.Capas.AsSplitQuery()
            .Where(c => c.Status != CapaStatus.Closed && c.Actions.Any(a => a.Status == CapaActionStatus.Open && a.DueOn < today && a.OverdueFlaggedAt == null))
            .ToListAsync(cancellationToken);
        if (capas.Count == 0)
        {
            return 0;
        }

        var quality = await QualityTeamAsync(db, cancellationToken);
        var notifications = new List<UserNotification>();
        var flagged = 0;
        foreach (var capa in capas)
        {
            foreach (var action in capa.Actions.ToList())
            {
                if (!capa.FlagOverdueAction(action.Number, today, now))
                {
                    continue;
                }

                flagged++;
                notifications.AddRange(quality.Append(action.OwnerId).Distinct().Select(id => new UserNotification
                {
                    UserId = id,
                    Reference = capa.Number,
                    Kind = NotificationKinds.CapaActionOverdue,
                    Detail = action.Description.Length > 120 ? action.Description[..120] + "…" : action.Description,
                    Link = $"capa/{capa.Id}",
                    CreatedAt = now,
                }));
            }
        }

        db.Set<UserNotification>().AddRange(notifications);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone changed one of these CAPAs meanwhile; the next run flags what is still overdue.
            return 0;
        }

        foreach (var notification in notifications)
        {
            publisher.Publish(new UserNotified(notification.UserId, null, notification.Reference, notification.Kind));
        }

        foreach (var capa in capas)
        {
            publisher.Publish(new CapaChanged(capa.Id, CapaChanges.ActionOverdue, capa.Complaints.Select(c => c.ComplaintId).ToList(), Actor.SystemId));
        }

        return flagged;
    }

    /// <summary>
    /// The alerts due now: each product+category pair and each systemic root-cause category with at least
    /// <paramref name="threshold"/> complaints received in the last <paramref name="windowDays"/> days, unless the key
    /// was alerted within the window or an open CAPA has the same scope. Counting and grouping happen in the database.
    /// </summary>
    public static async Task<List<RecurringIssueAlert>> FindNewAlertsAsync(
        PortalDbContext db, int threshold, int windowDays, DateTime now, DateOnly today, CancellationToken cancellationToken)
    {
        var from = now.AddDays(-windowDays);
        var to = now.AddTicks(1);
        var alerts = new List<RecurringIssueAlert>();
        var products = await RecurrenceQueries.ProductGroups(db, from, to, threshold).ToListAsync(cancellationToken);
        var causes = await RecurrenceQueries.RootCauseGroups(db, from, to, threshold).ToListAsync(cancellationToken);
        if (products.Count == 0 && causes.Count == 0)
        {
            return alerts;
        }

        var recentKeys = (await db.RecurringIssueAlerts.AsNoTracking().Where(a => a.RaisedAt > from).Select(a => a.Key).ToListAsync(cancellationToken)).ToHashSet();
        var openScopes = await db.Capas.AsNoTracking().Where(c => c.Status != CapaStatus.Closed)
            .Select(c => new { c.RecurrenceProduct, c.RecurrenceCategory, c.RecurrenceRootCause }).ToListAsync(cancellationToken);
        var covered = openScopes.Select(s => s.RecurrenceRootCause is { } cause && s.RecurrenceProduct is null
                ? RecurringIssueAlert.RootCauseKey(cause)
                : RecurringIssueAlert.ProductKey(s.RecurrenceCategory ?? string.Empty, s.RecurrenceProduct ?? string.Empty))
            .ToHashSet();

        async Task AddAsync(string key, string? product, string? category, RootCauseCategory? cause)
        {
            if (recentKeys.Contains(key) || covered.Contains(key))
            {
                return;
            }

            var members = await RecurrenceQueries.InScope(db, db.Complaints, product, category, cause)
                .Where(c => c.ReceivedAt >= from && c.ReceivedAt < to).OrderBy(c => c.ReceivedAt)
                .Select(c => new { c.Id, c.Reference }).ToListAsync(cancellationToken);
            alerts.Add(new RecurringIssueAlert
            {
                Key = key, Product = product, CategoryCode = category, RootCause = cause, WindowStart = from, WindowEnd = now,
                RaisedOn = today, RaisedAt = now, ComplaintCount = members.Count,
                ComplaintIds = members.Select(m => m.Id).ToList(), References = members.Select(m => m.Reference).ToList(),
            });
        }

        foreach (var group in products)
        {
            await AddAsync(RecurringIssueAlert.ProductKey(group.CategoryCode, group.Product), group.Product, group.CategoryCode, null);
        }

        foreach (var group in causes)
        {
            await AddAsync(RecurringIssueAlert.RootCauseKey(group.RootCause), null, null, group.RootCause);
        }

        return alerts;
    }

    /// <summary>How an alert is named in lists and notifications: the product and category, or the root cause.</summary>
    public static string Subject(RecurringIssueAlert alert) =>
        alert.Product is not null ? $"{alert.Product} · {alert.CategoryCode}" : alert.RootCause?.ToString() ?? alert.Key;

    private static async Task<IReadOnlyList<string>> QualityTeamAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        await db.UserRoles.AsNoTracking()
            .Join(db.Roles.Where(r => r.Name == PortalRoles.Quality), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId)
            .Distinct().ToListAsync(cancellationToken);
}
