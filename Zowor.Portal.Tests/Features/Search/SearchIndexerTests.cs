using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Features.Privacy;
using Zowor.Portal.Features.Search;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Search;

/// <summary>
/// Issue 21: a new complaint is queued for the search indexes by its insert trigger and indexed by <see cref="SearchIndexer"/>
/// a group at a time. Its background loop is off here, so each test decides when the queue is indexed.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class SearchIndexerTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.CreateMigrated();
    private readonly PortalAppFactory _app;

    public SearchIndexerTests() => _app = new(new PortalAppOptions
    {
        Database = _database,
        SeedDemoData = false,
        Settings = new Dictionary<string, string?> { ["Search:IndexInBackground"] = "false" },
    });

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await _app.CreateStaffUserAsync(SearchFixtures.CsmEmail, "Saule Search (CSM)", PortalRoles.Csm);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task ANewComplaint_WaitsInTheQueue_UntilTheIndexerPutsItInBothIndexes_AndEmptiesTheQueue()
    {
        await using var csm = await _app.SignInAsync(SearchFixtures.CsmEmail);
        var complaint = await csm.Complaints.RegisterAsync(SearchFixtures.Form("Ottilie Brandquist", "ottilie@example.org", null, "Lamp flickers",
            "The Lumosa lamp flickers.", order: "ORD-Q-1", daysAgo: 1), Ct);
        var key = KeyOf(complaint.Reference);

        Assert.Equal(key, await _database.QueryScalarAsync("""SELECT "Key" FROM "ComplaintSearchPending" """, Ct));
        Assert.Null(await _database.QueryScalarAsync("SELECT rowid FROM ComplaintSearch WHERE ComplaintSearch MATCH 'Lumosa'", Ct));

        var indexer = _app.Services.GetRequiredService<SearchIndexer>();
        Assert.Equal(1, await indexer.CatchUpAsync(Ct));

        Assert.Equal(key, await _database.QueryScalarAsync("SELECT rowid FROM ComplaintSearch WHERE ComplaintSearch MATCH 'Lumosa'", Ct));
        Assert.Equal(key, await _database.QueryScalarAsync("SELECT rowid FROM ComplaintSearchIdentity WHERE ComplaintSearchIdentity MATCH 'Brandquist'", Ct));
        Assert.Equal(0L, await _database.QueryScalarAsync("""SELECT count(*) FROM "ComplaintSearchPending" """, Ct));
        Assert.Equal(0, await indexer.CatchUpAsync(Ct));

        // Once indexed, a change reaches the index in its own transaction, as before (here the message trigger).
        await SearchFixtures.CustomerWritesAsync(csm, complaint, "ottilie@example.org", "The Quintafrost bulb did not help.", Ct);
        Assert.Equal(key, await _database.QueryScalarAsync("SELECT rowid FROM ComplaintSearch WHERE ComplaintSearch MATCH 'Quintafrost'", Ct));
    }

    [Fact]
    public async Task Search_FindsAComplaintRegisteredAMomentBefore_WithoutWaitingForTheIndexersTimer()
    {
        await using var csm = await _app.SignInAsync(SearchFixtures.CsmEmail);
        var complaint = await csm.Complaints.RegisterAsync(SearchFixtures.Form("Bartholomew Ingleby", "b.ingleby@example.org", "+7 705 333 44 55",
            "Kettle hums", "The Vexaboil kettle hums.", order: "ORD-Q-2", daysAgo: 1), Ct);
        var search = csm.Services.GetRequiredService<ComplaintSearchService>();

        Assert.Equal(complaint.Reference, Assert.Single((await search.SearchAsync("Vexaboil", 0, Ct)).Hits).Reference);
        Assert.Equal(complaint.Reference, Assert.Single((await search.SearchAsync("Ingleby", 0, Ct)).Hits).Reference);
        Assert.Equal(0L, await _database.QueryScalarAsync("""SELECT count(*) FROM "ComplaintSearchPending" """, Ct));
    }

    /// <summary>P-91, P-51: a customer erased before their complaint was indexed is indexed erased: their name never enters the index.</summary>
    [Fact]
    public async Task AComplaintErasedWhileQueued_IsIndexedAsErased()
    {
        await using var csm = await _app.SignInAsync(SearchFixtures.CsmEmail);
        var complaint = await csm.Complaints.RegisterAsync(SearchFixtures.Form("Philippa Wexcombe", "p.wexcombe@example.org", null, "Toaster",
            "Wexcombe's toaster burns.", order: "ORD-Q-3", daysAgo: 1), Ct);
        var privacy = csm.Services.GetRequiredService<PrivacyService>();
        var found = await privacy.FindAsync("p.wexcombe@example.org", null, Ct);
        await privacy.EraseAsync(found.Select(c => c.Id).ToList(), Ct);

        Assert.Equal(1, await _app.Services.GetRequiredService<SearchIndexer>().CatchUpAsync(Ct));

        Assert.Null(await _database.QueryScalarAsync("SELECT rowid FROM ComplaintSearch WHERE ComplaintSearch MATCH 'Wexcombe'", Ct));
        Assert.Null(await _database.QueryScalarAsync("SELECT rowid FROM ComplaintSearchIdentity WHERE ComplaintSearchIdentity MATCH 'wexcombe'", Ct));
        Assert.Equal(KeyOf(complaint.Reference), await _database.QueryScalarAsync(
            $"SELECT rowid FROM ComplaintSearchIdentity WHERE ComplaintSearchIdentity MATCH '\"{complaint.Reference}\"'", Ct));
    }

    /// <summary>Going back past DeferredSearchIndexing indexes what is queued and restores the row-by-row triggers; forward again, the queue.</summary>
    [Fact]
    public async Task MigratingDownPastTheQueue_IndexesWhatIsQueued_AndUpAgainRestoresTheQueue()
    {
        await using (var csm = await _app.SignInAsync(SearchFixtures.CsmEmail))
        {
            await csm.Complaints.RegisterAsync(SearchFixtures.Form("Cornelius Yarrowby", "c.yarrowby@example.org", null, "Fan", "The fan rattles.",
                order: "ORD-Q-4", daysAgo: 1), Ct);
        }

        await _app.DisposeAsync();
        await using (var db = _database.CreateContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_DeferredSearchIndexing", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before, Ct);
        }

        Assert.NotNull(await _database.QueryScalarAsync("SELECT rowid FROM ComplaintSearchIdentity WHERE ComplaintSearchIdentity MATCH 'Yarrowby'", Ct));
        Assert.Null(await _database.QueryScalarAsync("SELECT name FROM sqlite_master WHERE name = 'ComplaintSearchPending'", Ct));
        Assert.DoesNotContain("ComplaintSearchPending", (string)(await _database.QueryScalarAsync(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'ComplaintSearch_ComplaintInserted'", Ct))!, StringComparison.Ordinal);
        Assert.Equal(
            SqliteSearchIndexSql.TriggerNames.Concat(SqliteSearchIndexSql.IdentityTriggerNames).Order(StringComparer.Ordinal),
            await _database.QueryColumnAsync("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name", Ct));

        await using (var db = _database.CreateContext())
        {
            await db.Database.MigrateAsync(Ct);
        }

        Assert.Equal(SqliteSearchIndexSql.CurrentTriggerNames.Order(StringComparer.Ordinal),
            await _database.QueryColumnAsync("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name", Ct));
        Assert.Equal(0L, await _database.QueryScalarAsync("""SELECT count(*) FROM "ComplaintSearchPending" """, Ct));
        // The insert trigger keeps its name: it is the queue's again, not the row-by-row one.
        Assert.Contains("ComplaintSearchPending", (string)(await _database.QueryScalarAsync(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'ComplaintSearch_ComplaintInserted'", Ct))!, StringComparison.Ordinal);
    }

    private static long KeyOf(string reference)
    {
        var parsed = Zowor.Portal.Domain.Complaints.ComplaintReference.TryParse(reference) ?? throw new InvalidOperationException(reference);
        return parsed.Year * 1_000_000L + parsed.Sequence;
    }
}
