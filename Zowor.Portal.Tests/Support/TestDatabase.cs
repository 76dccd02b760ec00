using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Tests.Support;

/// <summary>
/// A fresh SQLite file under <c>{temp}/zowor-tests/</c>: a real file (not <c>:memory:</c>), so WAL mode, a second
/// connection and an app restart behave as in production. Deleted, with its <c>-wal</c> and <c>-shm</c> files, on dispose.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private TestDatabase(string path)
    {
        FilePath = path;
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30, Pooling = true }.ToString();
    }

    /// <summary>Folder that holds every test database.</summary>
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "zowor-tests");

    /// <summary>Absolute path of the database file; pass it to the app as <c>Database:SqlitePath</c>.</summary>
    public string FilePath { get; }

    /// <summary>A connection string to the same file, for assertions that go around the app.</summary>
    public string ConnectionString { get; }

    /// <summary>The data folder for files (evidence, mail pickup) of the portal using this database.</summary>
    public string FilesFolder => FilePath + ".files";

    /// <summary>Reserves a new, not yet existing file name; the app's migrations create the file.</summary>
    public static TestDatabase Create()
    {
        Directory.CreateDirectory(Folder);
        return new TestDatabase(Path.Combine(Folder, $"{Guid.NewGuid():N}.db"));
    }

    /// <summary>
    /// A new file copied from a template migrated once per test run: what <see cref="Create"/> gives after the app's
    /// first start, without running every migration again for each of the suite's databases (the app's start-up then
    /// finds nothing to apply). Tests of the migrations themselves use <see cref="Create"/>.
    /// </summary>
    public static TestDatabase CreateMigrated()
    {
        var database = Create();
        File.Copy(MigratedTemplate.Value, database.FilePath);
        return database;
    }

    private static readonly Lazy<string> MigratedTemplate = new(MigrateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    private static string MigrateTemplate()
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"template-{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        using (var db = ContextOn(connectionString))
        {
            db.Database.Migrate();

            // As DatabaseInitializer does; the mode is kept in the file. Closing the only connection checkpoints the
            // log into the file, so the file alone is the whole template.
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    }

    /// <summary>
    /// Each needle still readable in the SQLite file, its write-ahead log or journal, as "file: 'needle' n×": what the
    /// tables no longer show may still sit in free pages or the log (P-51, P-91).
    /// </summary>
    public async Task<List<string>> FindInFilesAsync(IEnumerable<string> needles, CancellationToken cancellationToken = default)
    {
        var found = new List<string>();
        foreach (var suffix in new[] { string.Empty, "-wal", "-journal" })
        {
            var path = FilePath + suffix;
            if (!File.Exists(path))
            {
                continue;
            }

            byte[] bytes;
            await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                bytes = new byte[file.Length];
                await file.ReadExactlyAsync(bytes, cancellationToken);
            }

            foreach (var needle in needles)
            {
                var pattern = System.Text.Encoding.UTF8.GetBytes(needle);
                var count = 0;
                for (var rest = bytes.AsSpan(); rest.IndexOf(pattern) is var at and >= 0; rest = rest[(at + pattern.Length)..])
                {
                    count++;
                }

                if (count > 0)
                {
                    found.Add($"{Path.GetFileName(path)}: '{needle}' {count}x");
                }
            }
        }

        return found;
    }

    /// <summary>A new context on the file, independent of any host: what a test reloads to see what was really stored.</summary>
    public PortalDbContext CreateContext() => ContextOn(ConnectionString);

    private static SqlitePortalDbContext ContextOn(string connectionString) =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite(connectionString).Options);

    /// <summary>
    /// Reloads a complaint with everything it owns through a new context, and the version its next change must send:
    /// what is really stored, not what a service returned.
    /// </summary>
    public async Task<(Complaint Complaint, long Version)> LoadComplaintAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext();
        var complaint = await db.Complaints.AsNoTracking().AsSplitQuery()
            .Include(c => c.Evidence).Include(c => c.Interviews).Include(c => c.Communications)
            .Include(c => c.Escalations).Include(c => c.History)
            .SingleAsync(c => c.Id == id, cancellationToken);
        var version = await db.Complaints.Where(c => c.Id == id)
            .Select(c => EF.Property<long>(c, PortalDbContext.VersionProperty))
            .SingleAsync(cancellationToken);
        return (complaint, version);
    }

    /// <summary>How many complaints the file holds.</summary>
    public async Task<int> CountComplaintsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext();
        return await db.Complaints.CountAsync(cancellationToken);
    }

    /// <summary>Names of the tables in the file.</summary>
    public Task<IReadOnlyList<string>> GetTableNamesAsync(CancellationToken cancellationToken = default) =>
        QueryColumnAsync("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", cancellationToken);

    /// <summary>Runs one SQL query around the app and returns the first column of every row, as text.</summary>
    public async Task<IReadOnlyList<string>> QueryColumnAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>Runs one SQL query around the app and returns the first column of the first row.</summary>
    public async Task<object?> QueryScalarAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    public void Dispose()
    {
        // Pooled connections keep the file (and its WAL) open; release them before deleting.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
        {
            try
            {
                File.Delete(FilePath + suffix);
            }
            catch (IOException)
            {
                // A host that is still shutting down may hold the file a moment longer; the temp folder is disposable.
            }
        }

        try
        {
            if (Directory.Exists(FilesFolder))
            {
                Directory.Delete(FilesFolder, recursive: true);
            }
        }
        catch (IOException)
        {
            // As above.
        }
    }
}
