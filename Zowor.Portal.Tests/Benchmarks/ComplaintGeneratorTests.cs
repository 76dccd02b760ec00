using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Benchmarks.Data;
using Zowor.Portal.Benchmarks.Suite;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Escalation;
using Zowor.Portal.Features.Search;
using Zowor.Portal.Features.Settings;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Benchmarks;

/// <summary>
/// The benchmark data generator (issue 9): what it writes with its own bulk INSERTs must be what EF reads back as valid
/// complaints, the same seed must give the same data, and open complaints must be where the deadline job leaves them.
/// </summary>
public sealed class ComplaintGeneratorTests : IDisposable
{
    private const int Size = 400;
    private const int Open = 60;
    private readonly List<TestDatabase> _databases = [];

    [Fact]
    public async Task GeneratedComplaints_LoadThroughEF_WithTheirTimelineAndTheAskedCounts()
    {
        var database = await GenerateAsync(seed: 11);
        await using var db = Context(database);
        var complaints = await db.Complaints.AsNoTracking().AsSplitQuery().Include(c => c.History).Include(c => c.Escalations).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(Size, complaints.Count);
        Assert.Equal(Open, complaints.Count(c => c.IsUnresolved));
        Assert.Equal(complaints.Count, complaints.Select(c => c.Reference).Distinct().Count());
        Assert.All(complaints, c => Assert.Equal(c.Reference, ComplaintReference.Create(c.ReferenceYear, c.ReferenceSequence).ToString()));
        // Every complaint's timeline starts with its registration, and every closed one was resolved first.
        Assert.All(complaints, c => Assert.Equal(ComplaintHistoryKinds.Registered, c.History.OrderBy(h => h.At).ThenBy(h => h.Id).First().Kind));
        Assert.All(complaints.Where(c => c.Status == ComplaintStatus.Closed), c => Assert.NotNull(c.ResolvedAt));
        Assert.All(complaints.Where(c => c.EscalationLevel > EscalationLevel.CustomerServiceManager), c => Assert.NotEmpty(c.Escalations));
        Assert.Equal(1L, await db.Complaints.Select(c => EF.Property<long>(c, "Version")).MaxAsync(TestContext.Current.CancellationToken));
        Assert.True(await db.Capas.CountAsync(TestContext.Current.CancellationToken) >= 3, "CAPAs are generated too");
        Assert.True(await db.SatisfactionSurveys.CountAsync(s => s.AnsweredAt != null, TestContext.Current.CancellationToken) > 0, "survey answers are generated too");
    }

    [Fact]
    public async Task TheSameSeed_GivesTheSameData_AndAnotherSeedDoesNot()
    {
        var first = await DumpAsync(await GenerateAsync(seed: 5));
        var again = await DumpAsync(await GenerateAsync(seed: 5));
        var other = await DumpAsync(await GenerateAsync(seed: 6));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task OpenComplaints_AreLeft_AsTheDeadlineJobWouldLeaveThem() // P-20 to P-41
    {
        var database = await GenerateAsync(seed: 3);
        await using var db = Context(database);
        var open = await db.Complaints.AsSplitQuery().Include(c => c.Escalations).Where(c => c.EndedAt == null).ToListAsync(TestContext.Current.CancellationToken);

        Assert.NotEmpty(open);
        Assert.All(open, c => Assert.Equal(0, DeadlineScanJob.ApplyDueSteps(c, new PortalSettings(), GeneratorOptions.DefaultNow)));
    }

    [Fact]
    public async Task TheSearchIndex_FilledAfterTheLoad_EqualsWhatTheTriggersAndTheIndexerWrite() // P-51: the index holds what search finds
    {
        var filled = await GenerateAsync(seed: 8);
        var perRow = await GenerateAsync(seed: 8, searchIndexPerRow: true);

        var index = await QueryAsync(filled, """SELECT rowid, Reference, Contact, OrderNumber, Text, Messages FROM ComplaintSearch ORDER BY rowid""");
        Assert.Equal(Size, index.Count);
        Assert.Equal(await QueryAsync(perRow, """SELECT rowid, Reference, Contact, OrderNumber, Text, Messages FROM ComplaintSearch ORDER BY rowid"""), index);
        // Some customers wrote back, so the messages column is filled (by the triggers and by the one-pass fill alike).
        Assert.Contains(index, row => !row.EndsWith('|'));
        var identity = await QueryAsync(filled, """SELECT rowid, Reference, Contact, OrderNumber FROM ComplaintSearchIdentity ORDER BY rowid""");
        Assert.Equal(Size, identity.Count);
        Assert.Equal(await QueryAsync(perRow, """SELECT rowid, Reference, Contact, OrderNumber FROM ComplaintSearchIdentity ORDER BY rowid"""), identity);
        // The same finds through FTS5 itself (the trigram index, not just the stored text), for a reference, part of a
        // name, a phone's digits, a product and a word of a description.
        var sample = (await QueryAsync(filled, """SELECT Reference, substr(CustomerName, 1, 4), substr(replace(CustomerPhone, '+', ''), 3, 6) FROM Complaints WHERE CustomerPhone IS NOT NULL ORDER BY Reference LIMIT 1"""))[0].Split('|');
        foreach (var term in sample.Append("SteelBoil").Append("Stopped").Append("zzqxjv"))
        {
            var match = $"SELECT rowid FROM ComplaintSearch WHERE ComplaintSearch MATCH '\"{term.Replace("'", "''", StringComparison.Ordinal)}\"' ORDER BY rowid";
            Assert.Equal(await QueryAsync(perRow, match), await QueryAsync(filled, match));
            var identityMatch = match.Replace("ComplaintSearch", "ComplaintSearchIdentity", StringComparison.Ordinal);
            Assert.Equal(await QueryAsync(perRow, identityMatch), await QueryAsync(filled, identityMatch));
        }

        Assert.NotEmpty(await QueryAsync(filled, $"SELECT rowid FROM ComplaintSearch WHERE ComplaintSearch MATCH '\"{sample[0]}\"'"));
        // The triggers are back: a later change reaches the index as it does in the portal.
        var triggers = $"SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'ComplaintSearch%' ORDER BY name";
        Assert.Equal(SqliteSearchIndexSql.CurrentTriggerNames.Order(StringComparer.Ordinal), await QueryAsync(filled, triggers));
        Assert.Empty(await QueryAsync(filled, """SELECT "Key" FROM "ComplaintSearchPending" """));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var database in _databases)
        {
            database.Dispose();
        }
    }

    private async Task<TestDatabase> GenerateAsync(int seed, bool searchIndexPerRow = false)
    {
        var database = TestDatabase.Create();
        _databases.Add(database);
        await Datasets.GenerateAsync(database.FilePath, new GeneratorOptions(Size, Open, seed, SearchIndexPerRow: searchIndexPerRow), TestContext.Current.CancellationToken);
        return database;
    }

    /// <summary>The rows of <paramref name="sql"/>, each as its columns joined by '|'.</summary>
    private static async Task<List<string>> QueryAsync(TestDatabase database, string sql)
    {
        await using var connection = new SqliteConnection(Datasets.ConnectionString(database.FilePath));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    private static PortalDbContext Context(TestDatabase database) =>
        new GeneratorContextFactory(Datasets.ConnectionString(database.FilePath)).CreateDbContext();

    /// <summary>Everything a reader sees of the complaints and their timelines, as text.</summary>
    private static async Task<string> DumpAsync(TestDatabase database)
    {
        await using var connection = new SqliteConnection(Datasets.ConnectionString(database.FilePath));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.Id, c.Reference, c.Status, c.CustomerName, c.CustomerEmail, c.Subject, c.Description, c.ReceivedAt, c.EscalationLevel,
                   (SELECT group_concat(h.Kind || '@' || h.At, ';') FROM ComplaintHistory h WHERE h.ComplaintId = c.Id)
            FROM Complaints c ORDER BY c.Reference
            """;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : reader.GetValue(i).ToString())));
        }

        return string.Join('\n', rows);
    }
}
