using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Benchmarks.Data;
using Zowor.Portal.Data;

namespace Zowor.Portal.Benchmarks.Suite;

/// <summary>
/// Generated SQLite databases in <see cref="Folder"/> (<c>bench-data/</c> beside the solution), one per size, open
/// count and seed. A dataset is generated on first use and reused afterwards; a benchmark that changes data works on a
/// copy (<see cref="CopyAsync"/>) so that every run starts from the same state.
/// </summary>
public sealed class Datasets(string folder, int seed = 2026)
{
    public string Folder { get; } = Directory.CreateDirectory(folder).FullName;

    public int Seed { get; } = seed;

    /// <summary>The path of a dataset of <paramref name="size"/> complaints, <paramref name="open"/> of them open: generated when missing.</summary>
    public async Task<string> GetAsync(int size, int open, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"complaints-{size}-open-{open}-seed-{Seed}.db"));
        if (File.Exists(path))
        {
            return path;
        }

        var partial = path + ".partial";
        DeleteDatabase(partial);
        Console.WriteLine($"  generating {size:N0} complaints ({open:N0} open) into {Path.GetFileName(path)} (once; later runs reuse it)");
        var result = await GenerateAsync(partial, new GeneratorOptions(size, open, Seed), cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  generated {result.Complaints:N0} complaints in {result.Elapsed.TotalSeconds:0.0} s ({result.Complaints / result.Elapsed.TotalSeconds:N0}/s)"));
        File.Move(partial, path);
        return path;
    }

    /// <summary>A private copy of a dataset for a benchmark that writes to it.</summary>
    public static async Task<string> CopyAsync(string dataset, string targetFolder, CancellationToken cancellationToken = default)
    {
        var target = Path.Combine(targetFolder, Path.GetFileName(dataset));
        DeleteDatabase(target);
        await using (var source = new FileStream(dataset, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20, useAsync: true))
        await using (var copy = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
        {
            await source.CopyToAsync(copy, cancellationToken);
        }

        return target;
    }

    /// <summary>Creates (migrates) the database at <paramref name="path"/> and fills it.</summary>
    public static async Task<GeneratorResult> GenerateAsync(string path, GeneratorOptions options, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var factory = new GeneratorContextFactory(ConnectionString(path));
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        var result = await new ComplaintGenerator(factory).GenerateAsync(options,
            new Progress<int>(n => { if (n % 100_000 == 0) { Console.WriteLine($"    {n:N0} complaints written"); } }), cancellationToken);
        // The trends dashboard reads only its rollups (issue 21): filled from the rows by the portal's own rebuild.
        await new Zowor.Portal.Features.Trends.Rollups.TrendRollupStore(factory, Microsoft.Extensions.Logging.Abstractions.NullLogger<Zowor.Portal.Features.Trends.Rollups.TrendRollupStore>.Instance)
            .RebuildAsync(cancellationToken);
        await using (var db = factory.CreateDbContext())
        {
            // Fresh statistics for the query planner, and the WAL folded into the file so that a plain copy is complete.
            await db.Database.ExecuteSqlRawAsync("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }

        SqliteConnection.ClearAllPools();
        return result;
    }

    public static string ConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path), DefaultTimeout = 60, Pooling = true }.ToString();

    private static void DeleteDatabase(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}

/// <summary>A SQLite context factory outside the web host.</summary>
public sealed class GeneratorContextFactory(string connectionString) : IDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext() =>
        new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite(connectionString).Options);
}
