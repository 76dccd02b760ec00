using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Training;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Trends;

/// <summary>
/// The trend figures (P-60, P-61, P-90), computed in the database: every breakdown is a GROUP BY, medians and
/// percentiles are an ORDER BY with OFFSET over a COUNT, refunds a SUM over whole cents. Nothing loads the complaints.
/// The figures describe the complaints <em>received</em> in the filter's period (a cohort): their acknowledgement and
/// resolution times, escalation levels and resolutions as they stand now. No authorization here: the callers
/// (<see cref="TrendService"/>, the CSV endpoints, the CEO review page) check their own policy.
/// </summary>
public sealed class TrendQueries(
    IDbContextFactory<PortalDbContext> contexts,
    BusinessClock clock,
    ComplianceQueries compliance,
    ITrendsCapaSource capa)
{
    /// <summary>How many products the product breakdown shows (the most complained about).</summary>
    public const int TopProducts = 10;

    /// <summary>
    /// Every figure of the dashboard from the rollup tables only (issue 21; <see cref="Rollups.TrendRollupReader"/>): durations
    /// to the hour; the repeat customers from <see cref="Rollups.RepeatCustomerRollup"/>, except under a product filter that
    /// covers complaints of more than one product key, which the rollup cannot answer exactly: those are counted from the rows.
    /// </summary>
    public async Task<TrendReport> GetReportAsync(TrendFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var figures = await Rollups.TrendRollupReader.ReadAsync(db, filter, clock.UtcNow, cancellationToken);
        var repeat = await Rollups.TrendRollupReader.ReadRepeatAsync(db, filter, cancellationToken) ?? await RepeatAsync(Received(db, filter), cancellationToken);
        return await ReportAsync(filter, figures, repeat, cancellationToken);
    }

    /// <summary>
    /// Every figure of the dashboard counted from the complaint rows: the definition the rollups must equal (their tests'
    /// oracle), with exact durations.
    /// </summary>
    public async Task<TrendReport> GetRowReportAsync(TrendFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var received = Received(db, filter);

        var byMonth = await ByMonth(received).ToListAsync(cancellationToken);
        var byCategory = await received.GroupBy(c => c.CategoryCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byChannel = await received.GroupBy(c => c.Channel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byProduct = await Products.ProductQueries.Keyed(db, received).Where(k => k.Product != null).GroupBy(k => k.Product!)
            .Select(g => new { g.Key, Count = g.Count() }).OrderByDescending(g => g.Count).ThenBy(g => g.Key).Take(TopProducts)
            .ToListAsync(cancellationToken);
        var rootCauses = await RootCauses(received).ToListAsync(cancellationToken);
        var acknowledged = await received.CountAsync(c => c.AcknowledgementHours != null, cancellationToken);
        var within24Hours = await Complaints.AcknowledgementQueries.CountAsync(received, clock.UtcNow, cancellationToken);
        var levels = await received.GroupBy(c => c.EscalationLevel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var resolvedCohort = received.Where(c => c.ResolvedAt != null && c.Resolution != null);
        var mix = await resolvedCohort.GroupBy(c => c.Resolution!.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var refunds = await Refunds(received).ToListAsync(cancellationToken);
        var firstEstimate = await FirstEstimateAsync(received, cancellationToken);

        var figures = new TrendFigures(
            byMonth.ToDictionary(m => m.Key, m => m.Count),
            byCategory.Select(c => (c.Key, c.Count)).ToList(),
            byChannel.Select(c => (c.Key, c.Count)).ToList(),
            byProduct.Select(p => (p.Key, p.Count)).ToList(),
            rootCauses.Select(r => (r.Key, r.Count)).ToList(),
            acknowledged,
            within24Hours,
            await DurationAsync(received.Where(c => c.AcknowledgementHours != null).Select(c => c.AcknowledgementHours!.Value), cancellationToken),
            await DurationAsync(received.Where(c => c.ResolutionHours != null).Select(c => c.ResolutionHours!.Value), cancellationToken),
            levels.Select(l => (l.Key, l.Count)).ToList(),
            mix.Select(m => (m.Key, m.Count)).ToList(),
            refunds,
            await SatisfactionAsync(db, received, cancellationToken),
            firstEstimate);
        return await ReportAsync(filter, figures, await RepeatAsync(received, cancellationToken), cancellationToken);
    }

    /// <summary>The report from the figures, in the dashboard's order, with the compliance, training and CAPA figures.</summary>
    private async Task<TrendReport> ReportAsync(TrendFilter filter, TrendFigures figures, RepeatFigures repeat, CancellationToken cancellationToken)
    {
        var (fromUtc, toUtc) = Bounds(filter);
        return new TrendReport(
            filter,
            Received: figures.ByChannel.Sum(c => c.Count),
            ByMonth: Months(filter, figures.ByMonth),
            ByCategory: figures.ByCategory.OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new CountRow(c.Key, c.Count)).ToList(),
            ByChannel: figures.ByChannel.OrderByDescending(c => c.Count).ThenBy(c => c.Key).Select(c => new CountRow(c.Key.ToString(), c.Count)).ToList(),
            ByProduct: figures.ByProduct.Select(p => new CountRow(p.Key, p.Count)).ToList(),
            RootCauses: Pareto(figures.RootCauses.Select(r => new CountRow(r.Key.ToString(), r.Count))),
            Acknowledged: figures.Acknowledged,
            Within24Hours: figures.Within24Hours,
            HoursToAcknowledge: figures.HoursToAcknowledge,
            HoursToResolve: figures.HoursToResolve,
            ByEscalationLevel: figures.Levels.OrderBy(l => l.Key).Select(l => new CountRow(((int)l.Key).ToString(CultureInfo.InvariantCulture), l.Count)).ToList(),
            ResolutionMix: figures.Mix.OrderByDescending(m => m.Count).ThenBy(m => m.Key).Select(m => new CountRow(m.Key.ToString(), m.Count)).ToList(),
            Refunds: figures.Refunds.OrderBy(r => r.Currency, StringComparer.Ordinal).Select(r => new RefundTotal(r.Currency, r.MinorUnits / 100m, r.Count)).ToList(),
            Repeat: repeat,
            Satisfaction: figures.Satisfaction,
            Memos: await compliance.MemoAcknowledgementAsync(fromUtc, toUtc, cancellationToken),
            Training: await compliance.TrainingComplianceAsync(Min(filter.To, clock.Today), cancellationToken),
            Capa: await capa.GetOpenAndOverdueAsync(clock.Today, cancellationToken),
            FirstEstimate: figures.FirstEstimate);
    }

    /// <summary>The products complained about most in the last year, for the product filter.</summary>
    public async Task<IReadOnlyList<string>> ProductsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var since = clock.UtcNow.AddYears(-1);
        return await Products.ProductQueries.Keyed(db, db.Complaints.AsNoTracking().Where(c => c.ReceivedAt >= since))
            .Where(k => k.Product != null).GroupBy(k => k.Product!).Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key).Take(50).Select(g => g.Key)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The complaints behind one figure (a Pareto row, a category bar, a product row) under <paramref name="filter"/>:
    /// counted, and the newest <paramref name="take"/> listed. The same predicates as the figure's own count, so the list
    /// and the bar agree. An unknown root-cause key lists nothing.
    /// </summary>
    public async Task<TrendComplaints> ComplaintsBehindAsync(TrendFilter filter, TrendSlice slice, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var received = Received(db, filter);
        var behind = slice.Dimension switch
        {
            TrendDimension.RootCause => Enum.TryParse<RootCauseCategory>(slice.Key, ignoreCase: false, out var cause) && Enum.IsDefined(cause)
                ? received.Where(c => c.RootCause != null && c.RootCause.Category == cause)
                : received.Where(c => false),
            TrendDimension.Category => received.Where(c => c.CategoryCode == slice.Key),
            TrendDimension.Product => Products.ProductQueries.About(db, received, slice.Key),
            _ => throw new ArgumentOutOfRangeException(nameof(slice)),
        };
        var total = await behind.CountAsync(cancellationToken);
        var listed = total == 0
            ? []
            : await behind.OrderByDescending(c => c.ReceivedAt).ThenBy(c => c.Id).Take(take)
                .Select(c => new TrendComplaint(c.Id, c.Reference, c.Customer.Name, c.Subject, c.Status, c.ReceivedAt))
                .ToListAsync(cancellationToken);
        return new TrendComplaints(filter, slice, total, listed);
    }

    /// <summary>The complaints the filter covers (UTC bounds of the business days), untracked.</summary>
    internal IQueryable<Complaint> Received(PortalDbContext db, TrendFilter filter)
    {
        var (fromUtc, toUtc) = Bounds(filter);
        var complaints = db.Complaints.AsNoTracking().Where(c => c.ReceivedAt >= fromUtc && c.ReceivedAt < toUtc);
        if (!string.IsNullOrEmpty(filter.CategoryCode))
        {
            complaints = complaints.Where(c => c.CategoryCode == filter.CategoryCode);
        }

        if (filter.Channel is { } channel)
        {
            complaints = complaints.Where(c => c.Channel == channel);
        }

        if (!string.IsNullOrEmpty(filter.Product))
        {
            complaints = Products.ProductQueries.About(db, complaints, filter.Product);
        }

        return complaints;
    }

    /// <summary>[from, to) in UTC for the filter's business days.</summary>
    internal (DateTime FromUtc, DateTime ToUtc) Bounds(TrendFilter filter) =>
        (clock.ToUtc(filter.From.ToDateTime(TimeOnly.MinValue)), clock.ToUtc(filter.To.AddDays(1).ToDateTime(TimeOnly.MinValue)));

    internal static IQueryable<MonthCount> ByMonth(IQueryable<Complaint> received) =>
        received.GroupBy(c => c.ReceivedMonth).Select(g => new MonthCount(g.Key, g.Count()));

    internal static IQueryable<RootCauseCount> RootCauses(IQueryable<Complaint> received) =>
        received.Where(c => c.RootCause != null).GroupBy(c => c.RootCause!.Category).Select(g => new RootCauseCount(g.Key, g.Count()));

    /// <summary>Refunds of the resolved complaints, summed per currency in whole cents (SQLite cannot SUM decimals).</summary>
    internal static IQueryable<CurrencySum> Refunds(IQueryable<Complaint> received) =>
        received.Where(c => c.ResolvedAt != null && c.Resolution != null && c.Resolution.AmountInMinorUnits != null && c.Resolution.Currency != null)
            // Projected before grouping: summing through the owned Resolution inside the group made EF emit a correlated
            // subquery that re-read the period once per currency (1.2 s at 100k complaints, docs/BENCHMARKS.md).
            .Select(c => new { Currency = c.Resolution!.Currency!, Minor = c.Resolution!.AmountInMinorUnits!.Value })
            .GroupBy(r => r.Currency)
            .Select(g => new CurrencySum(g.Key, g.Sum(r => r.Minor), g.Count()));

    /// <summary>
    /// P-21: of the resolved complaints with an estimate, how many were resolved on or before the business day of their
    /// FIRST estimate (a later revision does not move the goal). Two COUNTs in SQL; the resolution time is shifted into
    /// business time by the zone's standard offset (the default zone, Asia/Almaty, has no daylight saving).
    /// </summary>
    internal async Task<FirstEstimateFigures> FirstEstimateAsync(IQueryable<Complaint> received, CancellationToken cancellationToken)
    {
        var resolved = ResolvedWithFirstEstimate(received);
        var count = await resolved.CountAsync(cancellationToken);
        var onTime = await ResolvedByFirstEstimate(resolved, clock.Zone.BaseUtcOffset).CountAsync(cancellationToken);
        return new FirstEstimateFigures(count, onTime);
    }

    internal static IQueryable<Complaint> ResolvedWithFirstEstimate(IQueryable<Complaint> received) =>
        received.Where(c => c.ResolvedAt != null && c.FirstEstimatedResolutionDate != null);

    internal static IQueryable<Complaint> ResolvedByFirstEstimate(IQueryable<Complaint> resolved, TimeSpan offset)
    {
        var minutes = offset.TotalMinutes;
        return resolved.Where(c => DateOnly.FromDateTime(c.ResolvedAt!.Value.AddMinutes(minutes)) <= c.FirstEstimatedResolutionDate!.Value);
    }

    /// <summary>Customers (e-mail, else phone) with how many complaints each; the repeat ones have more than one.</summary>
    internal static IQueryable<int> ComplaintsPerCustomer(IQueryable<Complaint> received) =>
        received.Where(c => c.Customer.Email != null || c.Customer.Phone != null)
            .GroupBy(c => c.Customer.Email ?? c.Customer.Phone)
            .Select(g => g.Count());

    /// <summary>
    /// Median (the middle value, or the mean of the two middle ones) and 90th percentile (nearest rank: the value at
    /// rank ⌈0.9·n⌉) of the hours, read with ORDER BY and OFFSET after a COUNT: at most three values leave the database.
    /// </summary>
    internal static async Task<DurationFigures> DurationAsync(IQueryable<double> hours, CancellationToken cancellationToken)
    {
        var count = await hours.CountAsync(cancellationToken);
        if (count == 0)
        {
            return new DurationFigures(0, null, null);
        }

        var ordered = hours.OrderBy(h => h);
        var middle = await ordered.Skip((count - 1) / 2).Take(count % 2 == 0 ? 2 : 1).ToListAsync(cancellationToken);
        var rank = (int)Math.Ceiling(0.9 * count);
        var percentile90 = await ordered.Skip(rank - 1).Take(1).ToListAsync(cancellationToken);
        return new DurationFigures(count, Math.Round(middle.Average(), 2), Math.Round(percentile90[0], 2));
    }

    internal static async Task<RepeatFigures> RepeatAsync(IQueryable<Complaint> received, CancellationToken cancellationToken)
    {
        // One pass over the customers for all three figures: each grouping of the period by customer is the dearest
        // query of the dashboard (docs/BENCHMARKS.md).
        var figures = await ComplaintsPerCustomer(received)
            .GroupBy(n => 1)
            .Select(g => new { Customers = g.Count(), Repeat = g.Count(n => n > 1), InRepeat = g.Sum(n => n > 1 ? n : 0) })
            .SingleOrDefaultAsync(cancellationToken);
        return figures is null ? new RepeatFigures(0, 0, 0) : new RepeatFigures(figures.Customers, figures.Repeat, figures.InRepeat);
    }

    private static async Task<SatisfactionFigures> SatisfactionAsync(PortalDbContext db, IQueryable<Complaint> received, CancellationToken cancellationToken)
    {
        var ids = received.Select(c => c.Id);
        var survey = await db.SatisfactionSurveys.AsNoTracking().Where(s => ids.Contains(s.ComplaintId))
            .GroupBy(s => 1)
            .Select(g => new
            {
                Sent = g.Count(),
                Answered = g.Count(s => s.AnsweredAt != null),
                Outcome = g.Average(s => (double?)s.OutcomeScore),
                Handling = g.Average(s => (double?)s.HandlingScore),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return survey is null
            ? new SatisfactionFigures(0, 0, null, null)
            : new SatisfactionFigures(survey.Sent, survey.Answered, Round(survey.Outcome), Round(survey.Handling));
    }

    /// <summary>Every month of the period in order, with zero where nothing was received, keyed <c>yyyy-MM</c>.</summary>
    private static List<CountRow> Months(TrendFilter filter, Dictionary<int, int> counts)
    {
        var rows = new List<CountRow>();
        for (var month = new DateOnly(filter.From.Year, filter.From.Month, 1); month <= filter.To; month = month.AddMonths(1))
        {
            rows.Add(new CountRow(month.ToString("yyyy-MM", CultureInfo.InvariantCulture), counts.GetValueOrDefault(Complaint.MonthKey(month.ToDateTime(TimeOnly.MinValue)))));
        }

        return rows;
    }

    /// <summary>Root causes from the most to the least frequent, each with the cumulative share so far (P-60 Pareto).</summary>
    internal static List<ParetoRow> Pareto(IEnumerable<CountRow> rows)
    {
        var ordered = rows.OrderByDescending(r => r.Count).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        var total = ordered.Sum(r => r.Count);
        var running = 0;
        return ordered.Select(r =>
        {
            running += r.Count;
            return new ParetoRow(r.Key, r.Count, total == 0 ? 0 : (double)running / total);
        }).ToList();
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;

    internal sealed record MonthCount(int Key, int Count);

    internal sealed record RootCauseCount(RootCauseCategory Key, int Count);

    internal sealed record CurrencySum(string Currency, long MinorUnits, int Count);
}

/// <summary>The dashboard's complaint figures before ordering, as the rollups or the rows count them.</summary>
internal sealed record TrendFigures(
    Dictionary<int, int> ByMonth,
    List<(string Key, int Count)> ByCategory,
    List<(ComplaintChannel Key, int Count)> ByChannel,
    List<(string Key, int Count)> ByProduct,
    List<(RootCauseCategory Key, int Count)> RootCauses,
    int Acknowledged,
    AcknowledgementFigure Within24Hours,
    DurationFigures HoursToAcknowledge,
    DurationFigures HoursToResolve,
    List<(Domain.Escalation.EscalationLevel Key, int Count)> Levels,
    List<(ResolutionKind Key, int Count)> Mix,
    List<TrendQueries.CurrencySum> Refunds,
    SatisfactionFigures Satisfaction,
    FirstEstimateFigures FirstEstimate);
