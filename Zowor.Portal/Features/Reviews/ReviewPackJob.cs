using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Settings;
using Zowor.Portal.Features.Training;
using Zowor.Portal.Platform.Time;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Features.Reviews;

/// <summary>
/// P-63: a review pack for every month since the first complaint, and for every year since then, each made once and
/// kept as it was on the day it was made (a snapshot: later changes to complaints or CAPAs do not rewrite it). The
/// recurring job runs <see cref="CatchUpAsync"/> daily and at start-up, so a portal that was down for weeks fills every
/// missing period when it comes back; the unique key (kind, period) makes a second run or a second node a no-op.
/// Counts are grouped in the database; medians are taken over the period's projected times.
/// </summary>
public sealed class ReviewPackJob(
    IDbContextFactory<PortalDbContext> contexts,
    BusinessClock clock,
    SettingsProvider settings,
    ComplianceQueries compliance,
    ReviewPackNotices notices,
    LivePublisher publisher,
    ILogger<ReviewPackJob> logger)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Makes every missing monthly pack from the month of the first complaint to last month, and every missing annual
    /// pack from that year to last year, oldest first (so each pack can look back at the one before). Returns the new packs.
    /// </summary>
    public async Task<IReadOnlyList<ReviewPack>> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await settings.ReloadAsync(cancellationToken);
        DateTime? first;
        HashSet<(ReviewKind, DateOnly)> existing;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            first = await db.Complaints.AsNoTracking().MinAsync(c => (DateTime?)c.ReceivedAt, cancellationToken);
            existing = (await db.Set<ReviewPack>().AsNoTracking().Select(p => new { p.Kind, p.PeriodStart }).ToListAsync(cancellationToken))
                .Select(p => (p.Kind, p.PeriodStart)).ToHashSet();
        }

        var made = new List<ReviewPack>();
        if (first is not { } firstAt)
        {
            return made;
        }

        var firstDay = DateOnly.FromDateTime(clock.ToLocal(firstAt));
        var thisMonth = new DateOnly(clock.Today.Year, clock.Today.Month, 1);
        for (var month = new DateOnly(firstDay.Year, firstDay.Month, 1); month < thisMonth; month = month.AddMonths(1))
        {
            if (!existing.Contains((ReviewKind.Monthly, month))
                && await EnsureAsync(ReviewKind.Monthly, month, month.AddMonths(1), cancellationToken, allowEmpty: true) is { } pack)
            {
                made.Add(pack);
            }
        }

        for (var year = new DateOnly(firstDay.Year, 1, 1); year.Year < clock.Today.Year; year = year.AddYears(1))
        {
            if (!existing.Contains((ReviewKind.Annual, year))
                && await EnsureAsync(ReviewKind.Annual, year, year.AddYears(1), cancellationToken, allowEmpty: true) is { } pack)
            {
                made.Add(pack);
            }
        }

        return made;
    }

    public async Task<ReviewPack?> RunMonthlyAsync(CancellationToken cancellationToken = default)
    {
        await settings.ReloadAsync(cancellationToken);
        var thisMonth = new DateOnly(clock.Today.Year, clock.Today.Month, 1);
        return await EnsureAsync(ReviewKind.Monthly, thisMonth.AddMonths(-1), thisMonth, cancellationToken);
    }

    public async Task<ReviewPack?> RunAnnualAsync(CancellationToken cancellationToken = default)
    {
        await settings.ReloadAsync(cancellationToken);
        var thisYear = new DateOnly(clock.Today.Year, 1, 1);
        return await EnsureAsync(ReviewKind.Annual, thisYear.AddYears(-1), thisYear, cancellationToken);
    }

    /// <summary>
    /// Creates the pack for the period unless it exists, and tells its readers; returns the new pack, or null when it
    /// already existed (or, unless <paramref name="allowEmpty"/>, when nothing happened in the period).
    /// </summary>
    public async Task<ReviewPack?> EnsureAsync(ReviewKind kind, DateOnly start, DateOnly end, CancellationToken cancellationToken, bool allowEmpty = false)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Set<ReviewPack>().AnyAsync(p => p.Kind == kind && p.PeriodStart == start, cancellationToken))
        {
            return null;
        }

        var from = clock.ToUtc(start.ToDateTime(TimeOnly.MinValue));
        var to = clock.ToUtc(end.ToDateTime(TimeOnly.MinValue));
        var figures = await ComputeAsync(db, from, to, clock.UtcNow, cancellationToken);
        if (!allowEmpty && figures is { Received: 0, Resolved: 0, Closed: 0 })
        {
            // Nothing happened (e.g. the year before the portal went live): no empty pack to review.
            return null;
        }

        // P-80, P-81: the period's memos as acknowledged by now, and training as it stood on the period's last day;
        // P-61, P-62, P-63: CAPAs, satisfaction and the previous review's decisions, as they stand now.
        figures = figures with
        {
            StaffCompliance = new StaffComplianceFigures(
                await compliance.MemoAcknowledgementAsync(from, to, cancellationToken),
                await compliance.TrainingComplianceAsync(end.AddDays(-1), cancellationToken)),
            Sections = await ReviewSectionQueries.ReadAsync(db, kind, start, end, from, to, clock.Today, cancellationToken),
        };

        var pack = new ReviewPack
        {
            Kind = kind,
            PeriodStart = start,
            PeriodEnd = end,
            GeneratedAt = clock.UtcNow,
            FiguresJson = JsonSerializer.Serialize(figures, Json),
        };
        db.Add(pack);
        var notified = await notices.PlanAsync(db, pack, clock.UtcNow, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (Platform.Operations.DatabaseFault.Classify(ex) is null)
        {
            // Another node made it first (unique kind + period): theirs stands, with its notifications and e-mails.
            return null;
        }

        foreach (var notification in notified)
        {
            publisher.Publish(new UserNotified(notification.UserId, null, notification.Reference, notification.Kind));
        }

        logger.LogInformation("{Kind} review pack for {Start:yyyy-MM-dd} generated: {Received} complaints received, {Readers} readers notified",
            kind, start, figures.Received, notified.Count);
        return pack;
    }

    internal static async Task<ReviewFigures> ComputeAsync(PortalDbContext db, DateTime from, DateTime to, DateTime now, CancellationToken cancellationToken)
    {
        var complaints = db.Complaints.AsNoTracking();
        var received = complaints.Where(c => c.ReceivedAt >= from && c.ReceivedAt < to);
        var byChannel = await received.GroupBy(c => c.Channel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byCategory = await received.GroupBy(c => c.CategoryCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var serious = await received.CountAsync(c => c.Severity == ComplaintSeverity.Serious, cancellationToken);
        var acknowledgements = await received.Where(c => c.Acknowledgement != null)
            .Select(c => new { c.ReceivedAt, c.AcknowledgementDueAt, At = c.Acknowledgement!.At })
            .ToListAsync(cancellationToken);
        // P-20 by the one definition: a breach is a late acknowledgement, or none by the deadline (as the pack is made).
        var within24Hours = await Complaints.AcknowledgementQueries.CountAsync(received, now, cancellationToken);

        var resolved = complaints.Where(c => c.ResolvedAt >= from && c.ResolvedAt < to);
        var resolutionTimes = await resolved.Select(c => new { c.ReceivedAt, ResolvedAt = c.ResolvedAt!.Value }).ToListAsync(cancellationToken);
        var rootCauses = await resolved.Where(c => c.RootCause != null).GroupBy(c => c.RootCause!.Category).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var mix = await resolved.Where(c => c.Resolution != null).GroupBy(c => c.Resolution!.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        // Summed in SQL over whole cents (SQLite cannot SUM decimals), per currency: amounts in different currencies never add up.
        var refunds = await Trends.TrendQueries.Refunds(resolved).ToListAsync(cancellationToken);

        var closed = complaints.Where(c => c.Closure != null && c.Closure.At >= from && c.Closure.At < to);
        var closedCount = await closed.CountAsync(cancellationToken);
        var satisfaction = await closed.Where(c => c.Closure!.Satisfaction != null).Select(c => (double?)c.Closure!.Satisfaction).AverageAsync(cancellationToken);
        var escalations = await db.Set<EscalationRecord>().AsNoTracking().Where(e => e.At >= from && e.At < to)
            .GroupBy(e => e.ToLevel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);

        return new ReviewFigures(
            Received: byChannel.Sum(c => c.Count),
            ByChannel: byChannel.ToDictionary(c => c.Key.ToString(), c => c.Count),
            ByCategory: byCategory.ToDictionary(c => c.Key, c => c.Count),
            Serious: serious,
            Acknowledged: acknowledgements.Count,
            AcknowledgedWithin24Hours: within24Hours.Met,
            AcknowledgementBreaches: within24Hours.Missed,
            MedianHoursToAcknowledge: Median(acknowledgements.Select(a => (a.At - a.ReceivedAt).TotalHours)),
            Resolved: resolutionTimes.Count,
            MedianDaysToResolve: Median(resolutionTimes.Select(r => (r.ResolvedAt - r.ReceivedAt).TotalDays)),
            Closed: closedCount,
            EscalationsByLevel: escalations.ToDictionary(e => ((int)e.Key).ToString(System.Globalization.CultureInfo.InvariantCulture), e => e.Count),
            RootCauses: rootCauses.OrderByDescending(r => r.Count).ToDictionary(r => r.Key.ToString(), r => r.Count),
            ResolutionMix: mix.ToDictionary(m => m.Key.ToString(), m => m.Count),
            RefundTotal: refunds.Sum(r => r.MinorUnits) / 100m,
            AverageSatisfaction: satisfaction,
            RefundsByCurrency: refunds.ToDictionary(r => r.Currency, r => r.MinorUnits / 100m));
    }

    private static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
