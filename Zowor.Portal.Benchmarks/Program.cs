using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Benchmarks.Data;
using Zowor.Portal.Data;

// Zowor Portal data generator (issue 9).
//   dotnet run -c Release --project Zowor.Portal.Benchmarks -- generate --db data/bench.db --size 100000 --open 10000 --seed 2026
// The database is created and migrated when missing; start the portal on it with Database__SqlitePath=<path>.
var arguments = Arguments.Parse(args);
switch (arguments.Command)
{
    case "generate":
        var path = Path.GetFullPath(arguments.Get("db", "data/generated.db"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connection = new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 60 }.ToString();
        var factory = new GeneratorContextFactory(connection);
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        }

        var size = arguments.GetInt("size", 10_000);
        var options = new GeneratorOptions(size, arguments.GetInt("open", Math.Max(1, size / 10)), arguments.GetInt("seed", 2026));
        Console.WriteLine($"Generating {options.Size:N0} complaints ({options.Open:N0} open), seed {options.Seed}, into {path}");
        var result = await new ComplaintGenerator(factory).GenerateAsync(options,
            new Progress<int>(n => { if (n % 50_000 == 0) { Console.WriteLine($"  {n:N0}"); } }));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Done: {result.Complaints:N0} complaints, {result.Open:N0} open, {result.Surveys:N0} survey answers in {result.Elapsed.TotalSeconds:0.0} s ({result.Complaints / result.Elapsed.TotalSeconds:N0}/s)"));
        return 0;
    default:
        Console.Error.WriteLine("Usage: generate --db <path> --size <n> --open <n> --seed <n>");
        return 1;
}

/// <summary>A SQLite context factory outside the web host.</summary>
internal sealed class GeneratorContextFactory(string connectionString) : IDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext() =>
        new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite(connectionString).Options);
}

/// <summary>"command --name value" arguments.</summary>
internal sealed record Arguments(string Command, IReadOnlyDictionary<string, string> Values)
{
    public static Arguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        return new Arguments(args.Length > 0 ? args[0] : string.Empty, values);
    }

    public string Get(string name, string fallback) => Values.GetValueOrDefault(name, fallback);

    public int GetInt(string name, int fallback) =>
        Values.TryGetValue(name, out var text) ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;
}
