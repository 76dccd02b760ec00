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
}
