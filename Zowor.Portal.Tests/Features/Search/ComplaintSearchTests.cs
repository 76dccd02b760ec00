using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Search;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Search;

/// <summary>
/// The seeded SQLite file of the query table: complaints open and closed, at every level, Latin and Cyrillic, with a
/// customer's reply, registered through the real services (so the FTS5 index is filled by its triggers, as in production).
/// </summary>
public sealed class SearchDataFixture : IAsyncLifetime
{
    public PortalAppFactory App { get; } = new(new PortalAppOptions { SeedDemoData = false });

    public Dictionary<string, RegisteredComplaint> Complaints { get; } = [];

    public async ValueTask InitializeAsync()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        App.StartServer();
        await App.CreateStaffUserAsync(SearchFixtures.CsmEmail, "Saule Search (CSM)", PortalRoles.Csm);
        foreach (var role in PortalRoles.All)
        {
            await App.CreateStaffUserAsync(UserOf(role), $"Search {role}", role);
        }

        await App.CreateStaffUserAsync(NoRoleEmail, "No role");
        await using var csm = await App.SignInAsync(SearchFixtures.CsmEmail);
        async Task Add(string key, RegisterComplaintForm form) => Complaints[key] = await csm.Complaints.RegisterAsync(form, ct);

        await Add("kettle", SearchFixtures.Form("Anna Ivanova", "anna.ivanova@example.com", "+7 777 597 88 59", "Чайник протекает",
            "Чайник течёт после первого кипячения, вода на столе.", order: "ORD-55120", daysAgo: 9));
        await Add("blender", SearchFixtures.Form("James Miller", "james.miller@example.com", null, "Blender jar cracked",
            "The blender jar arrived with a hairline crack along the seam.", order: "ORD-60001", product: "VortexMix blender", daysAgo: 8));
        await Add("headphones", SearchFixtures.Form("Dmitry Sokolov", "d.sokolov@example.com", null, "Headphones left channel silent",
            "The left channel went silent after a week.", order: "ORD-70002", product: "QuietPods headphones", daysAgo: 7));
        await Add("sofa", SearchFixtures.Form("Zoë Müller", "zoe.mueller@example.de", null, "Damaged sofa",
            "The sofa leg was broken on delivery.", order: "ORD-80003", product: "Lounge sofa", category: "delivery", daysAgo: 6));
        await Add("iron", SearchFixtures.Form("Анна Смирнова", null, "8 701 222 33 44", "Утюг не греется",
            "Утюг перестал нагреваться через два дня.", order: "ORD-90004", product: "SteamPro iron", daysAgo: 5));
        // Names Anna Ivanova only in its text: found by "Ivanova", but after her own complaint (ranking), although newer.
        await Add("referral", SearchFixtures.Form("Peter Grant", "p.grant@example.com", null, "Toaster sparks",
            "Referred by Anna Ivanova, who had the same shop. The toaster sparks.", order: "ORD-99005", product: "CrispUp toaster", daysAgo: 2));

        await new CaseSteps(csm, Complaints["blender"].Id).WalkToClosedAsync();
        await SearchFixtures.CustomerWritesAsync(csm, Complaints["headphones"], "d.sokolov@example.com",
            "I bought them at the café next to the station, receipt attached.", ct);
        await SearchFixtures.EscalateAsync(csm, Complaints["sofa"].Id, EscalationLevel.ChiefExecutive, ct);
    }

    public const string NoRoleEmail = "search.norole@zowor.test";

    public static string UserOf(string role) => $"search.{role.ToLowerInvariant()}@zowor.test";

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>Global search (issue 17) against a seeded SQLite file: the query table, ranking, short queries and who may search.</summary>
[Collection(PortalHostCollection.Name)]
public sealed class ComplaintSearchTests(SearchDataFixture data) : IClassFixture<SearchDataFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>
    /// The query table: each query and the complaints it must find (exactly those). "{kettle}" stands for that complaint's
    /// reference, "{kettle:seq}" for its six-digit sequence and "{kettle:lower}" for the reference in lower case.
    /// </summary>
    public static TheoryData<string, string[]> Queries { get; } = new()
    {
        { "{kettle:lower}", ["kettle"] },                             // a reference in lower case
        { "{blender:seq}", ["blender"] },                             // part of a reference: the sequence (closed complaint)
        { "ANNA IVANOVA", ["kettle", "referral"] },                   // upper case, two words
        { "ivanova", ["kettle", "referral"] },                        // lower case
        { "чайник", ["kettle"] },                                     // Cyrillic, lower case of "Чайник"
        { "СМИРНОВА", ["iron"] },                                     // Cyrillic, upper case
        { "течет", ["kettle"] },                                      // "течёт" typed with е
        { "+7 777 597 88 59", ["kettle"] },                           // the phone with spaces
        { "87775978859", ["kettle"] },                                // the phone with the trunk prefix 8
        { "+77775978859", ["kettle"] },                               // the phone as stored
        { "+7 701 222 33 44", ["iron"] },                             // stored as 87012223344
        { "hairline", ["blender"] },                                  // a word of a closed complaint's description
        { "Cafe next", ["headphones"] },                              // the customer's reply on /track, accent left out
        { "CAFÉ", ["headphones"] },                                   // ... and in upper case with the accent
        { "55120", ["kettle"] },                                      // part of an order number
        { "zoe muller", ["sofa"] },                                   // accents folded, level-3 complaint
        { "james.miller@", ["blender"] },                             // part of an e-mail address
        { "QuietPods", ["headphones"] },                              // product
        { "toaster sparks", ["referral"] },                           // subject words
        { "nonexistentword", [] },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Search_FindsExactlyTheExpectedComplaints(string query, string[] expected)
    {
        await using var csm = await data.App.SignInAsync(SearchFixtures.CsmEmail);
        var search = csm.Services.GetRequiredService<ComplaintSearchService>();

        var results = await search.SearchAsync(Resolve(query), 0, Ct);

        Assert.Equal(expected.Select(k => data.Complaints[k].Reference).Order(), results.Hits.Select(h => h.Reference).Order());
        Assert.Equal(expected.Length, results.Total);
    }

    [Fact]
    public async Task Search_RanksReferenceAndContactMatchesBeforeTextMatches()
    {
        await using var csm = await data.App.SignInAsync(SearchFixtures.CsmEmail);

        var results = await csm.Services.GetRequiredService<ComplaintSearchService>().SearchAsync("Ivanova", 0, Ct);

        // The referral is newer, but names her only in its description.
        Assert.Equal([data.Complaints["kettle"].Reference, data.Complaints["referral"].Reference], results.Hits.Select(h => h.Reference));
        Assert.True(results.Hits[0].ByReferenceOrContact);
        Assert.False(results.Hits[1].ByReferenceOrContact);
    }

    [Fact]
    public async Task Search_ShowsStatusLevelAndReceivedDate()
    {
        await using var csm = await data.App.SignInAsync(SearchFixtures.CsmEmail);
        var search = csm.Services.GetRequiredService<ComplaintSearchService>();

        var closed = Assert.Single((await search.SearchAsync("hairline", 0, Ct)).Hits);
        var levelThree = Assert.Single((await search.SearchAsync("Damaged sofa", 0, Ct)).Hits);

        Assert.Equal(ComplaintStatus.Closed, closed.Status);
        Assert.Equal(EscalationLevel.ChiefExecutive, levelThree.Level);
        Assert.Equal(DateTime.UtcNow.Date.AddDays(-8), data.App.Services.GetRequiredService<Zowor.Portal.Platform.Time.BusinessClock>().ToLocal(closed.ReceivedAt).Date);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("  7 ")]
    public async Task Search_ShorterThanThreeCharacters_AsksForMoreAndFindsNothing(string query)
    {
        await using var csm = await data.App.SignInAsync(SearchFixtures.CsmEmail);

        var results = await csm.Services.GetRequiredService<ComplaintSearchService>().SearchAsync(query, 0, Ct);

        Assert.True(results.Query.IsEmpty);
        Assert.Empty(results.Hits);
    }

    [Fact]
    public async Task Search_ShortWordsBesideLongerOnes_AreLeftOutAndSaidSo()
    {
        await using var csm = await data.App.SignInAsync(SearchFixtures.CsmEmail);

        var results = await csm.Services.GetRequiredService<ComplaintSearchService>().SearchAsync("Zoë is", 0, Ct);

        Assert.True(results.Query.ShortWordsIgnored);
        Assert.Equal(data.Complaints["sofa"].Reference, Assert.Single(results.Hits).Reference);
    }

    /// <summary>Every staff role may open every case (the case page's Staff policy), so every role finds the closed and the level-3 complaint.</summary>
    [Theory]
    [InlineData(PortalRoles.Agent)]
    [InlineData(PortalRoles.Csm)]
    [InlineData(PortalRoles.Cco)]
    [InlineData(PortalRoles.Ceo)]
    [InlineData(PortalRoles.Quality)]
    [InlineData(PortalRoles.Admin)]
    public async Task Search_EveryStaffRole_FindsClosedAndEscalatedComplaints(string role)
    {
        await using var user = await data.App.SignInAsync(SearchDataFixture.UserOf(role));
        var search = user.Services.GetRequiredService<ComplaintSearchService>();

        Assert.Single((await search.SearchAsync("hairline", 0, Ct)).Hits);
        Assert.Single((await search.SearchAsync("zoe muller", 0, Ct)).Hits);
    }

    [Fact]
    public async Task Search_UserWithoutAStaffRole_IsRefused()
    {
        await using var user = await data.App.SignInAsync(SearchDataFixture.NoRoleEmail);
        var search = user.Services.GetRequiredService<ComplaintSearchService>();

        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => search.SearchAsync("hairline", 0, Ct));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => search.FindRelatedAsync(data.Complaints["blender"].Id, Ct));
    }

    /// <summary>
    /// The index is kept by triggers (migration SearchIndexes). A later SQLite migration that rebuilds Complaints or
    /// ComplaintCommunications (EF does that to alter or drop a column) drops their triggers silently: this names them.
    /// </summary>
    [Fact]
    public async Task Index_AfterEveryMigration_HasItsTableAndEveryTrigger()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(data.App.Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE name LIKE 'ComplaintSearch%' AND type IN ('table', 'trigger') ORDER BY name";
        var names = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                names.Add(reader.GetString(0));
            }
        }

        Assert.Subset(names.ToHashSet(), new HashSet<string>
        {
            "ComplaintSearch", "ComplaintSearch_ComplaintInserted", "ComplaintSearch_ComplaintUpdated", "ComplaintSearch_ComplaintDeleted",
            "ComplaintSearch_MessageInserted", "ComplaintSearch_MessageUpdated", "ComplaintSearch_MessageDeleted", "ComplaintSearchPending",
        });
    }

    private string Resolve(string query)
    {
        foreach (var (key, complaint) in data.Complaints)
        {
            query = query.Replace($"{{{key}:lower}}", complaint.Reference.ToLowerInvariant(), StringComparison.Ordinal)
                .Replace($"{{{key}:seq}}", complaint.Reference[^6..], StringComparison.Ordinal)
                .Replace($"{{{key}}}", complaint.Reference, StringComparison.Ordinal);
        }

        return query;
    }
}
