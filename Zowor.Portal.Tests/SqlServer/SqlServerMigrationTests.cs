using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Zowor.Portal.Data;

namespace Zowor.Portal.Tests.SqlServer;

/// <summary>
/// Issue 22: the SQL Server migrations, as the DBA runs them, parse as T-SQL — the idempotent script of the README's
/// deployment step, and every migration up and down on its own (so a failure names the migration) — and every migration
/// exists for both providers. No counts are fixed: whatever migrations the branches add are checked.
/// </summary>
public sealed partial class SqlServerMigrationTests
{
    [Fact]
    public void IdempotentScript_ForSqlServer_ParsesAsTSqlAndAppliesEveryMigration()
    {
        using var db = new SqlServerPortalDbContextFactory().CreateDbContext([]);
        var migrations = db.Database.GetMigrations().ToList();

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        var (_, errors) = TSql.Parse(script);

        Assert.NotEmpty(migrations);
        Assert.True(errors.Count == 0, "The idempotent SQL Server script does not parse:" + Environment.NewLine
            + string.Join(Environment.NewLine, errors.Select(e => $"{MigrationAt(script, e)}: {e}")));
        Assert.All(migrations, id => Assert.Contains($"N'{id}'", script, StringComparison.Ordinal));
        Xunit.TestContext.Current.SendDiagnosticMessage($"Idempotent SQL Server script: {migrations.Count} migrations, {script.Split('\n').Length} lines, 0 parse errors.");
    }

    public static TheoryData<string> SqlServerMigrations { get; } = new(SqlServerMigrationIds());

    [Theory]
    [MemberData(nameof(SqlServerMigrations))]
    public void Migration_OnSqlServer_UpAndDownParseAsTSql(string migration)
    {
        using var db = new SqlServerPortalDbContextFactory().CreateDbContext([]);
        var ids = db.Database.GetMigrations().ToList();
        var previous = ids.IndexOf(migration) is var at and > 0 ? ids[at - 1] : Migration.InitialDatabase;
        var migrator = db.GetService<IMigrator>();

        var up = TSql.Parse(migrator.GenerateScript(previous, migration));
        var down = TSql.Parse(migrator.GenerateScript(migration, previous));

        Assert.True(up.Errors.Count == 0, $"{migration} (up) does not parse as T-SQL: " + string.Join("; ", up.Errors));
        Assert.True(down.Errors.Count == 0, $"{migration} (down) does not parse as T-SQL: " + string.Join("; ", down.Errors));
    }

    /// <summary>A schema change is one migration per provider with the same name (the brief); one without its twin fails here.</summary>
    [Fact]
    public void EveryMigration_ExistsForBothProviders()
    {
        using var sqlite = new SqlitePortalDbContextFactory().CreateDbContext([]);
        using var sqlServer = new SqlServerPortalDbContextFactory().CreateDbContext([]);
        var sqliteNames = sqlite.Database.GetMigrations().Select(Name).ToList();
        var sqlServerNames = sqlServer.Database.GetMigrations().Select(Name).ToList();

        var onlySqlite = sqliteNames.Except(sqlServerNames).ToList();
        var onlySqlServer = sqlServerNames.Except(sqliteNames).ToList();

        Assert.NotEmpty(sqliteNames);
        Assert.True(onlySqlite.Count == 0 && onlySqlServer.Count == 0,
            $"Migrations without their twin: SQLite only [{string.Join(", ", onlySqlite)}], SQL Server only [{string.Join(", ", onlySqlServer)}]. " +
            "Add the migration for the other provider (dotnet ef migrations add NAME --context … --output-dir Data/Migrations/…).");
        Assert.Equal(sqliteNames.Count, sqliteNames.Distinct().Count());
        Assert.Equal(sqlServerNames.Count, sqlServerNames.Distinct().Count());
    }

    /// <summary>Each migration's source file sits in its provider's folder (a migration generated into the wrong one would be compiled for the wrong context).</summary>
    [Fact]
    public void MigrationFiles_LieInTheirProvidersFolder_WithTheSameNames()
    {
        var root = Path.Combine(RepositoryRoot.Path, "Zowor.Portal", "Data", "Migrations");
        string[] Names(string provider) => Directory.GetFiles(Path.Combine(root, provider), "*.cs")
            .Select(f => MigrationFile().Match(Path.GetFileName(f)))
            .Where(m => m.Success)
            .Select(m => m.Groups["name"].Value)
            .Order(StringComparer.Ordinal)
            .ToArray();

        using var sqlServer = new SqlServerPortalDbContextFactory().CreateDbContext([]);
        Assert.Equal(Names("Sqlite"), Names("SqlServer"));
        Assert.Equal(sqlServer.Database.GetMigrations().Select(Name).Order(StringComparer.Ordinal), Names("SqlServer"));
    }

    private static IEnumerable<string> SqlServerMigrationIds()
    {
        using var db = new SqlServerPortalDbContextFactory().CreateDbContext([]);
        return db.Database.GetMigrations().ToList();
    }

    /// <summary>"20261125115338_InitialCreate" → "InitialCreate".</summary>
    private static string Name(string id) => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..];

    /// <summary>The migration whose block holds the error's line in the idempotent script.</summary>
    private static string MigrationAt(string script, string error)
    {
        var line = int.Parse(ErrorLine().Match(error).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var lines = script.Split('\n');
        for (var i = Math.Min(line, lines.Length) - 1; i >= 0; i--)
        {
            if (MigrationIdInScript().Match(lines[i]) is { Success: true } id)
            {
                return id.Groups[1].Value;
            }
        }

        return "before the first migration";
    }

    [GeneratedRegex(@"^\d{14}_(?<name>\w+)\.cs$")]
    private static partial Regex MigrationFile();

    [GeneratedRegex(@"line (\d+)")]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"\[MigrationId\] = N'([^']+)'")]
    private static partial Regex MigrationIdInScript();
}
