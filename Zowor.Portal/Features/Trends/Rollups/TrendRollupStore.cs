using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;

namespace Zowor.Portal.Features.Trends.Rollups;

/// <summary>
/// Recomputes the trend rollups from the complaint rows (<see cref="RebuildAsync"/>, the <c>--rebuild-trend-rollups</c>
/// command) and compares them with the rows for some business days, repairing what drifted (<see cref="CheckAsync"/>,
/// the hourly <see cref="TrendRollupCheckJob"/>). Both add up <see cref="TrendRollupSource.Contribute"/>, the definition
/// the writer uses on every save, and do the same for the repeat-customer rollup with <see cref="RepeatCustomerChains"/>.
/// </summary>
public sealed class TrendRollupStore(IDbContextFactory<PortalDbContext> contexts, ILogger<TrendRollupStore> logger)
{
    /// <summary>The command-line argument that rebuilds the rollups and exits (<c>dotnet Zowor.Portal.dll --rebuild-trend-rollups</c>).</summary>
    public const string RebuildArgument = "--rebuild-trend-rollups";

    private const int FlushAt = 200_000;

    /// <summary>Deletes every rollup row and adds up all complaints again, in one transaction (saves wait for it).</summary>
    /// <returns>The complaints read and the rollup rows written.</returns>
    public async Task<(int Complaints, int Rows)> RebuildAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var strategy = db.Database.CreateExecutionStrategy();
        var result = await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var zone = await TrendRollupWriter.ZoneAsync(db, ct);
            await db.TrendRollups.ExecuteDeleteAsync(ct);
            var delta = new TrendRollupDelta();
            var (complaints, rows) = (0, 0);
            await foreach (var source in TrendRollupSource.Of(db, db.Complaints.AsNoTracking()).OrderBy(s => s.ReceivedAt).AsAsyncEnumerable().WithCancellation(ct))
            {
                source.Contribute(zone, +1, delta);
                complaints++;
                if (delta.Count >= FlushAt)
                {
                    rows += await FlushAsync(db, delta, ct);
                }
            }

            rows += await FlushAsync(db, delta, ct);
            rows += await RebuildRepeatCoreAsync(db, zone, ct);
            await transaction.CommitAsync(ct);
            return (complaints, rows);
        }, cancellationToken);
        logger.LogInformation("Trend rollups rebuilt from {Complaints} complaints: {Rows} rows written", result.complaints, result.rows);
        return result;
    }

    /// <summary>
    /// Deletes and recomputes the repeat-customer rollup alone, in one transaction: for a database whose trend rollups
    /// predate it (<c>DatabaseInitializer</c> at start-up, the benchmark's 1M dataset).
    /// </summary>
    /// <returns>The rows written.</returns>
    public async Task<int> RebuildRepeatCustomersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var strategy = db.Database.CreateExecutionStrategy();
        var rows = await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var written = await RebuildRepeatCoreAsync(db, await TrendRollupWriter.ZoneAsync(db, ct), ct);
            await transaction.CommitAsync(ct);
            return written;
        }, cancellationToken);
        logger.LogInformation("Repeat-customer rollup rebuilt: {Rows} rows written", rows);
        return rows;
    }

    /// <summary>The repeat-customer rows from every complaint with a customer, read customer by customer (ordered by the key).</summary>
    private static async Task<int> RebuildRepeatCoreAsync(PortalDbContext db, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        await db.RepeatCustomerRollups.ExecuteDeleteAsync(cancellationToken);
        var delta = new Dictionary<RepeatCustomerKey, long>();
        var customer = new List<RepeatCustomerSource>();
        var rows = 0;
        var sources = RepeatCustomerSource.Of(db.Complaints.AsNoTracking().Where(c => c.Customer.Email != null || c.Customer.Phone != null))
            .OrderBy(s => s.Email ?? s.Phone);
        await foreach (var source in sources.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (customer.Count > 0 && !string.Equals(customer[0].CustomerKey, source.CustomerKey, StringComparison.Ordinal))
            {
                RepeatCustomerChains.Contribute(customer, zone, +1, delta);
                customer.Clear();
                if (delta.Count >= FlushAt)
                {
                    rows += await FlushRepeatAsync(db, delta, cancellationToken);
                }
            }

            customer.Add(source);
        }

        RepeatCustomerChains.Contribute(customer, zone, +1, delta);
        return rows + await FlushRepeatAsync(db, delta, cancellationToken);
    }

    private static async Task<int> FlushRepeatAsync(PortalDbContext db, Dictionary<RepeatCustomerKey, long> delta, CancellationToken cancellationToken)
    {
        var rows = RepeatCustomerChains.Rows(delta).ToList();
        await TrendRollupWriter.UpsertAsync(db, rows, cancellationToken);
        delta.Clear();
        return rows.Count;
    }

    /// <summary>
    /// The repeat-customer rows of one business day (spans by day) or month (spans by month) as the whole chains of the
    /// customers who complained in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>) make them, less the stored ones.
    /// </summary>
    private static async Task<List<RepeatCustomerRollup>> RepeatDifferenceAsync(PortalDbContext db, TimeZoneInfo zone, DateTime fromUtc, DateTime toUtc, bool month, int day, CancellationToken cancellationToken)
    {
        var customers = await db.Complaints.AsNoTracking()
            .Where(c => c.ReceivedAt >= fromUtc && c.ReceivedAt < toUtc && (c.Customer.Email != null || c.Customer.Phone != null))
            .Select(c => (c.Customer.Email ?? c.Customer.Phone)!).Distinct().ToListAsync(cancellationToken);
        var truth = new Dictionary<RepeatCustomerKey, long>();
        RepeatCustomerChains.Contribute(await RepeatCustomerSource.OfCustomersAsync(db.Complaints.AsNoTracking(), customers, cancellationToken), zone, +1, truth);
        var (first, second) = month ? (RepeatCustomerSpan.MonthMonth, RepeatCustomerSpan.MonthDay) : (RepeatCustomerSpan.DayDay, RepeatCustomerSpan.DayMonth);
        var difference = truth.Where(t => (t.Key.Span == first || t.Key.Span == second) && t.Key.Day == day).ToDictionary(t => t.Key, t => t.Value);
        foreach (var row in await db.RepeatCustomerRollups.AsNoTracking().Where(r => (r.Span == first || r.Span == second) && r.Day == day).ToListAsync(cancellationToken))
        {
            var key = RepeatCustomerChains.KeyOf(row);
            difference[key] = difference.GetValueOrDefault(key) - row.Count;
        }

        return RepeatCustomerChains.Rows(difference).ToList();
    }

    /// <summary>
    /// Compares the day rows of each of <paramref name="days"/> with the complaints received that business day, and the
    /// month rows of each month touched with the complaints received that month; a difference is added to the rows that
    /// differ and logged. Each span is checked against the complaints, never against the other span: a month compared
    /// with the sum of its day rows would take on the drift of a day nobody checked.
    /// </summary>
    public async Task<TrendRollupCheck> CheckAsync(IReadOnlyCollection<DateOnly> days, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var zone = await TrendRollupWriter.ZoneAsync(db, ct);
            var fixedDays = new List<DateOnly>();
            var fixedRows = 0;
            foreach (var day in days.Distinct().Order())
            {
                var fromUtc = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), zone);
                var toUtc = TimeZoneInfo.ConvertTimeToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
                var delta = new TrendRollupDelta();
                var sources = await TrendRollupSource.Of(db, db.Complaints.AsNoTracking().Where(c => c.ReceivedAt >= fromUtc && c.ReceivedAt < toUtc)).ToListAsync(ct);
                foreach (var source in sources)
                {
                    source.Contribute(zone, +1, delta);
                }

                var stored = await db.TrendRollups.AsNoTracking().Where(r => r.Span == TrendRollupSpan.Day && r.Day == day.DayNumber).ToListAsync(ct);
                var difference = new TrendRollupDelta();
                foreach (var row in delta.Rows.Where(r => r.Span == TrendRollupSpan.Day))
                {
                    difference.Add(KeyOf(row), row.Count, row.Sum);
                }

                foreach (var row in stored)
                {
                    difference.Add(KeyOf(row), -row.Count, -row.Sum);
                }

                var off = difference.Rows.ToList();
                var repeatOff = await RepeatDifferenceAsync(db, zone, fromUtc, toUtc, month: false, day.DayNumber, ct);
                if (off.Count == 0 && repeatOff.Count == 0)
                {
                    continue;
                }

                if (off.Count > 0)
                {
                    logger.LogWarning("Trend rollups: {Rows} rows of business day {Day} differed from the complaints; repaired ({Sample})",
                        off.Count, day, string.Join("; ", off.Take(5).Select(r => $"figure {r.Figure} key {r.Key}{r.Text} {r.Category}/{r.Channel}/{r.Product} {r.Count:+#;-#;0}")));
                    await TrendRollupWriter.UpsertAsync(db, off, ct);
                }

                if (repeatOff.Count > 0)
                {
                    logger.LogWarning("Repeat-customer rollup: {Rows} rows of business day {Day} differed from the complaints; repaired ({Sample})",
                        repeatOff.Count, day, string.Join("; ", repeatOff.Take(5).Select(r => $"prior {r.Prior} span {r.Span} from {r.PriorDay} {r.Category}/{r.Channel}/{r.Product} {r.Count:+#;-#;0}")));
                    await TrendRollupWriter.UpsertAsync(db, repeatOff, ct);
                }

                fixedDays.Add(day);
                fixedRows += off.Count + repeatOff.Count;
            }

            var fixedMonths = 0;
            foreach (var month in days.Select(d => new DateOnly(d.Year, d.Month, 1)).Distinct())
            {
                var off = await MonthDifferenceAsync(db, zone, month, ct);
                var repeatOff = await RepeatDifferenceAsync(db, zone, TimeZoneInfo.ConvertTimeToUtc(month.ToDateTime(TimeOnly.MinValue), zone),
                    TimeZoneInfo.ConvertTimeToUtc(month.AddMonths(1).ToDateTime(TimeOnly.MinValue), zone), month: true, month.DayNumber, ct);
                if (off.Count > 0 || repeatOff.Count > 0)
                {
                    logger.LogWarning("Trend rollups: {Rows} rows and {Repeat} repeat-customer rows of month {Month:yyyy-MM} differed from the complaints; repaired",
                        off.Count, repeatOff.Count, month);
                    await TrendRollupWriter.UpsertAsync(db, off, ct);
                    await TrendRollupWriter.UpsertAsync(db, repeatOff, ct);
                    fixedMonths++;
                    fixedRows += off.Count + repeatOff.Count;
                }
            }

            await transaction.CommitAsync(ct);
            logger.LogInformation("Trend rollups checked for {Days} business days: {Fixed} days and {Months} months repaired", days.Count, fixedDays.Count, fixedMonths);
            return new TrendRollupCheck(days.Count, fixedDays, fixedMonths, fixedRows);
        }, cancellationToken);
    }

    /// <summary>The last seven business days and seven others at random from the period with complaints.</summary>
    public async Task<IReadOnlyList<DateOnly>> SampleDaysAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var first = await db.TrendRollups.Where(r => r.Span == TrendRollupSpan.Day).MinAsync(r => (int?)r.Day, cancellationToken) ?? today.DayNumber;
        var days = Enumerable.Range(0, 7).Select(i => today.AddDays(-i)).ToList();
        var span = Math.Max(1, today.DayNumber - first);
        days.AddRange(Enumerable.Range(0, 7).Select(_ => DateOnly.FromDayNumber(first + Random.Shared.Next(span))));
        return days;
    }

    /// <summary>The month rows of <paramref name="month"/> as the complaints received that business month make them, less the stored ones.</summary>
    private static async Task<List<TrendRollup>> MonthDifferenceAsync(PortalDbContext db, TimeZoneInfo zone, DateOnly month, CancellationToken cancellationToken)
    {
        var fromUtc = TimeZoneInfo.ConvertTimeToUtc(month.ToDateTime(TimeOnly.MinValue), zone);
        var toUtc = TimeZoneInfo.ConvertTimeToUtc(month.AddMonths(1).ToDateTime(TimeOnly.MinValue), zone);
        var truth = new TrendRollupDelta();
        await foreach (var source in TrendRollupSource.Of(db, db.Complaints.AsNoTracking().Where(c => c.ReceivedAt >= fromUtc && c.ReceivedAt < toUtc))
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            source.Contribute(zone, +1, truth);
        }

        var stored = await db.TrendRollups.AsNoTracking().Where(r => r.Span == TrendRollupSpan.Month && r.Day == month.DayNumber).ToListAsync(cancellationToken);
        var difference = new TrendRollupDelta();
        foreach (var row in truth.Rows.Where(r => r.Span == TrendRollupSpan.Month))
        {
            difference.Add(KeyOf(row), row.Count, row.Sum);
        }

        foreach (var row in stored)
        {
            difference.Add(KeyOf(row), -row.Count, -row.Sum);
        }

        return difference.Rows.ToList();
    }

    private static async Task<int> FlushAsync(PortalDbContext db, TrendRollupDelta delta, CancellationToken cancellationToken)
    {
        var rows = delta.Rows.ToList();
        await TrendRollupWriter.UpsertAsync(db, rows, cancellationToken);
        delta.Clear();
        return rows.Count;
    }

    private static TrendRollupKey KeyOf(TrendRollup r) => new(r.Span, r.Category, r.Channel, r.Product, r.Day, r.Figure, r.Key, r.Text);
}
