using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Zowor.Portal.Benchmarks.Data;
using Zowor.Portal.Benchmarks.Hosting;
using Zowor.Portal.Features.Trends;

namespace Zowor.Portal.Benchmarks.Suite;

/// <summary>
/// 7. The trends CSV of 100k complaints, downloaded over HTTP as a Quality user, while the managed heap of the process
/// (the portal is hosted in it) is sampled every 5 ms. Streamed means flat: the peak heap growth for 100k rows is no
/// bigger than for 10k rows (within the garbage collector's own allocation budget), not ten times bigger.
/// </summary>
public sealed class CsvExportBenchmark : IBenchmark
{
    private const string Id = "7 CSV export";

    public string Name => "csv";

    public string Title => "7 CSV export: 100k complaints streamed, memory sampled";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var (size, open) = context.Quick ? (100_000, 10_000) : (1_000_000, 100_000);
        var dataset = await context.Datasets.GetAsync(size, open, cancellationToken);
        await using var host = new PortalHost(dataset, GeneratorOptions.DefaultNow);
        await host.StartAsync(cancellationToken);
        using var session = await StaffSession.SignInAsync(host.BaseAddress, PortalHost.Accounts[1].Email, cancellationToken);
        var today = DateOnly.FromDateTime(GeneratorOptions.DefaultNow);

        await DownloadAsync(session, Since(dataset, 1_000, today), cancellationToken); // warm-up
        var small = await DownloadAsync(session, Since(dataset, 10_000, today), cancellationToken);
        var large = await DownloadAsync(session, Since(dataset, 100_000, today), cancellationToken);
        context.Report.Info(Id, "rows (10k run)", small.Rows, "");
        context.Report.Info(Id, "peak heap growth, 10k rows", small.PeakGrowth / 1048576.0, "MB");
        context.Report.Info(Id, "rows (100k run)", large.Rows, "");
        context.Report.Info(Id, "size of the 100k download", large.Bytes / 1048576.0, "MB");
        context.Report.Info(Id, "100k download time", large.Milliseconds, "ms");
        context.Report.Info(Id, "rows per second", large.Rows / (large.Milliseconds / 1000), "/s");
        context.Report.Info(Id, "first bytes after", large.FirstByteMilliseconds, "ms");
        var growth = large.PeakGrowth / 1048576.0;
        var allowance = Math.Max(2 * small.PeakGrowth / 1048576.0, 16);
        context.Report.Check(Id, "peak heap growth, 100k rows (flat)", growth, "MB", $"≤ {allowance:0} MB", growth <= allowance);
    }

    /// <summary>The filter whose period holds (about) the newest <paramref name="rows"/> complaints.</summary>
    private static TrendFilter Since(string dataset, int rows, DateOnly today)
    {
        using var connection = new SqliteConnection(Datasets.ConnectionString(dataset) + ";Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ReceivedAt FROM Complaints ORDER BY ReceivedAt DESC LIMIT 1 OFFSET $n";
        command.Parameters.AddWithValue("$n", rows - 1);
        var from = DateTime.Parse((string)command.ExecuteScalar()!, System.Globalization.CultureInfo.InvariantCulture);
        // From that complaint's day: at least the asked rows (a few more from the same day), and never after today.
        var day = DateOnly.FromDateTime(from);
        return new TrendFilter(day < today ? day : today, today);
    }

    private static async Task<Download> DownloadAsync(StaffSession session, TrendFilter filter, CancellationToken cancellationToken)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
                await Task.Delay(5, CancellationToken.None);
            }
        }, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        using var response = await session.Http.GetAsync($"trends/complaints/csv?{filter.ToQueryString()}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        var firstByte = clock.Elapsed.TotalMilliseconds;
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[81920];
        long bytes = 0;
        var lines = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        var elapsed = clock.Elapsed.TotalMilliseconds;
        await sampling.CancelAsync();
        await sampler;
        return new Download(lines - 1, bytes, elapsed, firstByte, peak - baseline);
    }

    private sealed record Download(int Rows, long Bytes, double Milliseconds, double FirstByteMilliseconds, long PeakGrowth);
}
