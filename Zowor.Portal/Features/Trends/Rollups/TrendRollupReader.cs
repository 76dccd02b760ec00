using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;

namespace Zowor.Portal.Features.Trends.Rollups;

/// <summary>
/// The dashboard's figures read from the rollups only (issue 21): whole months from the month rows, the days at either
/// end from the day rows, one grain per filter (all; category × channel; product; category × channel × product), so a
/// three-year dashboard adds up a few thousand rows instead of a million complaints. Medians and 90th percentiles come
/// from the hour histograms and so are exact to the hour: each duration counts as its whole hours, rounded down.
/// </summary>
internal static class TrendRollupReader
{
    public static async Task<TrendFigures> ReadAsync(PortalDbContext db, TrendFilter filter, DateTime now, CancellationToken cancellationToken)
    {
        var products = string.IsNullOrEmpty(filter.Product) ? null : await ProductRefsAsync(db, filter.Product, cancellationToken);
        var split = !string.IsNullOrEmpty(filter.CategoryCode) || filter.Channel is not null;
        var rows = Period(Grain(db, filter, split, products), filter);

        var totals = await rows.GroupBy(r => new { r.Figure, r.Key, r.Text })
            .Select(g => new { g.Key.Figure, g.Key.Key, g.Key.Text, Count = g.Sum(r => r.Count), Sum = g.Sum(r => r.Sum) })
            .ToListAsync(cancellationToken);
        var received = (int)TrendFigure.Received;
        var cells = await Period(Grain(db, filter, true, products), filter).Where(r => r.Figure == received).GroupBy(r => new { r.Category, r.Channel })
            .Select(g => new { g.Key.Category, g.Key.Channel, Count = g.Sum(r => r.Count) }).ToListAsync(cancellationToken);
        var byProduct = await ProductsAsync(db, Period(Grain(db, filter, split, products ?? []), filter).Where(r => r.Figure == received), cancellationToken);

        long Sum(TrendFigure figure, Func<long, bool>? key = null) => totals.Where(t => t.Figure == (int)figure && (key is null || key(t.Key))).Sum(t => t.Count);
        Dictionary<long, long> Histogram(TrendFigure figure) => totals.Where(t => t.Figure == (int)figure && t.Count != 0).ToDictionary(t => t.Key, t => t.Count);
        List<(T Key, int Count)> By<T>(TrendFigure figure, Func<long, T> key) =>
            totals.Where(t => t.Figure == (int)figure && t.Count != 0).Select(t => (key(t.Key), (int)t.Count)).ToList();
        double? Average(TrendFigure figure) =>
            totals.SingleOrDefault(t => t.Figure == (int)figure) is { Count: > 0 } s ? Math.Round((double)s.Sum / s.Count, 2) : null;

        var sent = (int)Sum(TrendFigure.SurveySent);
        return new TrendFigures(
            ByMonth: By(TrendFigure.ReceivedMonth, k => (int)k).ToDictionary(m => m.Key, m => m.Count),
            ByCategory: cells.GroupBy(c => c.Category).Select(g => (g.Key, (int)g.Sum(c => c.Count))).Where(c => c.Item2 != 0).ToList(),
            ByChannel: cells.GroupBy(c => (ComplaintChannel)c.Channel).Select(g => (g.Key, (int)g.Sum(c => c.Count))).Where(c => c.Item2 != 0).ToList(),
            ByProduct: byProduct,
            RootCauses: By(TrendFigure.RootCause, k => (RootCauseCategory)k),
            Acknowledged: (int)Histogram(TrendFigure.AcknowledgementHours).Values.Sum(),
            Within24Hours: new AcknowledgementFigure((int)Sum(TrendFigure.AcknowledgementMet),
                (int)(Sum(TrendFigure.AcknowledgementMissed) + Sum(TrendFigure.AcknowledgementWaiting, due => due < now.Ticks))),
            HoursToAcknowledge: Duration(Histogram(TrendFigure.AcknowledgementHours)),
            HoursToResolve: Duration(Histogram(TrendFigure.ResolutionHours)),
            Levels: By(TrendFigure.Level, k => (EscalationLevel)k),
            Mix: By(TrendFigure.ResolutionKind, k => (ResolutionKind)k),
            Refunds: totals.Where(t => t.Figure == (int)TrendFigure.Refund && t.Count != 0).Select(t => new TrendQueries.CurrencySum(t.Text, t.Sum, (int)t.Count)).ToList(),
            Satisfaction: sent == 0 ? new SatisfactionFigures(0, 0, null, null)
                : new SatisfactionFigures(sent, (int)Sum(TrendFigure.SurveyAnswered), Average(TrendFigure.OutcomeScore), Average(TrendFigure.HandlingScore)),
            FirstEstimate: new FirstEstimateFigures((int)Sum(TrendFigure.FirstEstimateResolved), (int)Sum(TrendFigure.FirstEstimateKept)));
    }

    /// <summary>
    /// The repeat-customer figures of <paramref name="filter"/> from <see cref="RepeatCustomerRollup"/>: one grouped read of
    /// ranges of the filter's grain (months × prior months and the edge days: a few thousand rows at most for any period). Null when the rollup cannot answer exactly: a product
    /// filter that names complaints under more than one product key (a listed product and an unmapped spelling, or several
    /// listed products) would count a customer of both twice, so the caller counts those from the rows.
    /// </summary>
    public static async Task<RepeatFigures?> ReadRepeatAsync(PortalDbContext db, TrendFilter filter, CancellationToken cancellationToken)
    {
        var category = string.IsNullOrEmpty(filter.CategoryCode) ? TrendRollupGrain.All : filter.CategoryCode;
        var channel = filter.Channel is { } c ? (int)c : TrendRollupGrain.AnyChannel;
        var product = TrendRollupGrain.All;
        var grain = db.RepeatCustomerRollups.AsNoTracking().Where(r => r.Category == category && r.Channel == channel);
        if (!string.IsNullOrEmpty(filter.Product))
        {
            var present = new List<string>();
            foreach (var candidate in await ProductRefsAsync(db, filter.Product, cancellationToken))
            {
                if (await grain.AnyAsync(r => r.Product == candidate && r.Prior == 0 && r.Count != 0, cancellationToken))
                {
                    present.Add(candidate);
                }
            }

            if (present.Count > 1)
            {
                return null;
            }

            if (present.Count == 0)
            {
                return new RepeatFigures(0, 0, 0);
            }

            product = present[0];
        }

        grain = grain.Where(r => r.Product == product);

        // The period: whole months [monthsFrom, monthsTo) and the days around them, as Period() splits it.
        var (from, to) = (filter.From.DayNumber, filter.To.DayNumber);
        var firstMonth = filter.From.Day == 1 ? filter.From : new DateOnly(filter.From.Year, filter.From.Month, 1).AddMonths(1);
        var afterLastMonth = new DateOnly(filter.To.Year, filter.To.Month, 1);
        if (filter.To.AddDays(1).Day == 1)
        {
            afterLastMonth = afterLastMonth.AddMonths(1);
        }

        var (monthsFrom, monthsTo) = firstMonth < afterLastMonth ? (firstMonth.DayNumber, afterLastMonth.DayNumber) : (to + 1, to + 1);
        // "On or after the period's first day" for a prior: the days of that first day's month from it on, then whole months.
        var startMonth = new DateOnly(filter.From.Year, filter.From.Month, 1);
        var (priorDaysTo, priorMonthsFrom) = filter.From.Day == 1 ? (from, from) : (startMonth.AddMonths(1).DayNumber, startMonth.AddMonths(1).DayNumber);
        const int dd = RepeatCustomerSpan.DayDay, mm = RepeatCustomerSpan.MonthMonth, dm = RepeatCustomerSpan.DayMonth, md = RepeatCustomerSpan.MonthDay;

        // One range of the primary key (grain, prior, span, day) per part, so the read is bounded by the period's months and
        // edge days, not by the grain's rows: whole months × prior months, the days at either end, a's month by day.
        int[] priors = [1, 2];
        var parts = new List<IQueryable<RepeatCustomerRollup>>
        {
            grain.Where(r => r.Prior == 0 && r.Span == mm && r.Day >= monthsFrom && r.Day < monthsTo),
            grain.Where(r => r.Prior == 0 && r.Span == dd && r.Day >= from && r.Day < monthsFrom),
            grain.Where(r => r.Prior == 0 && r.Span == dd && r.Day >= monthsTo && r.Day <= to),
            grain.Where(r => priors.Contains(r.Prior) && r.Span == mm && r.Day >= monthsFrom && r.Day < monthsTo && r.PriorDay >= priorMonthsFrom),
            grain.Where(r => priors.Contains(r.Prior) && r.Span == dm && r.Day >= from && r.Day < monthsFrom && r.PriorDay >= priorMonthsFrom),
            grain.Where(r => priors.Contains(r.Prior) && r.Span == dm && r.Day >= monthsTo && r.Day <= to && r.PriorDay >= priorMonthsFrom),
        };
        if (priorDaysTo > from)
        {
            // The prior's days in the first day's month from that day on (none when the period starts on the 1st).
            parts.Add(grain.Where(r => priors.Contains(r.Prior) && r.Span == md && r.Day >= monthsFrom && r.Day < monthsTo && r.PriorDay >= from && r.PriorDay < priorDaysTo));
            parts.Add(grain.Where(r => priors.Contains(r.Prior) && r.Span == dd && r.Day >= from && r.Day < monthsFrom && r.PriorDay >= from && r.PriorDay < priorDaysTo));
            parts.Add(grain.Where(r => priors.Contains(r.Prior) && r.Span == dd && r.Day >= monthsTo && r.Day <= to && r.PriorDay >= from && r.PriorDay < priorDaysTo));
        }

        var counts = await parts.Aggregate((a, b) => a.Concat(b))
            .GroupBy(r => r.Prior).Select(g => new { Prior = g.Key, Count = g.Sum(r => r.Count) })
            .ToListAsync(cancellationToken);
        long Of(int prior) => counts.SingleOrDefault(x => x.Prior == prior)?.Count ?? 0;

        // n complaints; all but each customer's first have their previous complaint in the period; all but the first two, the one before.
        var (complaints, notFirst, notFirstTwo) = (Of(0), Of(1), Of(2));
        var customers = complaints - notFirst;
        var repeat = notFirst - notFirstTwo;
        return new RepeatFigures((int)customers, (int)repeat, (int)(complaints - (customers - repeat)));
    }

    /// <summary>
    /// Median (the middle value, or the mean of the two middle ones) and 90th percentile (nearest rank ⌈0.9·n⌉) of a histogram
    /// of whole hours: the row-based definitions applied to the hours rounded down.
    /// </summary>
    internal static DurationFigures Duration(IReadOnlyDictionary<long, long> histogram)
    {
        var count = histogram.Values.Sum();
        if (count == 0)
        {
            return new DurationFigures(0, null, null);
        }

        var ordered = histogram.OrderBy(h => h.Key).ToList();
        long At(long rank)
        {
            foreach (var (hours, n) in ordered)
            {
                if (rank < n)
                {
                    return hours;
                }

                rank -= n;
            }

            throw new InvalidOperationException("Rank beyond the histogram.");
        }

        var middle = count % 2 == 0 ? (At((count - 1) / 2) + At(count / 2)) / 2.0 : At((count - 1) / 2);
        var percentile90 = At((long)Math.Ceiling(0.9 * count) - 1);
        return new DurationFigures((int)count, Math.Round(middle, 2), Math.Round((double)percentile90, 2));
    }

    /// <summary>The rows of the grain that answers the filter: all complaints, or by category × channel; all products or the filter's.</summary>
    /// <param name="products">Null: the grains without product; empty: every product row; else those products.</param>
    private static IQueryable<TrendRollup> Grain(PortalDbContext db, TrendFilter filter, bool byCategoryAndChannel, string[]? products)
    {
        var rows = db.TrendRollups.AsNoTracking();
        rows = byCategoryAndChannel
            ? rows.Where(r => r.Channel != TrendRollupGrain.AnyChannel)
            : rows.Where(r => r.Channel == TrendRollupGrain.AnyChannel && r.Category == TrendRollupGrain.All);
        rows = products switch
        {
            null => rows.Where(r => r.Product == TrendRollupGrain.All),
            [] => rows.Where(r => r.Product != TrendRollupGrain.All),
            _ => rows.Where(r => products.Contains(r.Product)),
        };
        if (!string.IsNullOrEmpty(filter.CategoryCode))
        {
            rows = rows.Where(r => r.Category == filter.CategoryCode);
        }

        if (filter.Channel is { } channel)
        {
            var number = (int)channel;
            rows = rows.Where(r => r.Channel == number);
        }

        return rows;
    }

    /// <summary>The filter's days: the month rows of the whole months inside it, the day rows of the days around them.</summary>
    private static IQueryable<TrendRollup> Period(IQueryable<TrendRollup> rows, TrendFilter filter)
    {
        var (from, to) = (filter.From.DayNumber, filter.To.DayNumber);
        var firstMonth = filter.From.Day == 1 ? filter.From : new DateOnly(filter.From.Year, filter.From.Month, 1).AddMonths(1);
        var afterLastMonth = new DateOnly(filter.To.Year, filter.To.Month, 1);
        if (filter.To.AddDays(1).Day == 1)
        {
            afterLastMonth = afterLastMonth.AddMonths(1);
        }

        if (firstMonth >= afterLastMonth)
        {
            return rows.Where(r => r.Span == TrendRollupSpan.Day && r.Day >= from && r.Day <= to);
        }

        var (monthsFrom, monthsTo) = (firstMonth.DayNumber, afterLastMonth.DayNumber);
        return rows.Where(r => (r.Span == TrendRollupSpan.Month && r.Day >= monthsFrom && r.Day < monthsTo)
            || (r.Span == TrendRollupSpan.Day && ((r.Day >= from && r.Day < monthsFrom) || (r.Day >= monthsTo && r.Day <= to))));
    }

    /// <summary>The products complained about most (<see cref="TrendQueries.TopProducts"/>), each under its listed name or spelling.</summary>
    private static async Task<List<(string Key, int Count)>> ProductsAsync(PortalDbContext db, IQueryable<TrendRollup> rows, CancellationToken cancellationToken)
    {
        var counts = await rows.GroupBy(r => r.Product).Select(g => new { g.Key, Count = g.Sum(r => r.Count) }).ToListAsync(cancellationToken);
        var ids = counts.Where(c => c.Key.StartsWith('#')).Select(c => long.Parse(c.Key[1..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var names = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => "#" + p.Id, p => p.NameEn, cancellationToken);
        return counts.Where(c => c.Count != 0)
            .Select(c => (Name: c.Key.StartsWith('#') ? names.GetValueOrDefault(c.Key) : c.Key[1..], c.Count))
            .Where(c => c.Name is not null)
            .GroupBy(c => c.Name!).Select(g => (g.Key, (int)g.Sum(c => c.Count)))
            .OrderByDescending(c => c.Item2).ThenBy(c => c.Key, StringComparer.Ordinal).Take(TrendQueries.TopProducts).ToList();
    }

    /// <summary>The rollup product keys of <see cref="Products.ProductQueries.About"/>: the listed products it names, and its own spelling.</summary>
    private static async Task<string[]> ProductRefsAsync(PortalDbContext db, string product, CancellationToken cancellationToken)
    {
        var normalised = Domain.Taxonomy.TaxonomyRules.Normalise(product);
        var listed = await db.ProductAliases.AsNoTracking().Where(a => a.Alias == normalised).Select(a => a.ProductId).Distinct().ToListAsync(cancellationToken);
        return [.. listed.Select(id => "#" + id.ToString(System.Globalization.CultureInfo.InvariantCulture)), "=" + product];
    }
}
