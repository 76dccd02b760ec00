using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Settings;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Complaints;

/// <summary>
/// <see cref="ComplaintService"/> inside the real app composition, on a fresh SQLite file per test, with the clock
/// under test control. Every assertion reads back through a new context: what was stored, not what was returned.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class ComplaintServiceTests : IAsyncLifetime
{
    // Monday 2 March 2026, 11:00 in Almaty (UTC+5, the business time zone).
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    private const string CsmOneEmail = "saule.csm@zowor.test";
    private const string CsmTwoEmail = "timur.csm@zowor.test";
    private const string QualityEmail = "marat.quality@zowor.test";

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly SaveChangesHook _hook = new();
    private readonly PortalAppFactory _app;

    public ComplaintServiceTests()
    {
        _app = new PortalAppFactory(new PortalAppOptions
        {
            SeedDemoData = false,
            Clock = _clock,
            ConfigureServices = services => services.ConfigureDbContext<SqlitePortalDbContext>(o => o.AddInterceptors(_hook)),
        });
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await _app.CreateStaffUserAsync(CsmOneEmail, "Saule Omarova (CSM)", PortalRoles.Csm);
        await _app.CreateStaffUserAsync(CsmTwoEmail, "Timur Bekov (CSM)", PortalRoles.Csm);
        await _app.CreateStaffUserAsync(QualityEmail, "Marat Quality", PortalRoles.Quality);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Register_ValidPhoneComplaint_StoresEveryFieldAndARegisteredEntry()
    {
        // P-11: contact details, description, date/time received and preferred resolution are all kept.
        await using var csm = await _app.SignInAsync(CsmOneEmail);

        var registered = await csm.Complaints.RegisterAsync(ValidForm(), Ct);

        var (c, version) = await _app.Database.LoadComplaintAsync(registered.Id, Ct);
        var receivedAt = Start.UtcDateTime.AddHours(-1); // the form says 10:00 in Almaty
        Assert.Equal("ZW-2026-000001", registered.Reference);
        Assert.Equal(registered.Reference, c.Reference);
        Assert.Equal(ComplaintChannel.Phone, c.Channel);
        Assert.Equal(receivedAt, c.ReceivedAt);
        Assert.Equal(Now, c.RegisteredAt);
        Assert.Equal(csm.Actor.Id, c.RegisteredById);
        Assert.Equal(CustomerContact.Create("Timur Akhmetov", "timur.a@example.kz", "+77771234567", ContactMethod.Phone), c.Customer);
        Assert.Equal(("Parcel not delivered", "Tracking says delivered, nothing arrived.", "delivery"), (c.Subject, c.Description, c.CategoryCode));
        Assert.Equal(("ZW-884377", "Trail running shoes"), (c.OrderNumber, c.Product));
        Assert.Equal((ComplaintSeverity.Normal, PreferredResolution.Refund), (c.Severity, c.PreferredResolution));
        Assert.Equal(ComplaintStatus.Received, c.Status);
        Assert.Equal(EscalationLevel.CustomerServiceManager, c.EscalationLevel); // P-70
        Assert.Equal(receivedAt.AddHours(24), c.AcknowledgementDueAt); // P-20
        Assert.Equal(1, version);
        var entry = Assert.Single(TimelineEntry.Of(c));
        Assert.Equal(new TimelineEntry(Now, csm.Actor.Id, csm.Actor.Name, ComplaintHistoryKinds.Registered, null, "Received", "ZW-2026-000001"), entry);
    }

    [Fact]
    public async Task Register_SeveralComplaints_AssignsIncreasingReferencesPerYearOfReceipt()
    {
        // P-21: every complaint gets its own tracking number, ZW-{year received}-{six-digit sequence}.
        await using var csm = await _app.SignInAsync(CsmOneEmail);

        var first = await csm.Complaints.RegisterAsync(ValidForm(), Ct);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var second = await csm.Complaints.RegisterAsync(ValidForm(), Ct);
        var lastYear = ValidForm();
        lastYear.ReceivedOn = new DateTime(2025, 12, 30);
        var fromLastYear = await csm.Complaints.RegisterAsync(lastYear, Ct);
        var third = await csm.Complaints.RegisterAsync(ValidForm(), Ct);

        Assert.Equal(
            ["ZW-2026-000001", "ZW-2026-000002", "ZW-2025-000001", "ZW-2026-000003"],
            [first.Reference, second.Reference, fromLastYear.Reference, third.Reference]);
        await using var db = _app.Database.CreateContext();
        Assert.Equal(
            [("ZW-2025-000001", 2025, 1), ("ZW-2026-000001", 2026, 1), ("ZW-2026-000002", 2026, 2), ("ZW-2026-000003", 2026, 3)],
            (await db.Complaints.OrderBy(c => c.Reference).Select(c => new { c.Reference, c.ReferenceYear, c.ReferenceSequence }).ToListAsync(Ct))
                .Select(c => (c.Reference, c.ReferenceYear, c.ReferenceSequence)));
    }

    [Fact]
    public async Task Register_SeriousComplaint_GoesStraightToTheChiefCustomerOfficer()
    {
        // P-71: serious problems are handled at level 2.
        await using var csm = await _app.SignInAsync(CsmOneEmail);
        var form = ValidForm();
        form.Severity = ComplaintSeverity.Serious;

        var registered = await csm.Complaints.RegisterAsync(form, Ct);

        var (c, _) = await _app.Database.LoadComplaintAsync(registered.Id, Ct);
        Assert.Equal(EscalationLevel.ChiefCustomerOfficer, c.EscalationLevel);
        var escalation = Assert.Single(c.Escalations);
        Assert.Equal((EscalationLevel.CustomerServiceManager, EscalationLevel.ChiefCustomerOfficer, true), (escalation.FromLevel, escalation.ToLevel, escalation.Automatic));
        Assert.Equal(
            [(ComplaintHistoryKinds.Registered, csm.Actor.Id), (ComplaintHistoryKinds.Escalated, Actor.SystemId)],
            TimelineEntry.Of(c).Select(e => (e.Kind, e.ActorId)));
    }

    [Fact]
    public async Task Workflow_OneCsmFromAcknowledgeToClose_StoresEachStepWithStatusAndTimelineEntry()
    {
        // P-20 acknowledge → P-30 investigate and find the root cause → P-40 offer a partial refund, customer accepts
        // → P-41 resolve → P-50 close. Each reload shows the step's status and who did it when.
        await using var csm = await _app.SignInAsync(CsmOneEmail);
        var id = (await csm.Complaints.RegisterAsync(ValidForm(), Ct)).Id;
        var who = csm.Actor;
        var local = _app.Services.GetRequiredService<BusinessClock>();

        var acknowledgedAt = await StepAsync(id, ComplaintStatus.Acknowledged,
            [(ComplaintHistoryKinds.Acknowledged, null, "2026-03-09"), (ComplaintHistoryKinds.StatusChanged, "Received", "Acknowledged")],
            v => csm.Complaints.AcknowledgeAsync(id, v, new AcknowledgeForm { Method = ContactMethod.Phone, EstimatedResolutionDate = new DateTime(2026, 3, 9) }, Ct));
        await StepAsync(id, ComplaintStatus.Investigating,
            [(ComplaintHistoryKinds.StatusChanged, "Acknowledged", "Investigating")],
            v => csm.Complaints.StartInvestigationAsync(id, v, "Calling the carrier.", Ct));
        var rootCauseAt = await StepAsync(id, ComplaintStatus.Investigating,
            [(ComplaintHistoryKinds.RootCauseRecorded, null, "Carrier")],
            v => csm.Complaints.RecordRootCauseAsync(id, v, new RootCauseForm { Category = RootCauseCategory.Carrier, Description = "Courier left the parcel at the wrong door.", ContributingFactors = "No photo on delivery" }, Ct));
        var proposedAt = await StepAsync(id, ComplaintStatus.Resolving,
            [(ComplaintHistoryKinds.ResolutionProposed, null, "PartialRefund"), (ComplaintHistoryKinds.StatusChanged, "Investigating", "Resolving")],
            v => csm.Complaints.ProposeResolutionAsync(id, v, new ResolutionForm { Kind = ResolutionKind.PartialRefund, Amount = 25.50m, Currency = "eur", Details = "Refund the delivery fee and half the price." }, Ct));
        var answeredAt = await StepAsync(id, ComplaintStatus.Resolving,
            [(ComplaintHistoryKinds.CustomerResponded, null, "Accepted")],
            v => csm.Complaints.RecordCustomerResponseAsync(id, v, new CustomerResponseForm { Accepted = true, Note = "Fine with the refund." }, Ct));
        var resolvedAt = await StepAsync(id, ComplaintStatus.Resolved,
            [(ComplaintHistoryKinds.StatusChanged, "Resolving", "Resolved")],
            v => csm.Complaints.ResolveAsync(id, v, new ResolveForm { ImplementedOn = local.LocalNow.Date, Note = "Refund sent." }, Ct));
        var closedAt = await StepAsync(id, ComplaintStatus.Closed,
            [(ComplaintHistoryKinds.StatusChanged, "Resolved", "Closed")],
            v => csm.Complaints.CloseAsync(id, v, new CloseForm { Note = "Customer confirmed the refund arrived.", Satisfaction = 4 }, Ct));

        var (c, version) = await _app.Database.LoadComplaintAsync(id, Ct);
        Assert.Equal(8, version); // registered, then seven saved changes
        Assert.Equal(new Acknowledgement(ContactMethod.Phone, acknowledgedAt, who.Id, who.Name, new DateOnly(2026, 3, 9)), c.Acknowledgement);
        Assert.Equal(new RootCause(RootCauseCategory.Carrier, "Courier left the parcel at the wrong door.", "No photo on delivery", rootCauseAt, who.Id, who.Name), c.RootCause);
        var offer = c.Resolution!;
        Assert.Equal((ResolutionKind.PartialRefund, 25.50m, "EUR", "Refund the delivery fee and half the price."), (offer.Kind, offer.Amount, offer.Currency, offer.Details));
        Assert.Equal((proposedAt, who.Id, who.Name), (offer.ProposedAt, offer.ProposedById, offer.ProposedByName));
        Assert.Equal((true, answeredAt, "Fine with the refund."), (offer.CustomerAccepted, offer.CustomerAnsweredAt, offer.CustomerAnswerNote));
        Assert.Equal(resolvedAt, offer.ImplementedAt);
        Assert.Equal(resolvedAt, c.ResolvedAt);
        Assert.Equal(new Closure(closedAt, who.Id, who.Name, "Customer confirmed the refund arrived.", 4), c.Closure);
        Assert.Equal(10, c.History.Count);
    }

    [Theory]
    [InlineData("no contact", "e-mail address or phone number")]
    [InlineData("received in the future", "cannot be in the future")]
    [InlineData("unknown category", "Choose a category from the list")]
    public async Task Register_InvalidInput_ThrowsDomainExceptionAndStoresNothing(string defect, string message)
    {
        // P-11: a complaint is registered complete or not at all.
        await using var csm = await _app.SignInAsync(CsmOneEmail);
        var existing = await csm.Complaints.RegisterAsync(ValidForm(), Ct);
        var (_, versionBefore) = await _app.Database.LoadComplaintAsync(existing.Id, Ct);
        var form = ValidForm();
        switch (defect)
        {
            case "no contact":
                (form.Email, form.Phone) = (null, " ");
                break;
            case "received in the future":
                (form.ReceivedOn, form.ReceivedTime) = (new DateTime(2026, 3, 2), new TimeSpan(11, 30, 0)); // now is 11:00
                break;
            case "unknown category":
                form.CategoryCode = "no-such-category";
                break;
        }

        var error = await Assert.ThrowsAsync<DomainException>(() => csm.Complaints.RegisterAsync(form, Ct));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await _app.Database.CountComplaintsAsync(Ct));
        Assert.Equal(versionBefore, (await _app.Database.LoadComplaintAsync(existing.Id, Ct)).Version);
        // Nothing was half-used either: the next good complaint takes the next number.
        Assert.Equal("ZW-2026-000002", (await csm.Complaints.RegisterAsync(ValidForm(), Ct)).Reference);
    }

    [Fact]
    public async Task ProposeResolution_PartialRefundOfZero_ThrowsDomainExceptionAndChangesNothing()
    {
        // P-40: a partial refund names the amount refunded.
        await using var csm = await _app.SignInAsync(CsmOneEmail);
        var id = await InvestigatingComplaintAsync(csm);
        var (before, versionBefore) = await _app.Database.LoadComplaintAsync(id, Ct);
        _clock.Advance(TimeSpan.FromMinutes(10));

        var error = await Assert.ThrowsAsync<DomainException>(() => csm.Complaints.ProposeResolutionAsync(id, versionBefore,
            new ResolutionForm { Kind = ResolutionKind.PartialRefund, Amount = 0m, Currency = "EUR", Details = "Partial refund." }, Ct));

        Assert.Contains("positive amount", error.Message, StringComparison.Ordinal);
        var (after, versionAfter) = await _app.Database.LoadComplaintAsync(id, Ct);
        Assert.Equal(versionBefore, versionAfter);
        Assert.Equal(StoredComplaint.Of(before), StoredComplaint.Of(after));
        Assert.Equal(TimelineEntry.Of(before), TimelineEntry.Of(after));
        Assert.Null(after.Resolution);
    }

    [Fact]
    public async Task Register_AsQualityUser_IsDeniedAndStoresNothing()
    {
        // Quality analyses trends (P-60); registering complaints is for the handlers.
        await using var quality = await _app.SignInAsync(QualityEmail);

        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => quality.Complaints.RegisterAsync(ValidForm(), Ct));

        Assert.Equal(0, await _app.Database.CountComplaintsAsync(Ct));
    }

    [Fact]
    public async Task Acknowledge_AsQualityUser_IsDeniedAndChangesNothing()
    {
        // The service re-checks the policy itself (STYLE §3): a hidden button is not the only guard.
        await using var csm = await _app.SignInAsync(CsmOneEmail);
        var id = (await csm.Complaints.RegisterAsync(ValidForm(), Ct)).Id;
        var (before, version) = await _app.Database.LoadComplaintAsync(id, Ct);
        await using var quality = await _app.SignInAsync(QualityEmail);

        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => quality.Complaints.AcknowledgeAsync(id, version,
            new AcknowledgeForm { Method = ContactMethod.Phone, EstimatedResolutionDate = new DateTime(2026, 3, 9) }, Ct));

        var (after, versionAfter) = await _app.Database.LoadComplaintAsync(id, Ct);
        Assert.Equal(version, versionAfter);
        Assert.Equal(ComplaintStatus.Received, after.Status);
        Assert.Null(after.Acknowledgement);
        Assert.Equal(StoredComplaint.Of(before), StoredComplaint.Of(after));
    }

    [Fact]
    public async Task Acknowledge_WithStaleVersion_ThrowsConflictAndKeepsTheFirstEdit()
    {
        // Two CSMs open the same new complaint; the first acknowledges (P-20). The second's acknowledgement, and any
        // other change made from the page it loaded before, must not overwrite the first.
        await using var one = await _app.SignInAsync(CsmOneEmail);
        await using var two = await _app.SignInAsync(CsmTwoEmail);
        var id = (await one.Complaints.RegisterAsync(ValidForm(), Ct)).Id;
        var seenByOne = await one.Complaints.GetCaseAsync(id, Ct);
        var seenByTwo = await two.Complaints.GetCaseAsync(id, Ct);
        Assert.Equal(seenByOne!.Version, seenByTwo!.Version);
        _clock.Advance(TimeSpan.FromMinutes(15));

        await one.Complaints.AcknowledgeAsync(id, seenByOne.Version, new AcknowledgeForm { Method = ContactMethod.Phone, EstimatedResolutionDate = new DateTime(2026, 3, 9) }, Ct);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var conflict = await Assert.ThrowsAsync<ComplaintConflictException>(() => two.Complaints.AcknowledgeAsync(id, seenByTwo.Version,
            new AcknowledgeForm { Method = ContactMethod.Email, EstimatedResolutionDate = new DateTime(2026, 3, 12) }, Ct));
        await Assert.ThrowsAsync<ComplaintConflictException>(() => two.Complaints.StartInvestigationAsync(id, seenByTwo.Version, null, Ct));

        Assert.Contains("Someone else changed this complaint", conflict.Message, StringComparison.Ordinal);
        await AssertAcknowledgedOnlyByAsync(id, one.Actor, seenByOne.Version + 1, new DateOnly(2026, 3, 9));
    }

    [Fact]
    public async Task Acknowledge_WhenAnotherUserCommitsAfterTheVersionCheck_ThrowsConflictAndKeepsTheOtherEdit()
    {
        // The race: both users pass the version check, and the second writer's change commits while the first is saving.
        // The first save's "WHERE Version = expected" then matches no row, and nothing of it (not even its timeline
        // entries) is kept.
        await using var one = await _app.SignInAsync(CsmOneEmail);
        await using var two = await _app.SignInAsync(CsmTwoEmail);
        var id = (await one.Complaints.RegisterAsync(ValidForm(), Ct)).Id;
        var version = (await one.Complaints.GetCaseAsync(id, Ct))!.Version;
        _clock.Advance(TimeSpan.FromMinutes(15));
        _hook.BeforeNextSave(() => two.Complaints.AcknowledgeAsync(id, version,
            new AcknowledgeForm { Method = ContactMethod.Phone, EstimatedResolutionDate = new DateTime(2026, 3, 12) }, Ct));

        var conflict = await Assert.ThrowsAsync<ComplaintConflictException>(() => one.Complaints.AcknowledgeAsync(id, version,
            new AcknowledgeForm { Method = ContactMethod.Email, EstimatedResolutionDate = new DateTime(2026, 3, 9) }, Ct));

        Assert.True(_hook.Fired);
        Assert.Contains("Someone else changed this complaint", conflict.Message, StringComparison.Ordinal);
        await AssertAcknowledgedOnlyByAsync(id, two.Actor, version + 1, new DateOnly(2026, 3, 12));
    }

    [Fact]
    public async Task RecordRootCause_WithTheVersionTheFormWasOpenedOn_AfterAColleagueSaved_IsRefusedNamingTheChange()
    {
        // Issue 14: the second CSM opened "Record root cause" before the first saved one. The second save, sent with
        // the version the form was opened on, is refused with the colleague's change named (who, what, when), and the
        // colleague's root cause stays. Saving deliberately over it with the version the conflict reported works.
        await using var one = await _app.SignInAsync(CsmOneEmail);
        await using var two = await _app.SignInAsync(CsmTwoEmail);
        var id = await InvestigatingComplaintAsync(one);
        var openedOn = (await two.Complaints.GetCaseAsync(id, Ct))!.Version;
        _clock.Advance(TimeSpan.FromMinutes(5));
        await one.Complaints.RecordRootCauseAsync(id, openedOn, new RootCauseForm { Category = RootCauseCategory.Carrier, Description = "Courier left it at the wrong door." }, Ct);
        var colleagueSavedAt = Now;
        _clock.Advance(TimeSpan.FromMinutes(1));
        var mine = new RootCauseForm { Category = RootCauseCategory.WarehouseProcess, Description = "Label printed for the wrong address." };

        var conflict = await Assert.ThrowsAsync<ComplaintConflictException>(() => two.Complaints.RecordRootCauseAsync(id, openedOn, mine, Ct));

        var change = Assert.Single(conflict.Changes);
        Assert.Equal((ComplaintHistoryKinds.RootCauseRecorded, "Saule Omarova (CSM)", colleagueSavedAt), (change.Kind, change.ActorName, change.At));
        Assert.Equal((nameof(RootCauseCategory.Carrier), "Courier left it at the wrong door."), (change.After, change.Details));
        Assert.Equal(openedOn + 1, conflict.CurrentVersion);
        var (kept, _) = await _app.Database.LoadComplaintAsync(id, Ct);
        Assert.Equal((RootCauseCategory.Carrier, "Courier left it at the wrong door.", "Saule Omarova (CSM)"), (kept.RootCause!.Category, kept.RootCause.Description, kept.RootCause.RecordedByName));

        await two.Complaints.RecordRootCauseAsync(id, conflict.CurrentVersion!.Value, mine, Ct);
        var (overwritten, version) = await _app.Database.LoadComplaintAsync(id, Ct);
        Assert.Equal((RootCauseCategory.WarehouseProcess, "Timur Bekov (CSM)", openedOn + 2), (overwritten.RootCause!.Category, overwritten.RootCause.RecordedByName, version));
        Assert.Equal(2, overwritten.History.Count(h => h.Kind == ComplaintHistoryKinds.RootCauseRecorded));
    }

    [Fact]
    public async Task Acknowledge_WhenTheOtherCommitsAfterTheVersionCheck_TheConflictNamesTheirChange()
    {
        // The race path (the UPDATE's version condition, not the early check) names the change as well.
        await using var one = await _app.SignInAsync(CsmOneEmail);
        await using var two = await _app.SignInAsync(CsmTwoEmail);
        var id = (await one.Complaints.RegisterAsync(ValidForm(), Ct)).Id;
        var version = (await one.Complaints.GetCaseAsync(id, Ct))!.Version;
        _hook.BeforeNextSave(() => two.Complaints.AcknowledgeAsync(id, version,
            new AcknowledgeForm { Method = ContactMethod.Phone, EstimatedResolutionDate = new DateTime(2026, 3, 12) }, Ct));

        var conflict = await Assert.ThrowsAsync<ComplaintConflictException>(() => one.Complaints.AcknowledgeAsync(id, version,
            new AcknowledgeForm { Method = ContactMethod.Email, EstimatedResolutionDate = new DateTime(2026, 3, 9) }, Ct));

        Assert.Equal(
            [(ComplaintHistoryKinds.Acknowledged, "Timur Bekov (CSM)"), (ComplaintHistoryKinds.StatusChanged, "Timur Bekov (CSM)")],
            conflict.Changes.Select(c => (c.Kind, c.ActorName)));
        Assert.Equal(version + 1, conflict.CurrentVersion);
    }

    [Fact]
    public async Task P40_Resolve_WithoutTheCustomersAnswer_RefusedUntilNoAnswerIsRecordedAfterTheWaitingPeriodWithANote()
    {
        // P-40 with the default waiting period of 7 days: Resolve is refused while the answer is awaited; "no answer"
        // is refused a second before the 7 days and without a note; at 7 days with a note it is recorded (timeline,
        // offer) and the complaint can be resolved.
        await using var csm = await _app.SignInAsync(CsmOneEmail);
        var id = await InvestigatingComplaintAsync(csm);
        await Step(id, v => csm.Complaints.RecordRootCauseAsync(id, v, new RootCauseForm { Category = RootCauseCategory.Carrier, Description = "Wrong door." }, Ct));
        await Step(id, v => csm.Complaints.ProposeResolutionAsync(id, v, new ResolutionForm { Kind = ResolutionKind.Replacement, Details = "Send a new pair." }, Ct));
        var proposedAt = Now;
        var local = _app.Services.GetRequiredService<BusinessClock>();

        _clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        var resolve = await Assert.ThrowsAsync<ComplaintWorkflowException>(() => Step(id, v => csm.Complaints.ResolveAsync(id, v, new ResolveForm { ImplementedOn = local.LocalNow.Date }, Ct)));
        var early = await Assert.ThrowsAsync<ComplaintWorkflowException>(() => Step(id, v => csm.Complaints.RecordNoAnswerAsync(id, v, new NoAnswerForm { Note = "Called twice." }, Ct)));
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<DomainException>(() => Step(id, v => csm.Complaints.RecordNoAnswerAsync(id, v, new NoAnswerForm { Note = " " }, Ct)));
        var (unchanged, _) = await _app.Database.LoadComplaintAsync(id, Ct);
        await Step(id, v => csm.Complaints.RecordNoAnswerAsync(id, v, new NoAnswerForm { Note = "Called on day 2 and day 6, e-mailed on day 4." }, Ct));
        await Step(id, v => csm.Complaints.ResolveAsync(id, v, new ResolveForm { ImplementedOn = local.LocalNow.Date }, Ct));

        Assert.StartsWith("The customer has not accepted the offer yet.", resolve.Message, StringComparison.Ordinal);
        Assert.StartsWith("The customer has had the offer for less than 7 days.", early.Message, StringComparison.Ordinal);
        Assert.Equal(ComplaintStatus.Resolving, unchanged.Status);
        Assert.Null(unchanged.Resolution!.NoAnswerRecordedAt);
        var (c, _) = await _app.Database.LoadComplaintAsync(id, Ct);
        Assert.Equal(ComplaintStatus.Resolved, c.Status);
        Assert.Equal((proposedAt.AddDays(7), "Called on day 2 and day 6, e-mailed on day 4."), (c.Resolution!.NoAnswerRecordedAt, c.Resolution.CustomerAnswerNote));
        var entry = Assert.Single(c.History, h => h.Kind == ComplaintHistoryKinds.CustomerNoAnswer);
        Assert.Equal((csm.Actor.Id, "7"), (entry.ActorId, entry.After));
    }

    [Fact]
    public async Task P40_RecordNoAnswer_UsesTheWaitingPeriodOfTheSettings()
    {
        await using (var db = _app.Database.CreateContext())
        {
            (await db.Set<PortalSettings>().SingleAsync(Ct)).OfferAnswerDays = 3;
            await db.SaveChangesAsync(Ct);
        }

        await _app.Services.GetRequiredService<SettingsProvider>().ReloadAsync(Ct);
        await using var csm = await _app.SignInAsync(CsmOneEmail);
        var id = await InvestigatingComplaintAsync(csm);
        await Step(id, v => csm.Complaints.RecordRootCauseAsync(id, v, new RootCauseForm { Category = RootCauseCategory.Carrier, Description = "Wrong door." }, Ct));
        await Step(id, v => csm.Complaints.ProposeResolutionAsync(id, v, new ResolutionForm { Kind = ResolutionKind.Replacement, Details = "Send a new pair." }, Ct));

        _clock.Advance(TimeSpan.FromDays(3));
        await Step(id, v => csm.Complaints.RecordNoAnswerAsync(id, v, new NoAnswerForm { Note = "No reply to two calls." }, Ct));

        var (c, _) = await _app.Database.LoadComplaintAsync(id, Ct);
        Assert.Equal("3", Assert.Single(c.History, h => h.Kind == ComplaintHistoryKinds.CustomerNoAnswer).After);
    }

    /// <summary>Runs one change on the stored version.</summary>
    private async Task Step(Guid id, Func<long, Task> change) => await change((await _app.Database.LoadComplaintAsync(id, Ct)).Version);

    private async Task AssertAcknowledgedOnlyByAsync(Guid id, Actor actor, long expectedVersion, DateOnly estimate)
    {
        var (c, version) = await _app.Database.LoadComplaintAsync(id, Ct);
        Assert.Equal(expectedVersion, version);
        Assert.Equal(ComplaintStatus.Acknowledged, c.Status);
        Assert.Equal((actor.Id, actor.Name, estimate), (c.Acknowledgement!.ById, c.Acknowledgement.ByName, c.Acknowledgement.EstimatedResolutionDate));
        var acknowledged = Assert.Single(c.History, h => h.Kind == ComplaintHistoryKinds.Acknowledged);
        Assert.Equal(actor.Id, acknowledged.ActorId);
        Assert.Equal(
            [ComplaintHistoryKinds.Registered, ComplaintHistoryKinds.Acknowledged, ComplaintHistoryKinds.StatusChanged],
            TimelineEntry.Of(c).Select(e => e.Kind));
    }

    /// <summary>
    /// Advances the clock, runs one change with the stored version, and checks the reload: the status, the version one
    /// higher, and exactly the expected new timeline entries, each by the signed-in user at the current time.
    /// Returns the time of the step.
    /// </summary>
    private async Task<DateTime> StepAsync(Guid id, ComplaintStatus expectedStatus,
        (string Kind, string? Before, string? After)[] expectedEntries, Func<long, Task> change)
    {
        var (before, version) = await _app.Database.LoadComplaintAsync(id, Ct);
        _clock.Advance(TimeSpan.FromHours(3));

        await change(version);

        var (after, newVersion) = await _app.Database.LoadComplaintAsync(id, Ct);
        Assert.Equal(expectedStatus, after.Status);
        Assert.Equal(version + 1, newVersion);
        var added = TimelineEntry.Of(after).Skip(before.History.Count).ToList();
        Assert.Equal(expectedEntries, added.Select(e => (e.Kind, e.Before, e.After)));
        var registrar = TimelineEntry.Of(after)[0];
        Assert.All(added, e => Assert.Equal((Now, registrar.ActorId, registrar.ActorName), (e.At, e.ActorId, e.ActorName)));
        return Now;
    }

    private async Task<Guid> InvestigatingComplaintAsync(StaffScope csm)
    {
        var id = (await csm.Complaints.RegisterAsync(ValidForm(), Ct)).Id;
        var version = (await _app.Database.LoadComplaintAsync(id, Ct)).Version;
        await csm.Complaints.AcknowledgeAsync(id, version, new AcknowledgeForm { Method = ContactMethod.Phone, EstimatedResolutionDate = new DateTime(2026, 3, 9) }, Ct);
        await csm.Complaints.StartInvestigationAsync(id, version + 1, null, Ct);
        return id;
    }

    /// <summary>A phone complaint received an hour ago (10:00 on 2 March 2026 in Almaty).</summary>
    private static RegisterComplaintForm ValidForm() => new()
    {
        Channel = ComplaintChannel.Phone,
        ReceivedOn = new DateTime(2026, 3, 2),
        ReceivedTime = new TimeSpan(10, 0, 0),
        CustomerName = "Timur Akhmetov",
        Email = "timur.a@example.kz",
        Phone = "+7 777 123 45 67",
        PreferredContact = ContactMethod.Phone,
        OrderNumber = "ZW-884377",
        Product = "Trail running shoes",
        Subject = "Parcel not delivered",
        Description = "Tracking says delivered, nothing arrived.",
        CategoryCode = "delivery",
        Severity = ComplaintSeverity.Normal,
        PreferredResolution = PreferredResolution.Refund,
    };
}
