using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Escalation;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Escalation;

/// <summary>
/// P-72, P-73 on the server: the CEO records a decision on a level-3 complaint; the CCO reads the CEO review page but
/// cannot decide; others cannot even read it. StaffScope signs in without the password and two-factor steps, so the
/// CEO's authenticator is not needed here (the access matrix covers the sign-in path).
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class CeoReviewServiceTests : IAsyncLifetime
{
    private const string CeoEmail = "daniyar.ceo@zowor.test";
    private const string CcoEmail = "aliya.cco@zowor.test";
    private const string CsmEmail = "saule.csm@zowor.test";
    private const string QualityEmail = "marat.quality@zowor.test";

    private readonly PortalAppFactory _app = new(new PortalAppOptions { SeedDemoData = false });
    private Guid _level3;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await _app.CreateStaffUserAsync(CeoEmail, "Daniyar CEO", PortalRoles.Ceo);
        await _app.CreateStaffUserAsync(CcoEmail, "Aliya CCO", PortalRoles.Cco);
        await _app.CreateStaffUserAsync(CsmEmail, "Saule CSM", PortalRoles.Csm);
        await _app.CreateStaffUserAsync(QualityEmail, "Marat Quality", PortalRoles.Quality);
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        complaint.RequestCeoReview("I want the CEO to look at this.", builder.Advance());
        complaint.ClearDomainEvents();
        await using var db = _app.Database.CreateContext();
        db.Complaints.Add(complaint);
        await db.SaveChangesAsync(Ct);
        _level3 = complaint.Id;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task RecordDecision_AsCeo_GoesOnTheTimelineAndShowsOnThePage()
    {
        await using var ceo = await _app.SignInAsync(CeoEmail);
        var service = ceo.Services.GetRequiredService<CeoReviewService>();
        var before = Assert.Single(await service.GetLevel3Async(Ct));

        await service.RecordDecisionAsync(_level3, before.Version, new CeoDecisionForm { Outcome = CeoDecisionOutcome.RefundInFull, Decision = "Refund the full price today." }, Ct);

        var (stored, _) = await _app.Database.LoadComplaintAsync(_level3, Ct);
        var entry = stored.History[^1];
        Assert.Equal((ComplaintHistoryKinds.CeoDecision, "RefundInFull", "Refund the full price today.", "Daniyar CEO"), (entry.Kind, entry.After, entry.Details, entry.ActorName));
        var after = Assert.Single(await service.GetLevel3Async(Ct));
        var decision = Assert.Single(after.Decisions);
        Assert.Equal((CeoDecisionOutcome.RefundInFull, "Refund the full price today."), (decision.Outcome, decision.Decision));
        Assert.True(await service.CanDecideAsync());
    }

    [Theory]
    [InlineData(CcoEmail)]
    [InlineData(CsmEmail)]
    [InlineData(QualityEmail)]
    public async Task RecordDecision_AsAnyoneButTheCeo_IsRefusedAndRecordsNothing(string email)
    {
        // P-72: the decision at level 3 is the CEO's alone.
        var (_, version) = await _app.Database.LoadComplaintAsync(_level3, Ct);
        await using var user = await _app.SignInAsync(email);
        var service = user.Services.GetRequiredService<CeoReviewService>();

        await Assert.ThrowsAsync<PortalAccessDeniedException>(() =>
            service.RecordDecisionAsync(_level3, version, new CeoDecisionForm { Outcome = CeoDecisionOutcome.UpholdOffer, Decision = "Uphold." }, Ct));

        var (stored, _) = await _app.Database.LoadComplaintAsync(_level3, Ct);
        Assert.DoesNotContain(stored.History, h => h.Kind == ComplaintHistoryKinds.CeoDecision);
        Assert.False(await service.CanDecideAsync());
    }

    [Fact]
    public async Task GetLevel3_AsCco_Reads_AsCsmOrQuality_IsRefused()
    {
        await using var cco = await _app.SignInAsync(CcoEmail);
        await using var csm = await _app.SignInAsync(CsmEmail);
        await using var quality = await _app.SignInAsync(QualityEmail);

        var cases = await cco.Services.GetRequiredService<CeoReviewService>().GetLevel3Async(Ct);

        var only = Assert.Single(cases);
        Assert.Equal("I want the CEO to look at this.", Assert.Single(only.Escalations).Reason);
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => csm.Services.GetRequiredService<CeoReviewService>().GetLevel3Async(Ct));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => quality.Services.GetRequiredService<CeoReviewService>().GetMonthAsync(Ct));
    }

    [Fact]
    public async Task RecordDecision_WithAStaleVersion_IsAConflict()
    {
        await using var ceo = await _app.SignInAsync(CeoEmail);
        var service = ceo.Services.GetRequiredService<CeoReviewService>();
        var (_, version) = await _app.Database.LoadComplaintAsync(_level3, Ct);
        await service.RecordDecisionAsync(_level3, version, new CeoDecisionForm { Outcome = CeoDecisionOutcome.ImproveOffer, Decision = "First." }, Ct);

        await Assert.ThrowsAsync<ComplaintConflictException>(() =>
            service.RecordDecisionAsync(_level3, version, new CeoDecisionForm { Outcome = CeoDecisionOutcome.Other, Decision = "Second." }, Ct));
        await Assert.ThrowsAsync<DomainException>(() =>
            service.RecordDecisionAsync(_level3, version + 1, new CeoDecisionForm { Decision = "No outcome." }, Ct));
    }
}
