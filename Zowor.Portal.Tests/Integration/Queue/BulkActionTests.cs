using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Realtime;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration.Queue;

/// <summary>
/// Bulk actions from the queue (issue 17) on a real SQLite file: each complaint is its own change on the version the
/// list showed, so concurrent changes are conflicts and never overwritten; each changed complaint gets one timeline
/// entry; the whole action reaches open pages as one live batch.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class BulkActionTests : IAsyncLifetime
{
    private const string AidaEmail = "aida.csm@zowor.test";
    private const string BolatEmail = "bolat.csm@zowor.test";
    private const string AgentEmail = "erlan.agent@zowor.test";
    private static readonly IReadOnlyList<EscalationLevel> Level1 = [EscalationLevel.CustomerServiceManager];

    private readonly PortalAppFactory _app = new(new PortalAppOptions { SeedDemoData = false });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await _app.CreateStaffUserAsync(AidaEmail, "Aida Sarsenova (CSM)", PortalRoles.Csm);
        await _app.CreateStaffUserAsync(BolatEmail, "Bolat Nurlanov (CSM)", PortalRoles.Csm);
        await _app.CreateStaffUserAsync(AgentEmail, "Erlan Agent", PortalRoles.Agent);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Assign50_TwoChangedConcurrently_48Succeed2ReportAConflictAndNothingIsOverwritten()
    {
        await using var aida = await _app.SignInAsync(AidaEmail);
        await using var bolat = await _app.SignInAsync(BolatEmail);
        for (var i = 1; i <= 50; i++)
        {
            await QueueTestData.RegisterAsync(aida, $"Customer {i:00}", $"Parcel {i:00} late");
        }

        // Aida's list, as her page loaded it: each row with its version.
        var page = await aida.Complaints.GetQueueAsync(new QueueFilter { PageSize = 100 }.ToQuery(Level1), Ct);
        Assert.Equal(50, page.Rows.Count);
        var targets = page.Rows.Select(r => new BulkTarget(r.Id, r.Version, r.Reference)).ToList();

        // Meanwhile Bolat takes two of them himself.
        var taken = new[] { targets[7], targets[31] };
        foreach (var target in taken)
        {
            await QueueTestData.AssignAsync(bolat, target.Id, bolat.Actor.Id);
        }

        var events = Record(_app.Services.GetRequiredService<PortalNotifier>(), out var subscription);
        BulkResult result;
        using (subscription)
        {
            result = await aida.Services.GetRequiredService<BulkActionService>().AssignAsync(targets, new AssignForm { OwnerId = aida.Actor.Id }, Ct);
            await WaitForAsync(() => events.OfType<ComplaintsChanged>().Any());
        }

        Assert.Equal(48, result.Done);
        Assert.Equal(taken.Select(t => t.Id).Order(), result.Rows.Where(r => r.Outcome == BulkOutcome.Conflict).Select(r => r.Target.Id).Order());
        Assert.Equal(0, result.Refused);

        await using var db = _app.Database.CreateContext();
        var owners = await db.Complaints.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.OwnerId, Ct);
        var assignments = await db.ComplaintHistory.AsNoTracking().Where(h => h.Kind == ComplaintHistoryKinds.Assigned)
            .GroupBy(h => EF.Property<Guid?>(h, PortalDbContext.HistoryComplaintIdProperty)).Select(g => new { Id = g.Key!.Value, Count = g.Count() })
            .ToDictionaryAsync(g => g.Id, g => g.Count, Ct);
        foreach (var target in targets)
        {
            var bolats = taken.Contains(target);
            // Nothing overwritten: Bolat's two stay his; each complaint has exactly one assignment on its timeline.
            Assert.Equal(bolats ? bolat.Actor.Id : aida.Actor.Id, owners[target.Id]);
            Assert.Equal(1, assignments[target.Id]);
        }

        // One live batch for the 48 changes, no single change events: open pages reload once.
        var batch = Assert.Single(events.OfType<ComplaintsChanged>());
        Assert.Equal(48, batch.Changes.Count);
        Assert.Empty(events.OfType<ComplaintChanged>());
    }

    [Fact]
    public async Task Escalate_WithOneReason_EscalatesEachAndReportsTheOnesAlreadyThere()
    {
        await using var aida = await _app.SignInAsync(AidaEmail);
        var normal = await QueueTestData.RegisterAsync(aida, "Olga Petrova", "Late parcel");
        // P-71: serious complaints go to level 2 at registration; escalating them to level 2 again is refused.
        var serious = await QueueTestData.RegisterAsync(aida, "Hans Schulz", "Charged twice", severity: ComplaintSeverity.Serious);
        var targets = new[] { normal, serious }.Select(c => new BulkTarget(c.Id, 1, c.Reference)).ToList();

        var result = await aida.Services.GetRequiredService<BulkActionService>().EscalateAsync(targets,
            new EscalateForm { Level = EscalationLevel.ChiefCustomerOfficer, Reason = "Courier strike: the CCO negotiates" }, Ct);

        Assert.Equal(BulkOutcome.Done, result.Rows.Single(r => r.Target.Id == normal.Id).Outcome);
        var refused = result.Rows.Single(r => r.Target.Id == serious.Id);
        Assert.Equal(BulkOutcome.Refused, refused.Outcome);
        Assert.IsType<ComplaintWorkflowException>(refused.Refusal);
        var (escalated, _) = await _app.Database.LoadComplaintAsync(normal.Id, Ct);
        Assert.Equal(EscalationLevel.ChiefCustomerOfficer, escalated.EscalationLevel);
        Assert.Equal("Courier strike: the CCO negotiates", escalated.Escalations.Single().Reason);
    }

    [Fact]
    public async Task LogContact_OnEachComplaint_AddsOneContactAndOneTimelineEntryEach()
    {
        await using var aida = await _app.SignInAsync(AidaEmail);
        var complaints = new[]
        {
            await QueueTestData.RegisterAsync(aida, "Olga Petrova", "Late parcel"),
            await QueueTestData.RegisterAsync(aida, "Ivan Orlov", "Late parcel too"),
        };

        var result = await aida.Services.GetRequiredService<BulkActionService>().LogContactAsync(
            complaints.Select(c => new BulkTarget(c.Id, 1, c.Reference)).ToList(),
            new CommunicationForm { Direction = CommunicationDirection.Outbound, Channel = CommunicationChannel.Phone, Summary = "Called: the courier delivers on Monday." }, Ct);

        Assert.Equal(2, result.Done);
        foreach (var c in complaints)
        {
            var (stored, _) = await _app.Database.LoadComplaintAsync(c.Id, Ct);
            Assert.Equal("Called: the courier delivers on Monday.", stored.Communications.Single().Summary);
            Assert.Single(stored.History, h => h.Kind == ComplaintHistoryKinds.CommunicationLogged);
        }
    }

    [Fact]
    public async Task BadInput_IsRefusedBeforeAnythingChanges()
    {
        await using var aida = await _app.SignInAsync(AidaEmail);
        var c = await QueueTestData.RegisterAsync(aida, "Olga Petrova", "Late parcel");
        var bulk = aida.Services.GetRequiredService<BulkActionService>();
        var one = new List<BulkTarget> { new(c.Id, 1, c.Reference) };
        var tooMany = Enumerable.Range(0, BulkActionService.MaxComplaints + 1).Select(_ => new BulkTarget(Guid.NewGuid(), 1, "ZW")).ToList();

        await Assert.ThrowsAsync<DomainException>(() => bulk.AssignAsync(one, new AssignForm { OwnerId = "nobody" }, Ct));
        await Assert.ThrowsAsync<DomainException>(() => bulk.EscalateAsync(one, new EscalateForm { Reason = " " }, Ct));
        await Assert.ThrowsAsync<DomainException>(() => bulk.LogContactAsync([], new CommunicationForm { Summary = "x" }, Ct));
        await Assert.ThrowsAsync<DomainException>(() => bulk.LogContactAsync(tooMany, new CommunicationForm { Summary = "x" }, Ct));

        var (stored, version) = await _app.Database.LoadComplaintAsync(c.Id, Ct);
        Assert.Equal((1L, null, EscalationLevel.CustomerServiceManager), (version, stored.OwnerId, stored.EscalationLevel));
    }

    [Fact]
    public async Task Assign_ByAnAgent_IsRefusedOnTheServer()
    {
        await using var aida = await _app.SignInAsync(AidaEmail);
        await using var agent = await _app.SignInAsync(AgentEmail);
        var c = await QueueTestData.RegisterAsync(aida, "Olga Petrova", "Late parcel");

        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => agent.Services.GetRequiredService<BulkActionService>()
            .AssignAsync([new BulkTarget(c.Id, 1, c.Reference)], new AssignForm { OwnerId = aida.Actor.Id }, Ct));
    }

    [Fact]
    public async Task SelectAllMatching_BeyondTheBound_IsRefused_WithinItListsEveryMatch()
    {
        await using var aida = await _app.SignInAsync(AidaEmail);
        for (var i = 1; i <= 3; i++)
        {
            await QueueTestData.RegisterAsync(aida, $"Customer {i}", "Late parcel");
        }

        var all = await aida.Complaints.GetQueueTargetsAsync(new QueueFilter { PageSize = 10 }.ToQuery(Level1), limit: 3, Ct);
        Assert.Equal(3, all.Count);
        await Assert.ThrowsAsync<DomainException>(() => aida.Complaints.GetQueueTargetsAsync(new QueueFilter().ToQuery(Level1), limit: 2, Ct));
    }

    private static ConcurrentQueue<LiveEvent> Record(PortalNotifier notifier, out IDisposable subscription)
    {
        var events = new ConcurrentQueue<LiveEvent>();
        subscription = notifier.Subscribe(e =>
        {
            if (e is ComplaintChanged or ComplaintsChanged)
            {
                events.Enqueue(e);
            }

            return Task.CompletedTask;
        });
        return events;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50, Ct);
        }

        // Handlers run on the thread pool: give a stray single event time to show up too.
        await Task.Delay(300, Ct);
    }
}
