using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Zowor.Portal.Data;
using Zowor.Portal.Data.Migrations;
using Zowor.Portal.Features.Search;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration;

/// <summary>
/// Issue 16: the pre-release migrations squashed into a generated <c>InitialCreate</c> and a hand-written
/// <c>SearchIndexes</c> per provider. These tests name what the hand-written one must create (SQLite: the FTS5 tables with
/// secure-delete, P-51/P-91: erased names leave the index, and their triggers; SQL Server: the full-text catalog and
/// indexes outside any transaction), and that a database made by the old migrations is refused with a message rather than
/// half-migrated.
/// </summary>
public sealed class SquashedMigrationTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrate_OnFreshSqliteFile_CreatesTheSearchIndexesWithSecureDeleteAndTheirTriggers()
    {
        using var database = TestDatabase.Create();
        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync(Ct);
        }

        Assert.Equal(
            ["ComplaintSearch", "ComplaintSearchIdentity"],
            await QueryAsync(database, "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%' ORDER BY name"));
        Assert.Equal(
            SqliteSearchIndexSql.CurrentTriggerNames.Order(StringComparer.Ordinal),
            await QueryAsync(database, "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"));
        // New complaints wait in the queue for SearchIndexer (migration DeferredSearchIndexing, issue 21).
        Assert.Equal(["ComplaintSearchPending"], await QueryAsync(database, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'ComplaintSearchPending'"));
        Assert.Contains("ComplaintSearchPending", Assert.Single(await QueryAsync(database,
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'ComplaintSearch_ComplaintInserted'")), StringComparison.Ordinal);
        Assert.Equal(1L, await database.QueryScalarAsync("SELECT v FROM ComplaintSearch_config WHERE k = 'secure-delete'", Ct));
        Assert.Equal(1L, await database.QueryScalarAsync("SELECT v FROM ComplaintSearchIdentity_config WHERE k = 'secure-delete'", Ct));
    }

    [Fact]
    public async Task MigrateDown_ToNothing_DropsTheSearchIndexesWithTheTables()
    {
        using var database = TestDatabase.Create();
        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync(Ct);
            await db.GetService<IMigrator>().MigrateAsync(Migration.InitialDatabase, Ct);
        }

        // Left: EF's own history and lock tables and SQLite's sqlite_sequence.
        Assert.Empty(await QueryAsync(database,
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name NOT LIKE 'sqlite%' AND name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')"));
    }

    [Fact]
    public void SqlServerScript_CreatesTheFullTextCatalogAndIndexes_AfterTheTablesTransaction()
    {
        using var db = new SqlServerPortalDbContextFactory().CreateDbContext([]);
        var script = db.GetService<IMigrator>().GenerateScript();

        var commit = script.IndexOf("COMMIT;", StringComparison.Ordinal);
        var catalog = script.IndexOf("CREATE FULLTEXT CATALOG [ComplaintSearch]", StringComparison.Ordinal);
        Assert.InRange(commit, 0, catalog);
        Assert.Contains("CREATE FULLTEXT INDEX ON [Complaints] ([CustomerName] LANGUAGE 0, [Product] LANGUAGE 0, [Subject] LANGUAGE 0, [Description] LANGUAGE 0)", script, StringComparison.Ordinal);
        Assert.Contains("CREATE FULLTEXT INDEX ON [ComplaintCommunications] ([Summary] LANGUAGE 0)", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OnDatabaseMadeByTheOldMigrations_IsRefusedWithWhatToDo()
    {
        using var database = TestDatabase.Create();
        await using (var connection = new SqliteConnection(database.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE "__EFMigrationsHistory" ("MigrationId" TEXT NOT NULL PRIMARY KEY, "ProductVersion" TEXT NOT NULL);
                INSERT INTO "__EFMigrationsHistory" VALUES ('20261125115327_InitialCreate', '10.0.15'), ('20261204192206_TrendRollupsByFigure', '10.0.15');
                """;
            await command.ExecuteNonQueryAsync(Ct);
        }

        await using var db = database.CreateContext();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PreSquashDatabase.ThrowIfFoundAsync(db.Database, Ct));
        Assert.Contains("20261204192206_TrendRollupsByFigure", error.Message, StringComparison.Ordinal);
        Assert.Contains("data/zowor-portal.db", error.Message, StringComparison.Ordinal);

        // A fresh file and one at the current migrations pass.
        using var fresh = TestDatabase.Create();
        await using var freshDb = fresh.CreateContext();
        await PreSquashDatabase.ThrowIfFoundAsync(freshDb.Database, Ct);
        await freshDb.Database.MigrateAsync(Ct);
        await PreSquashDatabase.ThrowIfFoundAsync(freshDb.Database, Ct);
    }

    private static async Task<List<string>> QueryAsync(TestDatabase database, string sql)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
