using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Escalation;
using Zowor.Portal.Features.Notifications;
using Zowor.Portal.Features.Settings;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Escalation;

/// <summary>
/// <see cref="DeadlineScanJob"/> in the real app on its own SQLite file, with the app's <see cref="TimeProvider"/> a
/// <see cref="FakeTimeProvider"/>. Complaints are built through the domain at past times and saved through a
/// <c>PortalDbContext</c> (or changed through <see cref="ComplaintService"/> as a signed-in user); the test then moves
/// the clock and runs the job's method itself. Every assertion reloads from the file.
/// Rules: P-20 (acknowledgement warning at 18 h, breach at 24 h), P-21/P-41 (update cadence, 5 days), P-71 (level 1 →
/// 2 after 10 days, serious → 2), P-72 (level 2 → 3 five days after the escalation).
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class DeadlineScanJobTests : IAsyncLifetime
{
    // Monday 2 March 2026, 11:00 in Almaty (UTC+5, the business time zone).
    private static readonly DateTime T0 = new(2026, 3, 2, 6, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    private const string AgentEmail = "aigerim.agent@zowor.test";
    private const string CsmEmail = "saule.csm@zowor.test";
    private const string CcoEmail = "dana.cco@zowor.test";
    private const string CeoEmail = "allen.ceo@zowor.test";
    private const string QualityEmail = "marat.quality@zowor.test";
    private const string AdminEmail = "portal.admin@zowor.test";

    private const string Level1Reason = "Unresolved 10 days after receipt: past the level-1 target (P-71).";
    private const string Level2Reason = "Unresolved 5 days after escalation to the Chief Customer Officer (P-72).";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(T0));
    private readonly PortalAppFactory _app;
    private int _sequence;

    public DeadlineScanJobTests()
    {
        _app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false, Clock = _clock });
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private Staff People { get; set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        People = await CreateStaffAsync(_app);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    // ---- P-20: acknowledgement warning and breach ----

    [Fact]
    public async Task RunAsync_UnacknowledgedAt23h59m59sThen24h_BreachesOnlyAtTheDeadline()
    {
        // P-20: "within 24 hours" — 23:59:59 after receipt is still in time; 24:00:00 is the breach.
        var receivedAt = T0;
        var id = await StoreAsync(_app, NewComplaint(receivedAt));

        SetClock(receivedAt + new TimeSpan(23, 59, 59));
        await ScanAsync();
        var (early, _) = await _app.Database.LoadComplaintAsync(id, Ct);

        SetClock(receivedAt + TimeSpan.FromHours(24));
        await ScanAsync();
        var (late, _) = await _app.Database.LoadComplaintAsync(id, Ct);

        Assert.Null(early.AcknowledgementBreachedAt);
        Assert.DoesNotContain(early.History, h => h.Kind == ComplaintHistoryKinds.AcknowledgementBreached);
        var due = receivedAt.AddHours(24);
        Assert.Equal(due, late.AcknowledgementBreachedAt);
        var breach = Assert.Single(TimelineEntry.Of(late), e => e.Kind == ComplaintHistoryKinds.AcknowledgementBreached);
        Assert.Equal((due, Actor.SystemId, Actor.System.Name), (breach.At, breach.ActorId, breach.ActorName));
        Assert.Equal(ComplaintStatus.Received, late.Status);
    }

    [Fact]
    public async Task RunAsync_UnacknowledgedAround18Hours_WarnsAtExactly18HoursOnce()
    {
        // P-20 reading: the CSM queue is warned 18 hours after receipt (the default setting), 6 hours before the breach.
        var receivedAt = T0;
        var id = await StoreAsync(_app, NewComplaint(receivedAt));
        var warnAt = receivedAt.AddHours(18);

        SetClock(warnAt - OneSecond);
        await ScanAsync();
        var (before, _) = await _app.Database.LoadComplaintAsync(id, Ct);
        SetClock(warnAt);
        await ScanAsync();
        var (at, _) = await _app.Database.LoadComplaintAsync(id, Ct);
        SetClock(warnAt + OneSecond);
        await ScanAsync();
        var (after, _) = await _app.Database.LoadComplaintAsync(id, Ct);

        Assert.Null(before.AcknowledgementWarnedAt);
        Assert.DoesNotContain(before.History, h => h.Kind == ComplaintHistoryKinds.AcknowledgementWarning);
        Assert.Equal(warnAt, at.AcknowledgementWarnedAt);
        var warning = Assert.Single(TimelineEntry.Of(after), e => e.Kind == ComplaintHistoryKinds.AcknowledgementWarning);
        Assert.Equal((warnAt, Actor.SystemId), (warning.At, warning.ActorId));
        Assert.Equal(warnAt, after.AcknowledgementWarnedAt);
        Assert.Null(after.AcknowledgementBreachedAt);
    }

    [Fact]
    public async Task RunAsync_AcknowledgedOneSecondBeforeTheScanStillInTime_IsNotBreached()
    {
        // P-20: acknowledged at 23:59:59 (in time); the scan at 24:00:00 finds it acknowledged and records nothing.
        var receivedAt = T0;
        var id = await StoreAsync(_app, NewComplaint(receivedAt));
        var acknowledgedAt = receivedAt + new TimeSpan(23, 59, 59);
        SetClock(acknowledgedAt);
        await using (var csm = await _app.SignInAsync(CsmEmail))
        {
            var version = (await _app.Database.LoadComplaintAsync(id, Ct)).Version;
            await csm.Complaints.AcknowledgeAsync(id, version, new AcknowledgeForm { Method = ContactMethod.Phone, EstimatedResolutionDate = new DateTime(2026, 3, 13) }, Ct);
        }

        SetClock(acknowledgedAt + OneSecond);
        var result = await ScanAsync();

        var (c, _) = await _app.Database.LoadComplaintAsync(id, Ct);
        Assert.Equal(0, result.Steps);
        Assert.Equal(acknowledgedAt, c.Acknowledgement?.At);
        Assert.Equal(ComplaintStatus.Acknowledged, c.Status);
        Assert.Null(c.AcknowledgementBreachedAt);
        Assert.DoesNotContain(c.History, h => h.Kind == ComplaintHistoryKinds.AcknowledgementBreached);
        Assert.DoesNotContain(await NotificationsAsync(_app, id), n => n.Kind == NotificationKinds.AcknowledgementBreached);
    }

    [Fact]
    public async Task RunAsync_Breach_NotifiesEveryCsmAndCcoAndTheOwner()
    {
        // P-20 breached: the CSM queue and the CCO board hear of it; an assigned owner too. Nobody else.
        var unassigned = NewComplaint(T0);
        var assigned = NewComplaint(T0);
        assigned.Assign(People.Agent.Id, People.Agent.Name, People.Csm, T0.AddHours(1));
        await StoreAsync(_app, unassigned, assigned);
        var now = T0.AddHours(24);
        SetClock(now);

        await ScanAsync();

        var toUnassigned = await NotificationsAsync(_app, unassigned.Id);
        var toAssigned = await NotificationsAsync(_app, assigned.Id);
        Assert.Equal(
            new[] { People.Csm.Id, People.Cco.Id }.Order(),
            toUnassigned.Where(n => n.Kind == NotificationKinds.AcknowledgementBreached).Select(n => n.UserId).Order());
        Assert.Equal(
            new[] { People.Agent.Id, People.Csm.Id, People.Cco.Id }.Order(),
            toAssigned.Where(n => n.Kind == NotificationKinds.AcknowledgementBreached).Select(n => n.UserId).Order());
        Assert.All(toUnassigned.Concat(toAssigned), n => Assert.Equal(now, n.CreatedAt));
        Assert.All(toUnassigned, n => Assert.Equal(unassigned.Reference, n.Reference));
        Assert.All(toUnassigned.Concat(toAssigned), n => Assert.Null(n.ReadAt));
    }

    // ---- P-21, P-41: update cadence ----

    [Fact]
    public async Task RunAsync_NoOutboundContactForFiveDays_FlagsUpdateDueAtTheBoundaryAndOutboundContactClearsIt()
    {
        var complaint = NewComplaint(T0);
        var acknowledgedAt = T0.AddHours(2);
        complaint.Acknowledge(ContactMethod.Phone, new DateOnly(2026, 3, 20), People.Csm, acknowledgedAt);
        complaint.Assign(People.Csm.Id, People.Csm.Name, People.Csm, acknowledgedAt.AddMinutes(1));
        var id = await StoreAsync(_app, complaint);
        var dueAt = acknowledgedAt.AddDays(5);

        SetClock(dueAt - OneSecond);
        await ScanAsync();
        var (before, _) = await _app.Database.LoadComplaintAsync(id, Ct);
        SetClock(dueAt);
        await ScanAsync();
        var (flagged, _) = await _app.Database.LoadComplaintAsync(id, Ct);

        Assert.Null(before.CustomerUpdateDueSince);
        Assert.Equal(dueAt, flagged.CustomerUpdateDueSince);
        var entry = Assert.Single(TimelineEntry.Of(flagged), e => e.Kind == ComplaintHistoryKinds.CustomerUpdateDue);
        Assert.Equal((dueAt, Actor.SystemId), (entry.At, entry.ActorId));
        var notice = Assert.Single(await NotificationsAsync(_app, id), n => n.Kind == NotificationKinds.CustomerUpdateDue);
        Assert.Equal(People.Csm.Id, notice.UserId); // the owner who owes the update

        // The CSM calls the customer: the flag clears, and the next gap counts from the call.
        var calledAt = dueAt.AddHours(3);
        SetClock(calledAt);
        await using (var csm = await _app.SignInAsync(CsmEmail))
        {
            await csm.Complaints.LogCommunicationAsync(id, (await _app.Database.LoadComplaintAsync(id, Ct)).Version,
                new CommunicationForm { Direction = CommunicationDirection.Outbound, Channel = CommunicationChannel.Phone, Summary = "Explained the lab test takes a week." }, Ct);
        }

        await ScanAsync();
        var (cleared, _) = await _app.Database.LoadComplaintAsync(id, Ct);
        SetClock(calledAt.AddDays(5));
        await ScanAsync();
        var (again, _) = await _app.Database.LoadComplaintAsync(id, Ct);

        Assert.Null(cleared.CustomerUpdateDueSince);
        Assert.Equal(calledAt, cleared.LastCustomerUpdateAt);
        Assert.Single(cleared.History, h => h.Kind == ComplaintHistoryKinds.CustomerUpdateDue);
        Assert.Equal(calledAt.AddDays(5), again.CustomerUpdateDueSince);
        Assert.Equal(
            [dueAt, calledAt.AddDays(5)],
            TimelineEntry.Of(again).Where(e => e.Kind == ComplaintHistoryKinds.CustomerUpdateDue).Select(e => e.At));
    }

    // ---- P-71, P-72: automatic escalation ----

    [Fact]
    public async Task RunAsync_Level1UnresolvedForTenDaysThenLevel2ForFive_EscalatesAtEachBoundaryWithReasonAndNotifications()
    {
        var complaint = NewComplaint(T0);
        complaint.Acknowledge(ContactMethod.Phone, new DateOnly(2026, 3, 20), People.Csm, T0.AddHours(1));
        var id = await StoreAsync(_app, complaint);
        var level2At = T0.AddDays(10);
        var level3At = level2At.AddDays(5);

        SetClock(level2At - OneSecond);
        await ScanAsync();
        var (stillLevel1, _) = await _app.Database.LoadComplaintAsync(id, Ct);
        SetClock(level2At);
        await ScanAsync();
        var (atLevel2, _) = await _app.Database.LoadComplaintAsync(id, Ct);
        SetClock(level3At - OneSecond);
        await ScanAsync();
        var (stillLevel2, _) = await _app.Database.LoadComplaintAsync(id, Ct);
        SetClock(level3At);
        await ScanAsync();
        var (atLevel3, _) = await _app.Database.LoadComplaintAsync(id, Ct);

        Assert.Equal(EscalationLevel.CustomerServiceManager, stillLevel1.EscalationLevel);
        Assert.Empty(stillLevel1.Escalations);
        Assert.Equal((EscalationLevel.ChiefCustomerOfficer, level2At), (atLevel2.EscalationLevel, atLevel2.EscalatedAt));
        Assert.Equal((EscalationLevel.ChiefCustomerOfficer, level2At), (stillLevel2.EscalationLevel, stillLevel2.EscalatedAt));
        Assert.Equal((EscalationLevel.ChiefExecutive, level3At), (atLevel3.EscalationLevel, atLevel3.EscalatedAt));
        Assert.Equal(
            [
                (EscalationLevel.CustomerServiceManager, EscalationLevel.ChiefCustomerOfficer, Level1Reason, true, level2At, Actor.SystemId),
                (EscalationLevel.ChiefCustomerOfficer, EscalationLevel.ChiefExecutive, Level2Reason, true, level3At, Actor.SystemId),
            ],
            atLevel3.Escalations.OrderBy(e => e.Id).Select(e => (e.FromLevel, e.ToLevel, e.Reason, e.Automatic, e.At, e.ById)));
        Assert.Equal(
            [
                new TimelineEntry(level2At, Actor.SystemId, Actor.System.Name, ComplaintHistoryKinds.Escalated, "1", "2", Level1Reason),
                new TimelineEntry(level3At, Actor.SystemId, Actor.System.Name, ComplaintHistoryKinds.Escalated, "2", "3", Level2Reason),
            ],
            TimelineEntry.Of(atLevel3).Where(e => e.Kind == ComplaintHistoryKinds.Escalated));
        // Pushed to the receiving level: the CCO and the CEO watch levels 2 and 3.
        var escalated = (await NotificationsAsync(_app, id)).Where(n => n.Kind == NotificationKinds.Escalated).ToList();
        Assert.Equal(
            new[] { ("2", People.Cco.Id), ("2", People.Ceo.Id), ("3", People.Cco.Id), ("3", People.Ceo.Id) }.Order(),
            escalated.Select(n => (n.Detail!, n.UserId)).Order());
    }

    [Fact]
    public async Task RunAsync_ManuallyEscalatedToLevel2_GoesToLevel3FiveDaysAfterThatEscalation()
    {
        // P-72: the CCO's five days count from the escalation, whoever made it.
        var complaint = NewComplaint(T0);
        complaint.Acknowledge(ContactMethod.Phone, new DateOnly(2026, 3, 20), People.Csm, T0.AddHours(1));
        var id = await StoreAsync(_app, complaint);
        var escalatedAt = T0.AddDays(2).AddHours(3);
        SetClock(escalatedAt);
        await using (var csm = await _app.SignInAsync(CsmEmail))
        {
            await csm.Complaints.EscalateAsync(id, (await _app.Database.LoadComplaintAsync(id, Ct)).Version,
                new EscalateForm { Level = EscalationLevel.ChiefCustomerOfficer, Reason = "Customer is a key account." }, Ct);
        }

        SetClock(escalatedAt.AddDays(5) - OneSecond);
        await ScanAsync();
        var (before, _) = await _app.Database.LoadComplaintAsync(id, Ct);
        SetClock(escalatedAt.AddDays(5));
        await ScanAsync();
        var (after, _) = await _app.Database.LoadComplaintAsync(id, Ct);

        Assert.Equal(EscalationLevel.ChiefCustomerOfficer, before.EscalationLevel);
        Assert.Equal(EscalationLevel.ChiefExecutive, after.EscalationLevel);
        Assert.Equal(
            [
                (EscalationLevel.ChiefCustomerOfficer, false, escalatedAt, People.Csm.Id, "Customer is a key account."),
                (EscalationLevel.ChiefExecutive, true, escalatedAt.AddDays(5), Actor.SystemId, Level2Reason),
            ],
            after.Escalations.OrderBy(e => e.Id).Select(e => (e.ToLevel, e.Automatic, e.At, e.ById, e.Reason)));
    }

    [Fact]
    public async Task RunAsync_StoredSeriousComplaintStillAtLevel1_EscalatesToLevel2Once()
    {
        // P-71: serious complaints belong at level 2. Registration does it at once; a stored row still at level 1
        // (severity raised in the database, data from before the rule) is put right by the next scan, once.
        var complaint = NewComplaint(T0);
        complaint.Acknowledge(ContactMethod.Phone, new DateOnly(2026, 3, 20), People.Csm, T0.AddHours(1));
        var id = await StoreAsync(_app, complaint);
        await using (var db = _app.Database.CreateContext())
        {
            await db.Complaints.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Severity, ComplaintSeverity.Serious), Ct);
        }

        SetClock(T0.AddHours(2));
        await ScanAsync();
        await ScanAsync();

        // Due as of registration, but never dated before the complaint's last change (the acknowledgement at T0 + 1 h).
        var (c, _) = await _app.Database.LoadComplaintAsync(id, Ct);
        Assert.Equal((EscalationLevel.ChiefCustomerOfficer, T0.AddHours(1)), (c.EscalationLevel, c.EscalatedAt));
        var record = Assert.Single(c.Escalations);
        Assert.Equal(
            (EscalationLevel.CustomerServiceManager, EscalationLevel.ChiefCustomerOfficer, true, T0.AddHours(1), "Serious complaint: handled by the Chief Customer Officer (P-71)."),
            (record.FromLevel, record.ToLevel, record.Automatic, record.At, record.Reason));
    }

    [Fact]
    public async Task RunAsync_AfterAdminShortensLevel1TargetToThreeDays_EscalatesAFourDayOldComplaintOnTheNextRun()
    {
        // A settings change applies from the next scan, without a restart (issue 4, P-71).
        var complaint = NewComplaint(T0);
        complaint.Acknowledge(ContactMethod.Phone, new DateOnly(2026, 3, 20), People.Csm, T0.AddHours(1));
        var id = await StoreAsync(_app, complaint);
        SetClock(T0.AddDays(4));
        await ScanAsync();
        var (before, _) = await _app.Database.LoadComplaintAsync(id, Ct);

        await using (var admin = await _app.SignInAsync(AdminEmail))
        {
            var settings = admin.Services.GetRequiredService<SettingsService>();
            var changed = await settings.GetAsync(Ct);
            changed.Level1ResolutionDays = 3;
            await settings.SaveAsync(changed, Ct);
        }

        await ScanAsync();

        var (after, _) = await _app.Database.LoadComplaintAsync(id, Ct);
        Assert.Equal(EscalationLevel.CustomerServiceManager, before.EscalationLevel);
        Assert.Equal(EscalationLevel.ChiefCustomerOfficer, after.EscalationLevel);
        var record = Assert.Single(after.Escalations);
        Assert.Equal(
            (T0.AddDays(3), true, "Unresolved 3 days after receipt: past the level-1 target (P-71)."),
            (record.At, record.Automatic, record.Reason));
    }

    // ---- Downtime, repetition, two nodes ----

    [Fact]
    public async Task RunAsync_AfterPortalWasDownThreeDays_AppliesEachMissedStepOnceInChronologicalOrder()
    {
        // Issue 4: a restart after days of downtime recomputes from the database and catches up on everything missed,
        // each step at the moment it became due. The level-2 target is 2 days here, so one complaint misses two
        // escalations and an update in between.
        using var database = TestDatabase.CreateMigrated();
        var down = T0.AddDays(12);
        Complaint a, b, c;
        await using (var before = new PortalAppFactory(new PortalAppOptions { Database = database, SeedDemoData = false, Clock = new FakeTimeProvider(new DateTimeOffset(T0)) }))
        {
            before.StartServer();
            var people = await CreateStaffAsync(before);
            await using (var admin = await before.SignInAsync(AdminEmail))
            {
                var settings = admin.Services.GetRequiredService<SettingsService>();
                var changed = await settings.GetAsync(Ct);
                changed.Level2ResolutionDays = 2;
                await settings.SaveAsync(changed, Ct);
            }

            // A: received the moment the portal went down.
            a = NewComplaint(down, people.Agent);
            // B: 9 days old, acknowledged, last called 2.5 days ago.
            b = NewComplaint(down.AddDays(-9), people.Agent);
            b.Acknowledge(ContactMethod.Phone, new DateOnly(2026, 3, 30), people.Csm, b.ReceivedAt.AddHours(1));
            b.LogCommunication(CommunicationDirection.Outbound, CommunicationChannel.Phone, "Chasing the carrier.", people.Csm, down.AddDays(-2.5));
            // C: escalated to the CCO by hand 1.5 days ago, last called 4 days ago.
            c = NewComplaint(down.AddDays(-6), people.Agent);
            c.Acknowledge(ContactMethod.Phone, new DateOnly(2026, 3, 30), people.Csm, c.ReceivedAt.AddHours(1));
            c.LogCommunication(CommunicationDirection.Outbound, CommunicationChannel.Phone, "Replacement ordered.", people.Csm, down.AddDays(-4));
            c.Escalate(EscalationLevel.ChiefCustomerOfficer, "Replacement out of stock.", people.Csm, down.AddDays(-1.5));
            await StoreAsync(before, a, b, c);

            before.Clock!.SetUtcNow(new DateTimeOffset(down));
            var lastScan = await ScanAsync(before);
            Assert.Equal(0, lastScan.Steps); // nothing was due when the portal went down
        }

        var entriesBefore = new Dictionary<Guid, int>();
        foreach (var complaint in new[] { a, b, c })
        {
            entriesBefore[complaint.Id] = (await database.LoadComplaintAsync(complaint.Id, Ct)).Complaint.History.Count;
        }

        var restartedAt = down.AddDays(3);
        await using var after = new PortalAppFactory(new PortalAppOptions { Database = database, SeedDemoData = false, Clock = new FakeTimeProvider(new DateTimeOffset(restartedAt)) });
        after.StartServer();

        var result = await ScanAsync(after);

        var level2Reason = "Unresolved 2 days after escalation to the Chief Customer Officer (P-72).";
        Assert.Equal(7, result.Steps);
        Assert.Equal(3, result.ComplaintsChanged);
        Assert.Equal(
            [
                (down.AddHours(18), ComplaintHistoryKinds.AcknowledgementWarning, (string?)null),
                (down.AddHours(24), ComplaintHistoryKinds.AcknowledgementBreached, null),
            ],
            await NewEntriesAsync(a));
        Assert.Equal(
            [
                (down.AddDays(1), ComplaintHistoryKinds.Escalated, Level1Reason),
                (down.AddDays(2.5), ComplaintHistoryKinds.CustomerUpdateDue, null),
                (down.AddDays(3), ComplaintHistoryKinds.Escalated, level2Reason),
            ],
            await NewEntriesAsync(b));
        Assert.Equal(
            [
                (down.AddDays(0.5), ComplaintHistoryKinds.Escalated, level2Reason),
                (down.AddDays(1), ComplaintHistoryKinds.CustomerUpdateDue, null),
            ],
            await NewEntriesAsync(c));

        var (storedA, _) = await database.LoadComplaintAsync(a.Id, Ct);
        var (storedB, _) = await database.LoadComplaintAsync(b.Id, Ct);
        var (storedC, _) = await database.LoadComplaintAsync(c.Id, Ct);
        Assert.Equal((down.AddHours(18), down.AddHours(24)), (storedA.AcknowledgementWarnedAt, storedA.AcknowledgementBreachedAt));
        Assert.Equal(
            [(EscalationLevel.ChiefCustomerOfficer, down.AddDays(1), true), (EscalationLevel.ChiefExecutive, down.AddDays(3), true)],
            storedB.Escalations.OrderBy(e => e.Id).Select(e => (e.ToLevel, e.At, e.Automatic)));
        Assert.Equal((EscalationLevel.ChiefExecutive, down.AddDays(3), down.AddDays(2.5)), (storedB.EscalationLevel, storedB.EscalatedAt, storedB.CustomerUpdateDueSince));
        Assert.Equal(
            [(EscalationLevel.ChiefCustomerOfficer, down.AddDays(-1.5), false), (EscalationLevel.ChiefExecutive, down.AddDays(0.5), true)],
            storedC.Escalations.OrderBy(e => e.Id).Select(e => (e.ToLevel, e.At, e.Automatic)));

        // Restarted once more: nothing left to catch up.
        Assert.Equal(0, (await ScanAsync(after)).Steps);
        foreach (var complaint in new[] { a, b, c })
        {
            Assert.Equal(entriesBefore[complaint.Id] + (complaint == b ? 3 : 2), (await database.LoadComplaintAsync(complaint.Id, Ct)).Complaint.History.Count);
        }

        async Task<IReadOnlyList<(DateTime At, string Kind, string? Details)>> NewEntriesAsync(Complaint complaint)
        {
            var (stored, _) = await database.LoadComplaintAsync(complaint.Id, Ct);
            var added = TimelineEntry.Of(stored).Skip(entriesBefore[complaint.Id]).ToList();
            Assert.All(added, e => Assert.Equal((Actor.SystemId, Actor.System.Name), (e.ActorId, e.ActorName)));
            return added.Select(e => (e.At, e.Kind, e.Details)).ToList();
        }
    }

    [Fact]
    public async Task RunAsync_SameScanTwice_AddsNoTimelineEntryEscalationOrNotification()
    {
        // Issue 4: a job that runs twice (a retry, a second node a minute later) never duplicates anything.
        var breached = NewComplaint(T0);
        var overdue = NewComplaint(T0.AddDays(-11));
        overdue.Acknowledge(ContactMethod.Phone, new DateOnly(2026, 3, 20), People.Csm, overdue.ReceivedAt.AddHours(1));
        overdue.Assign(People.Csm.Id, People.Csm.Name, People.Csm, overdue.ReceivedAt.AddHours(2));
        var serious = NewComplaint(T0.AddDays(-6), severity: ComplaintSeverity.Serious);
        await StoreAsync(_app, breached, overdue, serious);
        SetClock(T0.AddDays(1));

        var first = await ScanAsync();
        var counts = await CountRowsAsync();
        var versions = await VersionsAsync();
        var second = await ScanAsync();

        // breached: warning + breach; overdue: update due + level 2; serious: warning, breach, update due, level 3.
        Assert.Equal(8, first.Steps);
        Assert.Equal(0, second.Steps);
        Assert.Equal(counts, await CountRowsAsync());
        Assert.Equal(versions, await VersionsAsync());
        Assert.True(counts.Notifications >= 8, $"The first scan notified ({counts.Notifications} rows)."); // so the comparison means something
    }

    [Fact]
    public async Task RunAsync_TwoNodesAtOnce_RecordEachStepExactlyOnce()
    {
        // Issue 4: two nodes running the same scan at the same moment; the version check lets one win per complaint.
        var complaints = Enumerable.Range(0, 6).Select(i => NewComplaint(T0.AddHours(-i))).ToList();
        await StoreAsync(_app, [.. complaints]);
        SetClock(T0.AddDays(1));

        var results = await Task.WhenAll(ScanAsync(), ScanAsync());

        Assert.Equal(12, results.Sum(r => r.Steps)); // a warning and a breach each
        foreach (var complaint in complaints)
        {
            var (c, _) = await _app.Database.LoadComplaintAsync(complaint.Id, Ct);
            Assert.Single(c.History, h => h.Kind == ComplaintHistoryKinds.AcknowledgementWarning);
            Assert.Single(c.History, h => h.Kind == ComplaintHistoryKinds.AcknowledgementBreached);
            Assert.Equal(
                new[] { People.Csm.Id, People.Cco.Id }.Order(),
                (await NotificationsAsync(_app, complaint.Id)).Select(n => n.UserId).Order());
        }
    }

    [Fact]
    public async Task RunAsync_ReopenedLongAfterReceipt_RestartsTheLevel1TargetAndTheUpdateCadenceFromTheReopening()
    {
        // Issue 14, P-71, P-21/P-41: a complaint resolved within a day and reopened 40 days later used to be escalated
        // and flagged "update due" in the second it was reopened. The reopening is new work: the update is owed 5 days
        // after it and level 1 has its 10 days from it.
        var id = await StoreAsync(_app, ClosedWithinADay(NewComplaint(T0)));
        var reopenedAt = T0.AddDays(40);
        await ReopenAsync(id, reopenedAt);

        SetClock(reopenedAt);
        var atReopening = await ScanAsync();
        SetClock(reopenedAt.AddDays(5) - OneSecond);
        var beforeUpdate = await ScanAsync();
        var (quiet, _) = await _app.Database.LoadComplaintAsync(id, Ct);
        SetClock(reopenedAt.AddDays(5));
        await ScanAsync();
        var (updateDue, _) = await _app.Database.LoadComplaintAsync(id, Ct);
        await LogUpdateAsync(id, reopenedAt.AddDays(6));
        SetClock(reopenedAt.AddDays(10) - OneSecond);
        await ScanAsync();
        var (stillLevel1, _) = await _app.Database.LoadComplaintAsync(id, Ct);
        SetClock(reopenedAt.AddDays(10));
        await ScanAsync();
        var (escalated, _) = await _app.Database.LoadComplaintAsync(id, Ct);

        Assert.Equal((0, 0), (atReopening.Steps, beforeUpdate.Steps));
        Assert.Equal((ComplaintStatus.Reopened, EscalationLevel.CustomerServiceManager), (quiet.Status, quiet.EscalationLevel));
        Assert.Null(quiet.CustomerUpdateDueSince);
        Assert.Equal(reopenedAt, quiet.ReopenedAt);
        Assert.Equal(reopenedAt.AddDays(5), updateDue.CustomerUpdateDueSince);
        Assert.Equal(EscalationLevel.CustomerServiceManager, stillLevel1.EscalationLevel);
        Assert.Equal(EscalationLevel.ChiefCustomerOfficer, escalated.EscalationLevel);
        var escalation = Assert.Single(escalated.Escalations);
        Assert.Equal((reopenedAt.AddDays(10), true), (escalation.At, escalation.Automatic));
        Assert.Equal("Unresolved 10 days after the reopening: past the level-1 target (P-71).", escalation.Reason);
        var timeline = TimelineEntry.Of(escalated);
        Assert.Equal(timeline.Select(e => e.At).Order(), timeline.Select(e => e.At));
    }

    [Fact]
    public async Task RunAsync_Level2ComplaintReopened_StaysWithTheCcoUntilFiveDaysAfterTheReopening()
    {
        // Issue 14, P-72: a complaint the CCO handled keeps its level when reopened, and the CCO has the whole level-2
        // target again instead of losing it to the CEO in the second of the reopening.
        var complaint = NewComplaint(T0);
        complaint.Escalate(EscalationLevel.ChiefCustomerOfficer, "Key account.", People.Csm, T0.AddMinutes(30));
        var id = await StoreAsync(_app, ClosedWithinADay(complaint));
        var reopenedAt = T0.AddDays(30);
        await ReopenAsync(id, reopenedAt);

        SetClock(reopenedAt);
        await ScanAsync();
        var (atReopening, _) = await _app.Database.LoadComplaintAsync(id, Ct);
        SetClock(reopenedAt.AddDays(5) - OneSecond);
        await ScanAsync();
        var (before, _) = await _app.Database.LoadComplaintAsync(id, Ct);
        SetClock(reopenedAt.AddDays(5));
        await ScanAsync();
        var (after, _) = await _app.Database.LoadComplaintAsync(id, Ct);

        Assert.Equal(EscalationLevel.ChiefCustomerOfficer, atReopening.EscalationLevel);
        Assert.Null(atReopening.CustomerUpdateDueSince);
        Assert.Equal(EscalationLevel.ChiefCustomerOfficer, before.EscalationLevel);
        Assert.Equal(EscalationLevel.ChiefExecutive, after.EscalationLevel);
        Assert.Equal(reopenedAt.AddDays(5), after.Escalations.Single(e => e.ToLevel == EscalationLevel.ChiefExecutive).At);
    }

    // ---- The scan query (issue 4: indexed queries, never a loop over every complaint) ----

    [Fact]
    public async Task FindDueAsync_FewDueAmongManyNot_ReturnsExactlyTheDueOnesOldestFirst()
    {
        var now = T0.AddDays(30);
        var due = new List<Complaint>();
        var notDue = new List<Complaint>();

        // Each rule exactly at its boundary is due…
        var warn = NewComplaint(now.AddHours(-18));
        var breach = NewComplaint(now.AddHours(-24));
        breach.WarnAcknowledgementDue(breach.ReceivedAt.AddHours(18));
        var update = NewComplaint(now.AddDays(-7));
        update.Acknowledge(ContactMethod.Phone, new DateOnly(2026, 4, 20), People.Csm, now.AddDays(-5));
        var level1 = NewComplaint(now.AddDays(-10));
        level1.Acknowledge(ContactMethod.Phone, new DateOnly(2026, 4, 20), People.Csm, now.AddDays(-9));
        level1.LogCommunication(CommunicationDirection.Outbound, CommunicationChannel.Phone, "Update.", People.Csm, now.AddDays(-1));
        var level2 = NewComplaint(now.AddDays(-8));
        level2.Acknowledge(ContactMethod.Phone, new DateOnly(2026, 4, 20), People.Csm, now.AddDays(-8).AddHours(1));
        level2.Escalate(EscalationLevel.ChiefCustomerOfficer, "Key account.", People.Csm, now.AddDays(-5));
        level2.LogCommunication(CommunicationDirection.Outbound, CommunicationChannel.Phone, "Update.", People.Csm, now.AddDays(-1));
        due.AddRange([warn, breach, update, level1, level2]);

        // …and one second earlier it is not, many times over, next to finished and fully flagged ones.
        for (var i = 0; i < 25; i++)
        {
            var spread = TimeSpan.FromMinutes(i);
            notDue.Add(NewComplaint(now.AddHours(-18) + OneSecond + spread));
            var warned = NewComplaint(now.AddHours(-24) + OneSecond + spread);
            warned.WarnAcknowledgementDue(warned.ReceivedAt.AddHours(18));
            notDue.Add(warned);
            var recent = NewComplaint(now.AddDays(-10) + OneSecond + spread);
            recent.Acknowledge(ContactMethod.Phone, new DateOnly(2026, 4, 20), People.Csm, now.AddDays(-5) + OneSecond + spread);
            notDue.Add(recent);
            var atLevel2 = NewComplaint(now.AddDays(-8) - spread);
            atLevel2.Acknowledge(ContactMethod.Phone, new DateOnly(2026, 4, 20), People.Csm, atLevel2.ReceivedAt.AddHours(1));
            atLevel2.Escalate(EscalationLevel.ChiefCustomerOfficer, "Key account.", People.Csm, now.AddDays(-5) + OneSecond + spread);
            atLevel2.LogCommunication(CommunicationDirection.Outbound, CommunicationChannel.Phone, "Update.", People.Csm, now.AddDays(-1));
            notDue.Add(atLevel2);
            var closed = ComplaintBuilder.New().WithReference(ComplaintReference.Create(2025, 900 + i)).WithReceivedAt(T0.AddDays(-60)).InStatus(ComplaintStatus.Closed).Build();
            notDue.Add(closed);
            var flagged = NewComplaint(now.AddDays(-40) - spread);
            flagged.Acknowledge(ContactMethod.Phone, new DateOnly(2026, 4, 20), People.Csm, flagged.ReceivedAt.AddHours(1));
            flagged.Escalate(EscalationLevel.ChiefExecutive, "Legal threat.", People.Csm, flagged.ReceivedAt.AddHours(2));
            flagged.FlagCustomerUpdateDue(flagged.ReceivedAt.AddDays(5));
            notDue.Add(flagged);
        }

        await StoreAsync(_app, [.. notDue, .. due]);
        SetClock(now);
        await using var scope = _app.Services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredService<DeadlineScanJob>();
        var settings = await scope.ServiceProvider.GetRequiredService<SettingsProvider>().ReloadAsync(Ct);

        var found = await job.FindDueAsync(settings, now, Ct);

        Assert.Equal(155, await _app.Database.CountComplaintsAsync(Ct));
        Assert.Equal(due.OrderBy(d => d.ReceivedAt).Select(d => d.Id), found);
    }

    // ---- Helpers ----

    /// <summary>Walks a complaint received at T0 through the workflow to Closed within six hours.</summary>
    private Complaint ClosedWithinADay(Complaint complaint)
    {
        var at = complaint.ReceivedAt.AddHours(1);
        complaint.Acknowledge(ContactMethod.Phone, new DateOnly(2026, 3, 3), People.Csm, at);
        complaint.StartInvestigation(People.Csm, at = at.AddHours(1));
        complaint.RecordRootCause(RootCauseCategory.Carrier, "Parcel went to the wrong pick-up point.", null, People.Csm, at = at.AddHours(1));
        complaint.ProposeResolution(ResolutionOffer.Create(ResolutionKind.Replacement, null, null, null, "Send a new pair."), People.Csm, at = at.AddHours(1));
        complaint.RecordCustomerResponse(true, "Yes, please send it.", People.Csm, at = at.AddMinutes(30));
        complaint.Resolve(at = at.AddMinutes(30), People.Csm, at);
        complaint.Close("Customer confirmed receipt.", 5, People.Csm, at.AddHours(1));
        return complaint;
    }

    /// <summary>The CSM reopens the complaint through the service at <paramref name="at"/>.</summary>
    private async Task ReopenAsync(Guid id, DateTime at)
    {
        SetClock(at);
        await using var csm = await _app.SignInAsync(CsmEmail);
        var version = (await _app.Database.LoadComplaintAsync(id, Ct)).Version;
        await csm.Complaints.ReopenAsync(id, version, new ReasonForm { Reason = "The new pair has the same defect." }, Ct);
    }

    /// <summary>The CSM phones the customer with an update at <paramref name="at"/>, which clears the update flag.</summary>
    private async Task LogUpdateAsync(Guid id, DateTime at)
    {
        SetClock(at);
        await using var csm = await _app.SignInAsync(CsmEmail);
        var version = (await _app.Database.LoadComplaintAsync(id, Ct)).Version;
        await csm.Complaints.LogCommunicationAsync(id, version,
            new CommunicationForm { Direction = CommunicationDirection.Outbound, Channel = CommunicationChannel.Phone, Summary = "Told the customer we are checking the new pair." }, Ct);
    }

    private void SetClock(DateTime utc) => _clock.SetUtcNow(new DateTimeOffset(utc));

    private Task<DeadlineScanResult> ScanAsync() => ScanAsync(_app);

    private static async Task<DeadlineScanResult> ScanAsync(PortalAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeadlineScanJob>().RunAsync(Ct);
    }

    /// <summary>A normal phone complaint registered by the agent the moment it was received.</summary>
    private Complaint NewComplaint(DateTime receivedAt, Actor? by = null, ComplaintSeverity severity = ComplaintSeverity.Normal)
    {
        var details = ComplaintDetails.Create("Parcel not delivered", "Tracking says delivered, nothing arrived.", "delivery",
            severity, PreferredResolution.Refund, "ZW-884377", "Trail running shoes");
        var customer = CustomerContact.Create("Timur Akhmetov", "timur.a@example.kz", "+7 777 123 45 67", ContactMethod.Phone);
        return Complaint.Register(ComplaintReference.Create(receivedAt.Year, ++_sequence), ComplaintChannel.Phone, customer, details,
            receivedAt, by ?? People.Agent, receivedAt);
    }

    private static async Task<Guid> StoreAsync(PortalAppFactory app, params Complaint[] complaints)
    {
        await using var db = app.Database.CreateContext();
        db.Complaints.AddRange(complaints);
        await db.SaveChangesAsync(Ct);
        return complaints[0].Id;
    }

    private static async Task<List<UserNotification>> NotificationsAsync(PortalAppFactory app, Guid complaintId)
    {
        await using var db = app.Database.CreateContext();
        return await db.Set<UserNotification>().AsNoTracking().Where(n => n.ComplaintId == complaintId).OrderBy(n => n.Id).ToListAsync(Ct);
    }

    private async Task<(long History, long Escalations, long Notifications)> CountRowsAsync() =>
        ((long)(await _app.Database.QueryScalarAsync("SELECT COUNT(*) FROM ComplaintHistory", Ct))!,
         (long)(await _app.Database.QueryScalarAsync("SELECT COUNT(*) FROM ComplaintEscalations", Ct))!,
         (long)(await _app.Database.QueryScalarAsync("SELECT COUNT(*) FROM UserNotifications", Ct))!);

    private async Task<List<(Guid, long)>> VersionsAsync()
    {
        await using var db = _app.Database.CreateContext();
        return (await db.Complaints.OrderBy(c => c.Reference).Select(c => new { c.Id, Version = EF.Property<long>(c, "Version") }).ToListAsync(Ct))
            .Select(c => (c.Id, c.Version)).ToList();
    }

    private static async Task<Staff> CreateStaffAsync(PortalAppFactory app)
    {
        static Actor Of(PortalUser user) => new(user.Id, user.DisplayName);
        return new Staff(
            Of(await app.CreateStaffUserAsync(AgentEmail, "Aigerim Agent", PortalRoles.Agent)),
            Of(await app.CreateStaffUserAsync(CsmEmail, "Saule Omarova (CSM)", PortalRoles.Csm)),
            Of(await app.CreateStaffUserAsync(CcoEmail, "Dana Karimova (CCO)", PortalRoles.Cco)),
            Of(await app.CreateStaffUserAsync(CeoEmail, "Allen Zhou (CEO)", PortalRoles.Ceo)),
            Of(await app.CreateStaffUserAsync(QualityEmail, "Marat Quality", PortalRoles.Quality)),
            Of(await app.CreateStaffUserAsync(AdminEmail, "Portal Admin", PortalRoles.Admin)));
    }

    private sealed record Staff(Actor Agent, Actor Csm, Actor Cco, Actor Ceo, Actor Quality, Actor Admin);
}
