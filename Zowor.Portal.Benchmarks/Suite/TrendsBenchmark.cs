using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Benchmarks.Data;
using Zowor.Portal.Benchmarks.Hosting;
using Zowor.Portal.Features.Trends;

namespace Zowor.Portal.Benchmarks.Suite;

/// <summary>
/// 4. Every trends aggregate over 1M complaints, warm: the portal's own <see cref="TrendQueries"/> for the whole three
/// years (the dashboard's widest filter), repeated; each SQL command the report runs is one aggregate, timed by EF.
/// Issue 21: the dashboard reads the rollup tables, each aggregate within 50 ms and the whole dashboard within 300 ms
/// (p95); the rollup totals query is also timed in the raw <c>sqlite3</c> shell on the same file, and the portal's time
/// reported as a ratio to it (the floor SQLite itself sets); the same for the repeat-customer rollup, beside the row-based
/// repeat-customer query it replaced.
/// </summary>
public sealed partial class TrendsBenchmark : IBenchmark
{
    private const string Id = "4 trends";

    public string Name => "trends";

    public string Title => "4 trends: each aggregate of the dashboard over 1M complaints (warm)";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var (size, open) = context.Quick ? (100_000, 10_000) : (1_000_000, 100_000);
        var dataset = await context.Datasets.GetAsync(size, open, cancellationToken);
        await using var host = new PortalHost(dataset, GeneratorOptions.DefaultNow);
        await host.StartAsync(cancellationToken);
        var today = DateOnly.FromDateTime(GeneratorOptions.DefaultNow);
        var filter = new TrendFilter(today.AddYears(-3), today);

        var reports = new List<double>();
        var commands = new Dictionary<int, (string Label, List<double> Times)>();
        var iterations = context.Quick ? 5 : 10;
        for (var i = -2; i < iterations; i++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var queries = scope.ServiceProvider.GetRequiredService<TrendQueries>();
            var mark = host.Sql.Mark;
            var clock = Stopwatch.StartNew();
            var report = await queries.GetReportAsync(filter, cancellationToken);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            if (i < 0)
            {
                continue; // warm-up: compiled queries, SQLite's page cache
            }

            if (i == 0)
            {
                context.Report.Info(Id, "complaints in the filter (3 years)", report.Received, "");
            }

            reports.Add(elapsed);
            if (i == 0)
            {
                // The SQL measured, for reading the query plans (sqlite3 file.db "EXPLAIN QUERY PLAN ...").
                await File.WriteAllLinesAsync(Path.Combine(context.Datasets.Folder, "trends.sql"),
                    host.Sql.Since(mark).Select(c => c.Text.ReplaceLineEndings(" ") + ";"), cancellationToken);
            }

            var position = 0;
            foreach (var command in host.Sql.Since(mark))
            {
                if (!commands.TryGetValue(position, out var entry))
                {
                    commands[position] = entry = (Label(command.Text), []);
                }

                entry.Times.Add(command.Milliseconds);
                position++;
            }
        }

        foreach (var (_, (label, times)) in commands.OrderBy(c => c.Key))
        {
            context.Report.AtMost(Id, $"p95 {label}", Percentiles.Of(times, 95), "ms", 50);
        }

        context.Report.Info(Id, $"whole dashboard ({commands.Count} queries), p50", Percentiles.Of(reports, 50), "ms");
        context.Report.AtMost(Id, "whole dashboard, p95", Percentiles.Of(reports, 95), "ms", 300);

        // The same rollup totals query in the sqlite3 shell on the same file: what SQLite alone needs.
        if (commands.Values.FirstOrDefault(c => c.Label.StartsWith("by Figure", StringComparison.Ordinal)) is { Times.Count: > 0 } totals
            && await SqliteShellAsync(dataset, TotalsSql(filter), cancellationToken) is { } shell)
        {
            context.Report.Info(Id, "rollup totals in the sqlite3 shell, median of 5", shell, "ms");
            context.Report.Info(Id, "rollup totals p95 ÷ sqlite3 shell", Percentiles.Of(totals.Times, 95) / Math.Max(shell, 0.01), "×");
        }

        // The repeat customers from their rollup, and as the rows counted them before it, in the shell on the same file.
        if (commands.Values.FirstOrDefault(c => c.Label.StartsWith("repeat customers (rollup)", StringComparison.Ordinal)) is { Times.Count: > 0 } repeat
            && await SqliteShellAsync(dataset, RepeatSql(filter), cancellationToken) is { } repeatShell)
        {
            context.Report.Info(Id, "repeat-customer rollup in the sqlite3 shell, median of 5", repeatShell, "ms");
            context.Report.Info(Id, "repeat-customer rollup p95 ÷ sqlite3 shell", Percentiles.Of(repeat.Times, 95) / Math.Max(repeatShell, 0.01), "×");
            if (await SqliteShellAsync(dataset, RepeatFromRowsSql(filter), cancellationToken, runs: 3) is { } rowsShell)
            {
                context.Report.Info(Id, "repeat customers from the complaint rows (before the rollup) in the sqlite3 shell, median of 2", rowsShell, "ms");
            }
        }
    }

    private static (int FirstMonth, int AfterLastMonth) Months(TrendFilter filter)
    {
        var firstMonth = filter.From.Day == 1 ? filter.From : new DateOnly(filter.From.Year, filter.From.Month, 1).AddMonths(1);
        var afterLastMonth = new DateOnly(filter.To.Year, filter.To.Month, 1).AddMonths(filter.To.AddDays(1).Day == 1 ? 1 : 0);
        return (firstMonth.DayNumber, afterLastMonth.DayNumber);
    }

    /// <summary>The rollup totals query for <paramref name="filter"/> (whole months + its edge days).</summary>
    private static string TotalsSql(TrendFilter filter)
    {
        var (firstMonth, afterLastMonth) = Months(filter);
        return FormattableString.Invariant($"""
            SELECT Figure, Key, Text, SUM(Count), SUM(Sum) FROM TrendRollups
            WHERE Channel = -1 AND Category = '' AND Product = ''
              AND ((Span = 1 AND Day >= {firstMonth} AND Day < {afterLastMonth})
                OR (Span = 0 AND ((Day >= {filter.From.DayNumber} AND Day < {firstMonth}) OR (Day >= {afterLastMonth} AND Day <= {filter.To.DayNumber}))))
            GROUP BY Figure, Key, Text;
            """).ReplaceLineEndings(" ");
    }

    /// <summary>The repeat-customer rollup query of <c>TrendRollupReader.ReadRepeatAsync</c> for <paramref name="filter"/>, no category, channel or product.</summary>
    private static string RepeatSql(TrendFilter filter)
    {
        var (firstMonth, afterLastMonth) = Months(filter);
        var (from, to) = (filter.From.DayNumber, filter.To.DayNumber);
        if (firstMonth >= afterLastMonth)
        {
            (firstMonth, afterLastMonth) = (to + 1, to + 1);
        }

        var nextMonth = new DateOnly(filter.From.Year, filter.From.Month, 1).AddMonths(1).DayNumber;
        var (priorDaysTo, priorMonthsFrom) = filter.From.Day == 1 ? (from, from) : (nextMonth, nextMonth);
        // One range of the primary key per arm, as the reader sends it (UNION ALL, then grouped by prior).
        var grain = "Category = '' AND Channel = -1 AND Product = ''";
        var arms = new List<string>
        {
            FormattableString.Invariant($"Prior = 0 AND Span = 1 AND Day >= {firstMonth} AND Day < {afterLastMonth}"),
            FormattableString.Invariant($"Prior = 0 AND Span = 0 AND Day >= {from} AND Day < {firstMonth}"),
            FormattableString.Invariant($"Prior = 0 AND Span = 0 AND Day >= {afterLastMonth} AND Day <= {to}"),
            FormattableString.Invariant($"Prior IN (1, 2) AND Span = 1 AND Day >= {firstMonth} AND Day < {afterLastMonth} AND PriorDay >= {priorMonthsFrom}"),
            FormattableString.Invariant($"Prior IN (1, 2) AND Span = 2 AND Day >= {from} AND Day < {firstMonth} AND PriorDay >= {priorMonthsFrom}"),
            FormattableString.Invariant($"Prior IN (1, 2) AND Span = 2 AND Day >= {afterLastMonth} AND Day <= {to} AND PriorDay >= {priorMonthsFrom}"),
        };
        if (priorDaysTo > from)
        {
            arms.Add(FormattableString.Invariant($"Prior IN (1, 2) AND Span = 3 AND Day >= {firstMonth} AND Day < {afterLastMonth} AND PriorDay >= {from} AND PriorDay < {priorDaysTo}"));
            arms.Add(FormattableString.Invariant($"Prior IN (1, 2) AND Span = 0 AND Day >= {from} AND Day < {firstMonth} AND PriorDay >= {from} AND PriorDay < {priorDaysTo}"));
            arms.Add(FormattableString.Invariant($"Prior IN (1, 2) AND Span = 0 AND Day >= {afterLastMonth} AND Day <= {to} AND PriorDay >= {from} AND PriorDay < {priorDaysTo}"));
        }

        return "SELECT Prior, SUM(Count) FROM (" + string.Join(" UNION ALL ", arms.Select(a => $"SELECT Prior, Count FROM RepeatCustomerRollups WHERE {grain} AND {a}")) + ") GROUP BY Prior;";
    }

    /// <summary>The row-based repeat-customer query (<c>TrendQueries.RepeatAsync</c>) over the filter's UTC bounds, as main ran it before the rollup.</summary>
    private static string RepeatFromRowsSql(TrendFilter filter)
    {
        // Asia/Almaty (the dataset's zone, +05:00 without daylight saving): the filter's business days in UTC, as stored.
        var from = filter.From.ToDateTime(TimeOnly.MinValue).AddHours(-5).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var to = filter.To.AddDays(1).ToDateTime(TimeOnly.MinValue).AddHours(-5).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        return $"""
            SELECT COUNT(n), COUNT(CASE WHEN n > 1 THEN n END), SUM(CASE WHEN n > 1 THEN n ELSE 0 END) FROM (
              SELECT COUNT(*) AS n FROM Complaints
              WHERE ReceivedAt >= '{from}' AND ReceivedAt < '{to}' AND (CustomerEmail IS NOT NULL OR CustomerPhone IS NOT NULL)
              GROUP BY COALESCE(CustomerEmail, CustomerPhone));
            """.ReplaceLineEndings(" ");
    }

    /// <summary><paramref name="sql"/> timed by <c>sqlite3 .timer</c>, the first run discarded; null without the shell.</summary>
    private static async Task<double?> SqliteShellAsync(string dataset, string sql, CancellationToken cancellationToken, int runs = 6)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            // The commands go in on standard input: given as arguments, sqlite3 runs the query but prints no timer.
            var start = new ProcessStartInfo("sqlite3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-readonly");
            start.ArgumentList.Add(dataset);

            Process? process;
            try
            {
                process = Process.Start(start);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null;
            }

            await process!.StandardInput.WriteAsync($".timer on\n{sql}\n");
            process.StandardInput.Close();
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (RunTime().Match(output) is { Success: true } match && i > 0)
            {
                times.Add(double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 1000);
            }
        }

        return times.Count == 0 ? null : Percentiles.Of(times, 50);
    }

    [GeneratedRegex(@"Run Time: real ([0-9.]+)")]
    private static partial Regex RunTime();

    /// <summary>What an aggregate of the dashboard is, read from its SQL (first match wins).</summary>
    private static readonly (string Contains, string Label)[] Names =
    [
        ("SatisfactionSurveys", "satisfaction survey scores"),
        ("\"RepeatCustomerRollups\"", "repeat customers (rollup)"),
        ("HAVING COUNT(*) > 1 ) AS \"c1\"", "repeat customers"),
        ("COALESCE(\"c\".\"CustomerEmail\"", "customers"),
        ("Within24Hours", "acknowledged within 24 h"),
        ("ResolutionCurrency", "refunds by currency"),
        ("ORDER BY \"c\".\"AcknowledgementHours\"", "hours to acknowledge (median, p90)"),
        ("ORDER BY \"c\".\"ResolutionHours\"", "hours to resolve (median, p90)"),
        ("\"AcknowledgementHours\" IS NOT NULL", "count acknowledged"),
        ("\"ResolutionHours\" IS NOT NULL", "count resolved"),
        ("\"Memo", "memo acknowledgement"),
        ("\"Training", "training compliance"),
        ("\"AspNet", "staff for training compliance"),
        ("\"Capas\"", "open and overdue CAPAs"),
    ];

    /// <summary>A short name for an aggregate from its SQL: what it measures, or what it groups by.</summary>
    private static string Label(string sql)
    {
        var flat = Whitespace().Replace(sql, " ");
        if (Names.FirstOrDefault(n => flat.Contains(n.Contains, StringComparison.Ordinal)) is { Label: { } label })
        {
            return label;
        }

        return GroupBy().Match(flat) is { Success: true } group
            ? "by " + Columns().Replace(group.Groups[1].Value, "$1").Replace("\"", string.Empty, StringComparison.Ordinal).Trim()
            : flat.Length > 40 ? flat[..40] : flat;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"GROUP BY (.+?)(?: ORDER BY| HAVING| LIMIT|\)|$)")]
    private static partial Regex GroupBy();

    [GeneratedRegex(@"""\w+""\.""(\w+)""")]
    private static partial Regex Columns();
}
