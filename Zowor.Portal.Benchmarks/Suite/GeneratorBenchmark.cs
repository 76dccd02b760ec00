using Zowor.Portal.Benchmarks.Data;

namespace Zowor.Portal.Benchmarks.Suite;

/// <summary>
/// 0. The data generator itself: a fresh 100k-complaint database (quick: 10k) through the domain and the bulk inserts,
/// timed from an empty file to the last index; the datasets of the other benchmarks are made the same way.
/// </summary>
public sealed class GeneratorBenchmark : IBenchmark
{
    private const string Id = "0 generator";

    public string Name => "generator";

    public string Title => "0 generator: a fresh database of realistic complaints, bulk-inserted";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var size = context.Quick ? 10_000 : 100_000;
        var path = Path.Combine(context.ScratchFolder("generator"), "generated.db");
        var result = await Datasets.GenerateAsync(path, new GeneratorOptions(size, size / 10, context.Datasets.Seed), cancellationToken);
        var rate = result.Complaints / result.Elapsed.TotalSeconds;
        context.Report.Info(Id, $"complaints ({result.Capas} CAPAs, {result.Surveys:N0} survey answers)", result.Complaints, "");
        context.Report.Info(Id, "time", result.Elapsed.TotalSeconds, "s");
        context.Report.Info(Id, "complaints per second", rate, "/s");
        context.Report.Check(Id, "1M complaints at this rate", 1_000_000 / rate / 60, "min", "minutes", 1_000_000 / rate / 60 <= 15);
    }
}
