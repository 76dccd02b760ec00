namespace Zowor.Portal.Data;

/// <summary>Which database the portal uses (section <c>Database</c>).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (embedded default) or <c>SqlServer</c> (production).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite file, relative to the content root unless absolute.</summary>
    public string SqlitePath { get; set; } = "data/zowor-portal.db";

    /// <summary>Applies migrations at start-up. Default: on for SQLite, on for SQL Server only in Development.</summary>
    public bool? MigrateOnStartup { get; set; }

    /// <summary>Seeds demo users and complaints. Default: only in Development.</summary>
    public bool? SeedDemoData { get; set; }

    /// <summary>How long a SQLite writer waits for another writer's lock before the action fails cleanly (seconds).</summary>
    public int BusyTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// SQLite's <c>PRAGMA synchronous</c> in WAL mode. <see cref="SqliteSynchronous.Normal"/> (default): a commit survives
    /// a crash or restart of the portal, and the file never corrupts, but a power cut or OS crash can roll back the last
    /// commits; it syncs the disk at checkpoints instead of at every commit, which was the ceiling of the public form
    /// (about 100 complaints/s at ~5 ms per sync here, docs/BENCHMARKS.md). <see cref="SqliteSynchronous.Full"/> syncs
    /// every commit. SQL Server keeps its own durability.
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Normal;
}

public enum SqliteSynchronous
{
    Normal,
    Full,
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
