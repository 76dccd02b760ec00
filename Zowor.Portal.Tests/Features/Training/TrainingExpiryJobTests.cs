using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Training;
using Zowor.Portal.Features.Notifications;
using Zowor.Portal.Features.Training;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Training;

/// <summary>
/// P-80, the daily flags: training expiring within 30 days, expired, or never taken is flagged once per expiry date;
/// the employee hears about their own, the training managers get one summary per run. Time is a FakeTimeProvider.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class TrainingExpiryJobTests : IAsyncLifetime
{
    // 10 March 2026, 06:00 in Almaty.
    private static readonly DateTime Start = new(2026, 3, 10, 1, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 3, 10);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Start));
    private readonly PortalAppFactory _app;
    private PortalUser _agent = default!;
    private PortalUser _csm = default!;
    private PortalUser _ceo = default!;
    private int _procedureId;

    public TrainingExpiryJobTests()
    {
        _app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false, Clock = _clock });
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        _agent = await _app.CreateStaffUserAsync("aigerim.agent@zowor.test", "Aigerim Agent", PortalRoles.Agent);
        _csm = await _app.CreateStaffUserAsync("saule.csm@zowor.test", "Saule Omarova", PortalRoles.Csm);
        _ceo = await _app.CreateStaffUserAsync("allen.ceo@zowor.test", "Allen Zhou", PortalRoles.Ceo);

        await using var db = _app.Database.CreateContext();
        var procedure = TrainingCourse.Create("Complaint handling procedure", null, 12, mandatory: true);
        var optional = TrainingCourse.Create("Customer data and GDPR", null, 12, mandatory: false);
        db.TrainingCourses.AddRange(procedure, optional);
        await db.SaveChangesAsync(Ct);
        _procedureId = procedure.Id;
        var admin = new Actor("admin", "Admin");
        // Agent: expires in 20 days. CSM: valid for months. CEO: never took it. Nobody took the optional course.
        db.TrainingSessions.Add(TrainingSession.Record(procedure, Today.AddMonths(-12).AddDays(20), "Dana", null, [new Actor(_agent.Id, "Aigerim Agent")], Today, admin, Start));
        db.TrainingSessions.Add(TrainingSession.Record(procedure, Today.AddMonths(-2), "Dana", null, [new Actor(_csm.Id, "Saule Omarova")], Today, admin, Start));
        await db.SaveChangesAsync(Ct);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task RunAsync_FlagsExpiringAndMissingMandatoryTraining_AndNotifiesEmployeesAndManagers()
    {
        var result = await RunAsync();

        Assert.Equal(2, result.Flagged);
        // User ids are random GUIDs: compare both sides in one order.
        Assert.Equal(
            new[] { (_agent.Id, TrainingStatus.ExpiringSoon, Today.AddDays(20)), (_ceo.Id, TrainingStatus.Missing, TrainingAlert.NeverCompleted) }.Order(),
            (await AlertsAsync()).Select(a => (a.UserId, a.Status, a.DueOn)).Order());
        var notifications = await NotificationsAsync();
        Assert.Contains((_agent.Id, NotificationKinds.TrainingExpiring, "Complaint handling procedure"), notifications);
        Assert.Contains((_ceo.Id, NotificationKinds.TrainingOverdue, "Complaint handling procedure"), notifications);
        // The CSM manages training: one summary of the two new flags.
        Assert.Contains((_csm.Id, NotificationKinds.TeamTrainingFlagged, "2"), notifications);
        Assert.Equal(3, notifications.Count);
    }

    [Fact]
    public async Task RunAsync_Twice_FlagsAndNotifiesOnce()
    {
        await RunAsync();
        _clock.Advance(TimeSpan.FromHours(2));

        var second = await RunAsync();

        Assert.Equal(new TrainingExpiryResult(0, 0), second);
        Assert.Equal(2, (await AlertsAsync()).Count);
        Assert.Equal(3, (await NotificationsAsync()).Count);
    }

    [Fact]
    public async Task RunAsync_WhenExpiringTrainingLapses_FlagsItAgainAsOverdue()
    {
        await RunAsync();
        _clock.Advance(TimeSpan.FromDays(21));

        var result = await RunAsync();

        Assert.Equal(1, result.Flagged);
        Assert.Contains((_agent.Id, TrainingStatus.Expired, Today.AddDays(20)), (await AlertsAsync()).Select(a => (a.UserId, a.Status, a.DueOn)));
        Assert.Contains((_agent.Id, NotificationKinds.TrainingOverdue, "Complaint handling procedure"), await NotificationsAsync());
    }

    [Fact]
    public async Task RunAsync_AfterRetraining_RaisesNothingNew()
    {
        await using (var db = _app.Database.CreateContext())
        {
            var course = await db.TrainingCourses.SingleAsync(c => c.Id == _procedureId, Ct);
            db.TrainingSessions.Add(TrainingSession.Record(course, Today, "Dana", null,
                [new Actor(_agent.Id, "Aigerim Agent"), new Actor(_ceo.Id, "Allen Zhou")], Today, new Actor("admin", "Admin"), Start));
            await db.SaveChangesAsync(Ct);
        }

        var result = await RunAsync();

        Assert.Equal(new TrainingExpiryResult(0, 0), result);
    }

    private async Task<TrainingExpiryResult> RunAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TrainingExpiryJob>().RunAsync(Ct);
    }

    private async Task<List<TrainingAlert>> AlertsAsync()
    {
        await using var db = _app.Database.CreateContext();
        return await db.Set<TrainingAlert>().AsNoTracking().ToListAsync(Ct);
    }

    private async Task<List<(string UserId, string Kind, string? Detail)>> NotificationsAsync()
    {
        await using var db = _app.Database.CreateContext();
        return (await db.Set<UserNotification>().AsNoTracking().Select(n => new { n.UserId, n.Kind, n.Detail }).ToListAsync(Ct))
            .Select(n => (n.UserId, n.Kind, n.Detail)).ToList();
    }
}
