using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Benchmarks.Data;
using Zowor.Portal.Benchmarks.Hosting;
using Zowor.Portal.Features.Escalation;

namespace Zowor.Portal.Benchmarks.Suite;

/// <summary>
/// 3. The deadline scan (P-20 to P-41) over 100k open complaints among 1M: the portal's own <see cref="DeadlineScanJob"/>
/// on a copy of the dataset, with the clock moved on a minute per run as Hangfire would run it. The generator leaves
/// the data as the job would have (steady state), so each run finds what fell due in its minute; a last run after an
/// hour's outage shows the catch-up. The due query's time is EF's own measurement of the UNION query.
/// </summary>
public sealed class DeadlineScanBenchmark : IBenchmark
{
    private const string Id = "3 deadline scan";

    public string Name => "deadline";

    public string Title => "3 deadline scan: the every-minute job over 100k open complaints among 1M";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var (size, open) = context.Quick ? (100_000, 10_000) : (1_000_000, 100_000);
        var dataset = await context.Datasets.GetAsync(size, open, cancellationToken);
        var copy = await Datasets.CopyAsync(dataset, context.ScratchFolder("deadline"), cancellationToken);
        await using var host = new PortalHost(copy, GeneratorOptions.DefaultNow);
        await host.StartAsync(cancellationToken);
        context.Report.Info(Id, $"open complaints (of {size:N0})", open, "");

        // Warm-up: the first run compiles the queries and fills SQLite's page cache.
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await RunOnceAsync(host, cancellationToken);

        var runs = new List<double>();
        var queries = new List<double>();
        var changed = 0;
        for (var i = 0; i < (context.Quick ? 5 : 20); i++)
        {
            host.Clock.Advance(TimeSpan.FromMinutes(1));
            var (elapsed, query, result) = await RunOnceAsync(host, cancellationToken);
            runs.Add(elapsed);
            queries.Add(query);
            changed += result.ComplaintsChanged;
        }

        context.Report.AtMost(Id, "run, p95 (minute by minute)", Percentiles.Of(runs, 95), "ms", 1000);
        context.Report.AtMost(Id, "due query, p95", Percentiles.Of(queries, 95), "ms", 50);
        context.Report.Info(Id, "due query, p50", Percentiles.Of(queries, 50), "ms");
        context.Report.Info(Id, $"complaints changed in {runs.Count} runs", changed, "");

        host.Clock.Advance(TimeSpan.FromHours(1));
        var (catchUp, catchUpQuery, catchUpResult) = await RunOnceAsync(host, cancellationToken);
        context.Report.Info(Id, $"run after an hour down ({catchUpResult.ComplaintsChanged} changed)", catchUp, "ms");
        context.Report.Info(Id, "due query after an hour down", catchUpQuery, "ms");
    }

    private static async Task<(double Milliseconds, double QueryMilliseconds, DeadlineScanResult Result)> RunOnceAsync(PortalHost host, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredService<DeadlineScanJob>();
        var mark = host.Sql.Mark;
        var clock = Stopwatch.StartNew();
        var result = await job.RunAsync(cancellationToken);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var query = host.Sql.Since(mark).Where(c => c.Text.Contains("UNION", StringComparison.Ordinal)).Sum(c => c.Milliseconds);
        return (elapsed, query, result);
    }
}
