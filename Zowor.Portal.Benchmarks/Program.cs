using System.Diagnostics;
using System.Globalization;
using Zowor.Portal.Benchmarks.Data;
using Zowor.Portal.Benchmarks.Hosting;
using Zowor.Portal.Benchmarks.Suite;

// Zowor Portal data generator and benchmark suite (issue 9); docs/BENCHMARKS.md explains both.
//   ./bench.sh                                   every benchmark, figures printed against the targets
//   ./bench.sh --only intake,live --quick         some of them, briefly (a smoke run, not comparable figures)
//   dotnet run -c Release --project Zowor.Portal.Benchmarks -- generate --db data/demo-10k.db --size 10000 --open 1000 --seed 2026
/// <summary>The benchmark console (not called Program: the portal's Program is the host type for <c>WebApplicationFactory</c>).</summary>
internal static class BenchmarkConsole
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var arguments = Arguments.Parse(args);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        IBenchmark[] suite =
        [
            new GeneratorBenchmark(),
            new IntakeBenchmark(),
            new QueueBenchmark(),
            new DeadlineScanBenchmark(),
            new TrendsBenchmark(),
            new LiveUpdateBenchmark(),
            new CircuitMemoryBenchmark(),
            new CsvExportBenchmark(),
            new ImapBenchmark(),
            new SearchBenchmark(),
        ];

        switch (arguments.Command)
        {
            case "generate":
                {
                    var path = Path.GetFullPath(arguments.Get("db", "data/generated.db"));
                    var size = arguments.GetInt("size", 10_000);
                    // --now now: data up to this moment (demo data for a portal started today); the default is a fixed moment,
                    // so that a seed always gives the same data (the benchmarks' datasets).
                    DateTime? now = arguments.Get("now", string.Empty) switch
                    {
                        "" => null,
                        "now" => DateTime.UtcNow,
                        var text => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                    };
                    var options = new GeneratorOptions(size, arguments.GetInt("open", Math.Max(1, size / 10)), arguments.GetInt("seed", 2026), Now: now);
                    Console.WriteLine($"Generating {options.Size:N0} complaints ({options.Open:N0} open), seed {options.Seed}, into {path}");
                    var result = await Datasets.GenerateAsync(path, options, cancel.Token);
                    Console.WriteLine($"Done: {result.Complaints:N0} complaints, {result.Open:N0} open, {result.Surveys:N0} survey answers, {result.Capas:N0} CAPAs " +
                        $"in {result.Elapsed.TotalSeconds:0.0} s ({result.Complaints / result.Elapsed.TotalSeconds:N0}/s)");
                    Console.WriteLine($"Start the portal on it: Database__SqlitePath={path} dotnet run --project Zowor.Portal");
                    return 0;
                }

            case "run":
                {
                    var only = arguments.Get("only", string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var unknown = only.Except(suite.Select(b => b.Name)).ToList();
                    if (unknown.Count > 0)
                    {
                        Console.Error.WriteLine($"Unknown benchmark(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", suite.Select(b => b.Name))}.");
                        return 1;
                    }

                    var context = new BenchmarkContext(new Report(), new Datasets(arguments.Get("data", Path.Combine(RepositoryRoot.Path, "bench-data"))), arguments.Flag("quick"));
                    Console.WriteLine($"Zowor Portal benchmarks on {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC{(context.Quick ? " (quick run: figures are not comparable with the targets)" : string.Empty)}");
                    var failures = 0;
                    foreach (var benchmark in suite.Where(b => only.Length == 0 || only.Contains(b.Name)))
                    {
                        Console.WriteLine();
                        Console.WriteLine($"== {benchmark.Title}");
                        var clock = Stopwatch.StartNew();
                        try
                        {
                            await benchmark.RunAsync(context, cancel.Token);
                        }
                        catch (Exception ex) when (!cancel.IsCancellationRequested)
                        {
                            failures++;
                            Console.WriteLine($"  FAILED: {ex}");
                            context.Report.Check(benchmark.Name, "completed", 0, string.Empty, "runs", met: false);
                        }

                        Console.WriteLine($"   ({clock.Elapsed.TotalSeconds:0} s)");
                    }

                    context.Report.Print(Console.Out);
                    return failures == 0 ? 0 : 2;
                }

            default:
                Console.Error.WriteLine("Usage: run [--only name,name] [--quick] [--data folder] | generate --db <path> --size <n> --open <n> --seed <n> [--now now|<UTC time>]");
                return 1;
        }
    }
}

/// <summary>"command --name value --flag" arguments.</summary>
internal sealed record Arguments(string Command, IReadOnlyDictionary<string, string> Values)
{
    public static Arguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i].TrimStart('-');
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            values[name] = hasValue ? args[++i] : "true";
        }

        return new Arguments(args.Length > 0 ? args[0] : string.Empty, values);
    }

    public string Get(string name, string fallback) => Values.GetValueOrDefault(name, fallback);

    public bool Flag(string name) => Values.GetValueOrDefault(name) == "true";

    public int GetInt(string name, int fallback) =>
        Values.TryGetValue(name, out var text) ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;
}
