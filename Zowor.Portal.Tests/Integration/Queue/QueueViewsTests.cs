using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration.Queue;

/// <summary>
/// Queue views (issue 17) on a real SQLite file through the real services: "Assigned to me" at every level, the other
/// built-in views, case-insensitive search, and saved views that reload and belong to their owner only.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class QueueViewsTests : IAsyncLifetime
{
    private const string AidaEmail = "aida.csm@zowor.test";
    private const string BoltEmail = "bolat.csm@zowor.test";
    private const string CcoEmail = "zhanna.cco@zowor.test";
    private static readonly IReadOnlyList<EscalationLevel> Level1 = [EscalationLevel.CustomerServiceManager];

    private readonly PortalAppFactory _app = new(new PortalAppOptions { SeedDemoData = false });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await _app.CreateStaffUserAsync(AidaEmail, "Aida Sarsenova (CSM)", PortalRoles.Csm);
        await _app.CreateStaffUserAsync(BoltEmail, "Bolat Nurlanov (CSM)", PortalRoles.Csm);
        await _app.CreateStaffUserAsync(CcoEmail, "Zhanna Abenova (CCO)", PortalRoles.Cco);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task AssignedToMe_ShowsALevel2CaseOfItsOwner_WhichTheLevel1QueueNoLongerLists()
    {
        // P-70, P-71: a case escalated to the CCO is still its owner's work; "Assigned to me" must not lose it.
        await using var aida = await _app.SignInAsync(AidaEmail);
        await using var bolat = await _app.SignInAsync(BoltEmail);
        var escalated = await QueueTestData.RegisterAsync(aida, "Hans Schulz", "Charged twice");
        var stays = await QueueTestData.RegisterAsync(aida, "Olga Petrova", "Late parcel");
        var others = await QueueTestData.RegisterAsync(aida, "Ivan Orlov", "Wrong colour");
        await QueueTestData.AssignAsync(aida, escalated.Id, aida.Actor.Id);
        await QueueTestData.AssignAsync(aida, stays.Id, aida.Actor.Id);
        await QueueTestData.AssignAsync(aida, others.Id, bolat.Actor.Id);
        var current = await aida.Complaints.GetCaseAsync(escalated.Id, Ct);
        await aida.Complaints.EscalateAsync(escalated.Id, current!.Version, new EscalateForm { Level = EscalationLevel.ChiefCustomerOfficer, Reason = "Refund above the CSM's limit" }, Ct);

        var mine = await aida.Complaints.GetQueueAsync(BuiltInQueueViews.AssignedToMe.ToQuery(Level1), Ct);
        var level1 = await aida.Complaints.GetQueueAsync(new QueueFilter().ToQuery(Level1), Ct);
        var summary = await aida.Complaints.GetSummaryAsync(Ct);

        Assert.Equal([escalated.Reference, stays.Reference], mine.Rows.Select(r => r.Reference).Order());
        Assert.Equal(EscalationLevel.ChiefCustomerOfficer, mine.Rows.Single(r => r.Id == escalated.Id).Level);
        Assert.DoesNotContain(level1.Rows, r => r.Id == escalated.Id);
        // The home tile counts what its view lists.
        Assert.Equal(summary.AssignedToMe, mine.Total);
    }

    [Fact]
    public async Task OwnerFilter_ForSomeoneElse_StaysWithinTheListsLevels()
    {
        // Only one's own complaints widen to every level; another CSM's level-2 case stays on the board (CCO, CEO).
        await using var aida = await _app.SignInAsync(AidaEmail);
        await using var bolat = await _app.SignInAsync(BoltEmail);
        var escalated = await QueueTestData.RegisterAsync(aida, "Hans Schulz", "Charged twice", severity: ComplaintSeverity.Serious);
        await QueueTestData.AssignAsync(aida, escalated.Id, aida.Actor.Id);

        var asBolat = await bolat.Complaints.GetQueueAsync(new QueueFilter { Owner = aida.Actor.Id }.ToQuery(Level1), Ct);
        var asAida = await aida.Complaints.GetQueueAsync(new QueueFilter { Owner = aida.Actor.Id }.ToQuery(Level1), Ct);

        Assert.Empty(asBolat.Rows);
        Assert.Equal([escalated.Id], asAida.Rows.Select(r => r.Id));
    }

    [Theory]
    [InlineData("charged")]
    [InlineData("SCHULZ")]
    [InlineData("hans.SCHULZ@EXAMPLE.de")]
    [InlineData("zw-order-77")]
    public async Task Search_IgnoresTheCaseOfLatinLetters(string term)
    {
        await using var aida = await _app.SignInAsync(AidaEmail);
        var found = await QueueTestData.RegisterAsync(aida, "Hans Schulz", "Charged twice for one order", "hans.schulz@example.de", "ZW-ORDER-77");
        await QueueTestData.RegisterAsync(aida, "Olga Petrova", "Late parcel", "olga@example.kz", "ZW-ORDER-12");

        var rows = (await aida.Complaints.GetQueueAsync(new QueueFilter { Search = term }.ToQuery(Level1), Ct)).Rows;

        Assert.Equal([found.Id], rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Search_ALowercaseReference_FindsTheComplaint_AndWildcardsAreLiteral()
    {
        await using var aida = await _app.SignInAsync(AidaEmail);
        var found = await QueueTestData.RegisterAsync(aida, "Hans Schulz", "Charged twice");
        await QueueTestData.RegisterAsync(aida, "Olga Petrova", "Late parcel");

        var byReference = await aida.Complaints.GetQueueAsync(new QueueFilter { Search = found.Reference.ToLowerInvariant() }.ToQuery(Level1), Ct);
        var byWildcard = await aida.Complaints.GetQueueAsync(new QueueFilter { Search = "%" }.ToQuery(Level1), Ct);
        var byUnderscore = await aida.Complaints.GetQueueAsync(new QueueFilter { Search = "_" }.ToQuery(Level1), Ct);

        Assert.Equal([found.Id], byReference.Rows.Select(r => r.Id));
        Assert.Empty(byWildcard.Rows);
        Assert.Empty(byUnderscore.Rows);
    }

    [Fact]
    public async Task BuiltInViews_ListWhatTheirNamesSay()
    {
        await using var aida = await _app.SignInAsync(AidaEmail);
        // Received yesterday at 10:00 and never acknowledged: its 24 hours end today (P-20).
        var due = await QueueTestData.RegisterAsync(aida, "Dana Dueva", "Not acknowledged");
        var waiting = await QueueTestData.RegisterAsync(aida, "Vera Waits", "Offer made", "vera@example.kz");
        var closed = await QueueTestData.RegisterAsync(aida, "Kirill Closed", "All done", "kirill@example.kz");
        foreach (var id in new[] { waiting.Id, closed.Id })
        {
            await QueueTestData.AssignAsync(aida, id, aida.Actor.Id);
        }

        var offer = new CaseSteps(aida, waiting.Id);
        await offer.AcknowledgeAsync();
        await offer.InvestigateAsync();
        await offer.ProposeAsync();
        await new CaseSteps(aida, closed.Id).WalkToClosedAsync();

        async Task<IEnumerable<string>> ListAsync(QueueFilter view) =>
            (await aida.Complaints.GetQueueAsync(view.ToQuery(Level1), Ct)).Rows.Select(r => r.Reference).Order();

        Assert.Equal([due.Reference, waiting.Reference], await ListAsync(BuiltInQueueViews.AllOpen));
        Assert.Equal([due.Reference], await ListAsync(BuiltInQueueViews.Unassigned));
        Assert.Equal([due.Reference], await ListAsync(BuiltInQueueViews.BreachedOrDueToday));
        Assert.Equal([waiting.Reference], await ListAsync(BuiltInQueueViews.WaitingForCustomer));
        Assert.Equal([closed.Reference], await ListAsync(BuiltInQueueViews.ClosedLast30Days));
    }

    [Fact]
    public async Task SavedView_ReloadsAsSaved_AndOnlyItsOwnerSeesRenamesOrDeletesIt()
    {
        await using var aida = await _app.SignInAsync(AidaEmail);
        await using var bolat = await _app.SignInAsync(BoltEmail);
        var views = aida.Services.GetRequiredService<SavedViewService>();
        var theirs = bolat.Services.GetRequiredService<SavedViewService>();
        var serious = await QueueTestData.RegisterAsync(aida, "Hans Schulz", "Charged twice", severity: ComplaintSeverity.Serious);
        await QueueTestData.RegisterAsync(aida, "Olga Petrova", "Late parcel");
        await QueueTestData.AssignAsync(aida, serious.Id, aida.Actor.Id);
        var filter = new QueueFilter { Severity = ComplaintSeverity.Serious, Owner = QueueFilter.Me, Sort = QueueSort.Newest, Page = 2 };

        var saved = await views.SaveAsync("queue", "  My serious ones ", filter, Ct);
        var reloaded = Assert.Single(await views.GetMineAsync("queue", Ct));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("?" + reloaded.Query);
        var reopened = QueueFilter.Parse(name => query.TryGetValue(name, out var value) ? value.ToString() : null);
        var rows = await aida.Complaints.GetQueueAsync(reopened.ToQuery(Level1), Ct);

        Assert.Equal("My serious ones", reloaded.Name);
        Assert.Equal(filter with { Page = 0 }, reopened);
        Assert.Equal($"queue?{reloaded.Query}", reloaded.Link);
        Assert.Equal([serious.Id], rows.Rows.Select(r => r.Id));

        // Someone else's view is not theirs to see or touch.
        Assert.Empty(await theirs.GetMineAsync("queue", Ct));
        await Assert.ThrowsAsync<DomainException>(() => theirs.RenameAsync(saved.Id, "Mine now", Ct));
        await Assert.ThrowsAsync<DomainException>(() => theirs.DeleteAsync(saved.Id, Ct));

        // Names are one per user and page, whatever the case; an empty name is refused.
        await Assert.ThrowsAsync<DomainException>(() => views.SaveAsync("queue", "MY SERIOUS ONES", new QueueFilter(), Ct));
        await Assert.ThrowsAsync<DomainException>(() => views.SaveAsync("queue", " ", new QueueFilter(), Ct));
        Assert.NotNull(await theirs.SaveAsync("queue", "My serious ones", new QueueFilter(), Ct));

        await views.RenameAsync(saved.Id, "Serious, mine", Ct);
        Assert.Equal("Serious, mine", Assert.Single(await views.GetMineAsync("queue", Ct)).Name);
        await views.DeleteAsync(saved.Id, Ct);
        Assert.Empty(await views.GetMineAsync("queue", Ct));
        Assert.Single(await theirs.GetMineAsync("queue", Ct));
    }

    [Fact]
    public async Task SavedView_OnTheBoard_NeedsTheBoardsPolicy()
    {
        await using var aida = await _app.SignInAsync(AidaEmail);
        await using var cco = await _app.SignInAsync(CcoEmail);

        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => aida.Services.GetRequiredService<SavedViewService>().SaveAsync("escalations", "Board", new QueueFilter(), Ct));
        Assert.NotNull(await cco.Services.GetRequiredService<SavedViewService>().SaveAsync("escalations", "Board", new QueueFilter { Level = EscalationLevel.ChiefExecutive }, Ct));
    }
}
