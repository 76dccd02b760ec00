using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Features.Capa;
using Zowor.Portal.Features.Memos;
using Zowor.Portal.Features.Training;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Capa;

/// <summary>
/// Issue 19 through <see cref="CapaService"/> on a real SQLite file: memo and training actions finish on the evidence in
/// the memo and training records (P-80, P-81, P-62), and closing needs a second person's password-checked signature.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class CapaTeachingAndApprovalTests : IAsyncLifetime
{
    private const string QualityEmail = "marat.quality@zowor.test";
    private const string CsmEmail = "saule.csm@zowor.test";
    private const string AgentEmail = "aigerim.agent@zowor.test";
    private const string CcoEmail = "timur.cco@zowor.test";
    private const string AdminEmail = "dana.admin@zowor.test";
    private const string CcoPassword = "Approve-closure-2026!";
    private readonly PortalAppFactory _app = new(new PortalAppOptions { SeedDemoData = false });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The portal's "today" is the business time zone's (Asia/Almaty, UTC+5): from 19:00 UTC the UTC date is yesterday
    // there, a memo "effective" on it is in the past and a session "held" on it precedes the action.
    private DateTime BusinessToday => _app.Services.GetRequiredService<BusinessClock>().Today.ToDateTime(TimeOnly.MinValue);

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await _app.CreateStaffUserAsync(QualityEmail, "Marat Quality", PortalRoles.Quality);
        await _app.CreateStaffUserAsync(CsmEmail, "Saule Csm", PortalRoles.Csm);
        await _app.CreateStaffUserAsync(AgentEmail, "Aigerim Agent", PortalRoles.Agent);
        await _app.CreateStaffUserAsync(AdminEmail, "Dana Admin", PortalRoles.Admin);
        var cco = await _app.CreateStaffUserAsync(CcoEmail, "Timur Cco", PortalRoles.Cco);
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.True((await users.AddPasswordAsync((await users.FindByIdAsync(cco.Id))!, CcoPassword)).Succeeded);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task TrainingAction_CompletesWhenTheRequiredStaffCompletedTheCourse_NotByHand_P80()
    {
        await using var quality = await _app.SignInAsync(QualityEmail);
        var capas = quality.Services.GetRequiredService<CapaService>();
        var id = await PlannedCapaAsync(capas);
        var courseId = await CourseAsync();

        await capas.AddTrainingActionAsync(id, new CapaTrainingActionForm { CourseId = courseId, RequiredRoles = [PortalRoles.Csm], OwnerId = quality.Actor.Id, DueOn = DateTime.UtcNow.AddDays(10) }, Ct);
        var before = (await capas.GetAsync(id, Ct))!;
        var action = before.Capa.Actions.Single(a => a.Kind == CapaActionKind.Training);
        Assert.Equal(CapaActionStatus.Open, action.Status);
        var evidence = before.Teaching[action.Number];
        Assert.Equal((0, 1), (evidence.Done, evidence.Required));
        Assert.Equal("Saule Csm", Assert.Single(evidence.People).Name);

        await Assert.ThrowsAsync<CapaWorkflowException>(() => capas.FinishActionAsync(id, action.Number, CapaActionStatus.Done, Ct));
        Assert.Equal(CapaActionStatus.Open, (await capas.GetAsync(id, Ct))!.Capa.Actions.Single(a => a.Number == action.Number).Status);

        await using (var csm = await _app.SignInAsync(CsmEmail))
        {
            await csm.Services.GetRequiredService<TrainingService>().RecordSessionAsync(
                new TrainingSessionForm { CourseId = courseId, HeldOn = BusinessToday, Trainer = "Marat Quality", AttendeeIds = [csm.Actor.Id] }, Ct);
        }

        // Reading the CAPA re-evaluates the evidence: the action is done, by the portal, with the names shown.
        var after = (await capas.GetAsync(id, Ct))!;
        var done = after.Capa.Actions.Single(a => a.Number == action.Number);
        Assert.Equal(CapaActionStatus.Done, done.Status);
        Assert.Equal((1, 1), (after.Teaching[action.Number].Done, after.Teaching[action.Number].Required));
        var entry = after.Capa.History.OrderBy(h => h.Sequence).Last();
        Assert.Equal(("Action done on evidence", Actor.SystemId), (entry.What, entry.ActorId));

        async Task<int> CourseAsync()
        {
            await using var admin = await _app.SignInAsync(AdminEmail);
            return await admin.Services.GetRequiredService<TrainingService>().AddCourseAsync(new TrainingCourseForm { Name = "Handling fragile goods", ValidityMonths = 12, IsMandatory = false }, Ct);
        }
    }

    [Fact]
    public async Task MemoAction_PublishedFromTheCapa_CompletesInTheAcknowledgementsCommit_TheScanHasNothingLeft_P81()
    {
        await using var quality = await _app.SignInAsync(QualityEmail);
        var capas = quality.Services.GetRequiredService<CapaService>();
        var id = await PlannedCapaAsync(capas);

        await capas.AddMemoActionAsync(id, new CapaMemoActionForm
        {
            Title = "Check the seal before shipping", Body = "From today, check every kettle's seal.", AudienceRoles = [PortalRoles.Agent],
            EffectiveOn = BusinessToday, OwnerId = quality.Actor.Id, DueOn = DateTime.UtcNow.AddDays(10),
        }, Ct);
        var action = (await capas.GetAsync(id, Ct))!.Capa.Actions.Single(a => a.Kind == CapaActionKind.Memo);
        await using var jobScope = _app.Services.CreateAsyncScope();
        var scan = jobScope.ServiceProvider.GetRequiredService<CapaScanJob>();
        Assert.Equal(0, await scan.CompleteTeachingActionsAsync(Ct));

        await using (var agent = await _app.SignInAsync(AgentEmail))
        {
            var memos = agent.Services.GetRequiredService<MemoService>();
            Assert.Contains(await memos.ListMineAsync(Ct), m => m.Id == action.MemoId && m.IsForMe);
            await memos.AcknowledgeAsync(action.MemoId!.Value, Ct);
        }

        // The acknowledgement's own commit finished the action: the scan, the safety net, finds nothing to do.
        Assert.Equal(0, await scan.CompleteTeachingActionsAsync(Ct));
        var view = (await capas.GetAsync(id, Ct))!;
        Assert.Equal(CapaActionStatus.Done, view.Capa.Actions.Single(a => a.Number == action.Number).Status);
        Assert.Equal("Aigerim Agent", Assert.Single(view.Teaching[action.Number].People, p => p.DoneAt is not null).Name);
    }

    [Fact]
    public async Task MemoAction_CompletesWhenTheLastOfTheAudienceAcknowledges_WithoutAnyReadOfTheCapa_P81_P62()
    {
        await _app.CreateStaffUserAsync("bota.agent@zowor.test", "Bota Agent", PortalRoles.Agent);
        await using var quality = await _app.SignInAsync(QualityEmail);
        var capas = quality.Services.GetRequiredService<CapaService>();
        var id = await PlannedCapaAsync(capas);
        await capas.AddMemoActionAsync(id, new CapaMemoActionForm
        {
            Title = "Photograph the seal", Body = "Attach a photo of the seal to every leak complaint.", AudienceRoles = [PortalRoles.Agent],
            EffectiveOn = BusinessToday, OwnerId = quality.Actor.Id, DueOn = DateTime.UtcNow.AddDays(10),
        }, Ct);
        var memoId = (await StoredCapaAsync(id)).Actions.Single(a => a.Kind == CapaActionKind.Memo).MemoId!.Value;

        await using (var first = await _app.SignInAsync(AgentEmail))
        {
            await first.Services.GetRequiredService<MemoService>().AcknowledgeAsync(memoId, Ct);
        }

        // One of two agents: still open (read straight from the database, not through CapaService, which would settle it).
        Assert.Equal(CapaActionStatus.Open, (await StoredCapaAsync(id)).Actions.Single(a => a.Kind == CapaActionKind.Memo).Status);

        await using (var last = await _app.SignInAsync("bota.agent@zowor.test"))
        {
            await last.Services.GetRequiredService<MemoService>().AcknowledgeAsync(memoId, Ct);
        }

        var capa = await StoredCapaAsync(id);
        var action = capa.Actions.Single(a => a.Kind == CapaActionKind.Memo);
        Assert.Equal(CapaActionStatus.Done, action.Status);
        var entry = capa.History.OrderBy(h => h.Sequence).Last();
        Assert.Equal(("Action done on evidence", Actor.SystemId), (entry.What, entry.ActorId));
    }

    [Fact]
    public async Task TrainingAction_CompletesInTheSameCommitAsTheLastRequiredCompletion_WithoutAnyReadOfTheCapa_P80_P62()
    {
        await using var quality = await _app.SignInAsync(QualityEmail);
        var capas = quality.Services.GetRequiredService<CapaService>();
        var id = await PlannedCapaAsync(capas);
        int courseId;
        await using (var admin = await _app.SignInAsync(AdminEmail))
        {
            courseId = await admin.Services.GetRequiredService<TrainingService>().AddCourseAsync(new TrainingCourseForm { Name = "Seal inspection", ValidityMonths = 12 }, Ct);
        }

        await capas.AddTrainingActionAsync(id, new CapaTrainingActionForm { CourseId = courseId, RequiredRoles = [PortalRoles.Csm], OwnerId = quality.Actor.Id, DueOn = DateTime.UtcNow.AddDays(10) }, Ct);
        var number = (await StoredCapaAsync(id)).Actions.Single(a => a.Kind == CapaActionKind.Training).Number;

        await using (var csm = await _app.SignInAsync(CsmEmail))
        {
            // Someone outside the required roles first: the action waits for the CSM.
            var agentId = (await csm.Services.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(AgentEmail))!.Id;
            var training = csm.Services.GetRequiredService<TrainingService>();
            await training.RecordSessionAsync(new TrainingSessionForm { CourseId = courseId, HeldOn = BusinessToday, Trainer = "Marat Quality", AttendeeIds = [agentId] }, Ct);
            Assert.Equal(CapaActionStatus.Open, (await StoredCapaAsync(id)).Actions.Single(a => a.Number == number).Status);

            await training.RecordSessionAsync(new TrainingSessionForm { CourseId = courseId, HeldOn = BusinessToday, Trainer = "Marat Quality", AttendeeIds = [csm.Actor.Id] }, Ct);
        }

        var capa = await StoredCapaAsync(id);
        Assert.Equal(CapaActionStatus.Done, capa.Actions.Single(a => a.Number == number).Status);
        Assert.Contains(capa.History, h => h.What == "Action done on evidence" && h.ActorId == Actor.SystemId);
        await using var jobScope = _app.Services.CreateAsyncScope();
        Assert.Equal(0, await jobScope.ServiceProvider.GetRequiredService<CapaScanJob>().CompleteTeachingActionsAsync(Ct));
    }

    /// <summary>The CAPA as stored, read without CapaService (whose read settles teaching actions itself).</summary>
    private async Task<CapaRecord> StoredCapaAsync(Guid id)
    {
        await using var db = await _app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Zowor.Portal.Data.PortalDbContext>>().CreateDbContextAsync(Ct);
        return await db.Capas.AsNoTracking().AsSplitQuery().SingleAsync(c => c.Id == id, Ct);
    }

    [Fact]
    public async Task ApproveClosure_WrongPasswordChangesNothing_RightPasswordClosesWithTheSignature_P62()
    {
        Guid id;
        await using (var quality = await _app.SignInAsync(QualityEmail))
        {
            id = await FoundEffectiveCapaAsync(quality.Services.GetRequiredService<CapaService>());

            // The owner (who opened it) cannot approve, even as Quality.
            await Assert.ThrowsAsync<DomainException>(() => quality.Services.GetRequiredService<CapaService>().ApproveClosureAsync(id, new CapaClosureApprovalForm { Password = "whatever-it-is" }, Ct));
        }

        await using var cco = await _app.SignInAsync(CcoEmail);
        var capas = cco.Services.GetRequiredService<CapaService>();
        var before = (await capas.GetAsync(id, Ct))!.Capa;

        var refusal = await Assert.ThrowsAsync<DomainException>(() => capas.ApproveClosureAsync(id, new CapaClosureApprovalForm { Password = "Not-my-password-1!" }, Ct));
        Assert.Equal("The password is not correct. The CAPA was not closed.", refusal.Message);
        var unchanged = (await capas.GetAsync(id, Ct))!.Capa;
        Assert.Equal(CapaStatus.EffectivenessCheck, unchanged.Status);
        Assert.Null(unchanged.ClosureApproval);
        Assert.Equal(before.History.Count, unchanged.History.Count);

        await capas.ApproveClosureAsync(id, new CapaClosureApprovalForm { Password = CcoPassword }, Ct);

        var closed = (await capas.GetAsync(id, Ct))!.Capa;
        Assert.Equal(CapaStatus.Closed, closed.Status);
        var signature = Assert.IsType<CapaSignature>(closed.ClosureApproval);
        Assert.Equal((cco.Actor.Id, "Timur Cco", PortalRoles.Cco, CapaSignature.ApprovedClosure), (signature.SignerId, signature.SignerName, signature.SignerRole, signature.Meaning));
        Assert.Equal(closed.ClosedAt, signature.At);
        Assert.Contains(closed.History, h => h.What == "Closure approved" && h.ActorId == cco.Actor.Id);
    }

    [Fact]
    public async Task MoveAsync_CloseWithoutTheApproval_IsRefused()
    {
        await using var quality = await _app.SignInAsync(QualityEmail);
        var capas = quality.Services.GetRequiredService<CapaService>();
        var id = await FoundEffectiveCapaAsync(capas);

        await Assert.ThrowsAsync<CapaWorkflowException>(() => capas.MoveAsync(id, CapaStep.Close, Ct));

        Assert.Equal(CapaStatus.EffectivenessCheck, (await capas.GetAsync(id, Ct))!.Capa.Status);
    }

    [Fact]
    public async Task LinkAndUnlink_AComplaint_AreOnTheCapasHistoryAndTheComplaintsTimeline_P62()
    {
        var complaint = new CapaTestData().Complaint("SteelBoil 1.7 L kettle", "product-defect", DateTime.UtcNow.AddDays(-3));
        await using (var db = await _app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Zowor.Portal.Data.PortalDbContext>>().CreateDbContextAsync(Ct))
        {
            db.Complaints.Add(complaint);
            await db.SaveChangesAsync(Ct);
        }

        await using var quality = await _app.SignInAsync(QualityEmail);
        var capas = quality.Services.GetRequiredService<CapaService>();
        var id = await capas.CreateAsync(new CapaDetailsForm { Title = "Audit: seals", Source = CapaSource.Audit, ProblemStatement = "Seal checks skipped.", Severity = 2, Likelihood = 2 }, Ct);

        await capas.LinkComplaintAsync(id, complaint.Id, "Same seal defect.", Ct);
        await Assert.ThrowsAsync<DomainException>(() => capas.LinkComplaintAsync(id, complaint.Id, null, Ct));
        Assert.Equal(complaint.Id, Assert.Single((await capas.GetAsync(id, Ct))!.Capa.Complaints).ComplaintId);
        Assert.Contains(await capas.ListForComplaintAsync(complaint.Id, Ct), c => c.Id == id);

        await Assert.ThrowsAsync<DomainException>(() => capas.UnlinkComplaintAsync(id, complaint.Id, "", Ct));
        await capas.UnlinkComplaintAsync(id, complaint.Id, "A different product after all.", Ct);

        var capa = (await capas.GetAsync(id, Ct))!.Capa;
        Assert.Empty(capa.Complaints);
        Assert.Equal(["Opened", "Complaint linked", "Complaint unlinked"], capa.History.OrderBy(h => h.Sequence).Select(h => h.What));
        var (timeline, _) = await _app.Database.LoadComplaintAsync(complaint.Id, Ct);
        Assert.Equal(1, timeline.History.Count(h => h.Kind == Zowor.Portal.Domain.Complaints.ComplaintHistoryKinds.CapaLinked));
        Assert.Equal("A different product after all.", Assert.Single(timeline.History, h => h.Kind == Zowor.Portal.Domain.Complaints.ComplaintHistoryKinds.CapaUnlinked).Details);
    }

    /// <summary>A CAPA in the action plan, opened by Quality.</summary>
    private static async Task<Guid> PlannedCapaAsync(CapaService capas)
    {
        var id = await capas.CreateAsync(new CapaDetailsForm { Title = "Kettles leak", ProblemStatement = "Leaks at the base.", Severity = 3, Likelihood = 3 }, Ct);
        var analysis = new RootCauseAnalysisForm();
        analysis.Whys[0] = "The seal is too thin.";
        await capas.RecordRootCauseAnalysisAsync(id, analysis, Ct);
        await capas.MoveAsync(id, CapaStep.StartInvestigation, Ct);
        await capas.MoveAsync(id, CapaStep.PlanActions, Ct);
        return id;
    }

    /// <summary>A CAPA found effective and waiting for its closure approval.</summary>
    private static async Task<Guid> FoundEffectiveCapaAsync(CapaService capas)
    {
        var id = await PlannedCapaAsync(capas);
        var me = (await capas.ListOwnersAsync(Ct))[0];
        await capas.AddActionAsync(id, new CapaActionForm { Description = "Change the seal", OwnerId = me.Id, DueOn = DateTime.UtcNow.AddDays(10) }, Ct);
        await capas.SetEffectivenessCheckAsync(id, new EffectivenessCheckForm { Criterion = "Fewer leaks", WindowDays = 30 }, Ct);
        await capas.MoveAsync(id, CapaStep.StartImplementation, Ct);
        await capas.FinishActionAsync(id, 1, CapaActionStatus.Done, Ct);
        await capas.MoveAsync(id, CapaStep.StartEffectivenessCheck, Ct);
        await capas.RecordDecisionAsync(id, new EffectivenessDecisionForm { Effective = true }, Ct);
        return id;
    }
}
