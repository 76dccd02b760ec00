using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Memos;
using Zowor.Portal.Domain.Training;
using Zowor.Portal.Features.Training;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Training;

/// <summary>
/// The P-80/P-81 rates the review packs (and later the trends dashboard) show: acknowledgement of a period's memos by
/// their audience, and the share of required trainings that are current on a day.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class ComplianceQueriesTests : IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 3, 10, 1, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 3, 10);
    private readonly PortalAppFactory _app = new(new PortalAppOptions { SeedDemoData = false, Clock = new FakeTimeProvider(new DateTimeOffset(Start)) });
    private PortalUser _agent = default!;
    private PortalUser _csm = default!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        _agent = await _app.CreateStaffUserAsync("aigerim.agent@zowor.test", "Aigerim Agent", PortalRoles.Agent);
        _csm = await _app.CreateStaffUserAsync("saule.csm@zowor.test", "Saule Omarova", PortalRoles.Csm);
        await _app.CreateStaffUserAsync("marat.quality@zowor.test", "Marat Quality", PortalRoles.Quality);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task MemoAcknowledgement_CountsThePeriodsMemosAgainstTheirAudience()
    {
        var quality = new Actor("quality", "Marat Quality");
        await using (var db = _app.Database.CreateContext())
        {
            // For the agent and the CSM, acknowledged by the CSM: 1 of 2. For the CSM only, acknowledged: 1 of 1.
            var both = Memo.Publish("Script", "Text", [PortalRoles.Agent, PortalRoles.Csm], Today, PortalRoles.All.ToList(), Today, quality, Start);
            both.Acknowledge(new Actor(_csm.Id, "Saule"), [PortalRoles.Csm], Start.AddHours(1));
            var csmOnly = Memo.Publish("Refunds", "Text", [PortalRoles.Csm], Today, PortalRoles.All.ToList(), Today, quality, Start.AddHours(2));
            csmOnly.Acknowledge(new Actor(_csm.Id, "Saule"), [PortalRoles.Csm], Start.AddHours(3));
            // Published before the period: not counted.
            var older = Memo.Publish("Old", "Text", [PortalRoles.Agent], Today.AddDays(-40), PortalRoles.All.ToList(), Today.AddDays(-40), quality, Start.AddDays(-40));
            db.Memos.AddRange(both, csmOnly, older);
            await db.SaveChangesAsync(Ct);
        }

        var figures = await Queries().MemoAcknowledgementAsync(Start.AddDays(-1), Start.AddDays(1), Ct);

        Assert.Equal(new MemoAcknowledgementFigures(2, 3, 2), figures);
        Assert.Equal(2.0 / 3, figures.Rate);
    }

    [Fact]
    public async Task TrainingCompliance_CountsRequiredCoursesOfEveryStaffMember()
    {
        await using (var db = _app.Database.CreateContext())
        {
            var procedure = TrainingCourse.Create("Complaint handling procedure", null, 12, mandatory: true);
            var optional = TrainingCourse.Create("GDPR", null, 12, mandatory: false);
            db.TrainingCourses.AddRange(procedure, optional);
            await db.SaveChangesAsync(Ct);
            var admin = new Actor("admin", "Admin");
            // Agent: expiring in 10 days (current). CSM: expired. Quality: never. Optional course ignored.
            db.TrainingSessions.Add(TrainingSession.Record(procedure, Today.AddMonths(-12).AddDays(10), "Dana", null, [new Actor(_agent.Id, "Aigerim")], Today, admin, Start));
            db.TrainingSessions.Add(TrainingSession.Record(procedure, Today.AddMonths(-13), "Dana", null, [new Actor(_csm.Id, "Saule")], Today, admin, Start));
            db.TrainingSessions.Add(TrainingSession.Record(optional, Today, "Legal", null, [new Actor(_csm.Id, "Saule")], Today, admin, Start));
            await db.SaveChangesAsync(Ct);
        }

        var figures = await Queries().TrainingComplianceAsync(Today, Ct);

        Assert.Equal(new TrainingComplianceFigures(Required: 3, Current: 1, ExpiringSoon: 1, Overdue: 2), figures);
        Assert.Equal(1.0 / 3, figures.Rate);
        // A month earlier the agent's training was plainly valid and the CSM's still current.
        Assert.Equal(new TrainingComplianceFigures(3, 2, 1, 1), await Queries().TrainingComplianceAsync(Today.AddMonths(-1).AddDays(-5), Ct));
    }

    private ComplianceQueries Queries() => _app.Services.CreateScope().ServiceProvider.GetRequiredService<ComplianceQueries>();
}
