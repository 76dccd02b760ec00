using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Capa;
using Zowor.Portal.Features.Notifications;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Capa;

/// <summary>
/// P-60, P-61, P-62 on a real SQLite file: the effectiveness counts equal hand-computed values and are counted by the
/// database; the recurring-issue scan raises one alert at the threshold, none below it, once per window; overdue actions
/// are flagged once. Time is a FakeTimeProvider.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class RecurrenceQueriesTests : IAsyncLifetime
{
    private const string Kettle = "SteelBoil 1.7 L kettle";
    private static readonly DateTime Now = new(2026, 6, 1, 4, 0, 0, DateTimeKind.Utc);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Now));
    private readonly PortalAppFactory _app;
    private readonly CapaTestData _data = new();
    private PortalUser _quality = default!;
    private PortalUser _csm = default!;

    public RecurrenceQueriesTests()
    {
        _app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false, Clock = _clock });
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        _quality = await _app.CreateStaffUserAsync("marat.quality@zowor.test", "Marat Quality", PortalRoles.Quality);
        _csm = await _app.CreateStaffUserAsync("saule.csm@zowor.test", "Saule Omarova", PortalRoles.Csm);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task EffectivenessCounts_OnSeededComplaints_EqualHandComputedValues()
    {
        // P-61. Split on 1 May, 30-day window: [1 Apr, 1 May) before, [1 May, 31 May) after.
        var split = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        await SaveAsync(
            _data.Complaint(Kettle, "product-defect", split.AddDays(-40)),          // before the window
            _data.Complaint(Kettle, "product-defect", split.AddDays(-30)),          // before: first moment of the window
            _data.Complaint(Kettle, "product-defect", split.AddDays(-10)),          // before
            _data.Complaint(Kettle, "product-defect", split.AddTicks(-1)),          // before: last moment
            _data.Complaint(Kettle, "product-defect", split),                       // after: the split itself
            _data.Complaint(Kettle, "product-defect", split.AddDays(29)),           // after
            _data.Complaint(Kettle, "product-defect", split.AddDays(30)),           // after the window
            _data.Complaint(Kettle, "delivery", split.AddDays(-5)),                 // other category
            _data.Complaint("AirBeat headphones", "product-defect", split.AddDays(5)), // other product
            _data.Complaint(Kettle, "product-defect", split.AddDays(-3), withdrawn: true)); // withdrawn: not a recurrence
        await using var db = _app.Database.CreateContext();

        var counts = await RecurrenceQueries.EffectivenessCounts(db, Kettle, "product-defect", null, split, 30).SingleAsync(Ct);
        var none = await RecurrenceQueries.EffectivenessCounts(db, "Unknown product", null, null, split, 30).FirstOrDefaultAsync(Ct);

        Assert.Equal(new RecurrenceCounts(3, 2), counts);
        Assert.Null(none);
    }

    [Fact]
    public async Task EffectivenessCounts_ByRootCause_CountOnlyThatRootCause()
    {
        var split = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        await SaveAsync(
            _data.Complaint(Kettle, "product-defect", split.AddDays(-8), RootCauseCategory.ProductDefect),
            _data.Complaint("AirBeat headphones", "product-defect", split.AddDays(-4), RootCauseCategory.ProductDefect),
            _data.Complaint("Ceramic vase", "packaging", split.AddDays(-2), RootCauseCategory.Packaging),
            _data.Complaint(Kettle, "product-defect", split.AddDays(3)));
        await using var db = _app.Database.CreateContext();

        var counts = await RecurrenceQueries.EffectivenessCounts(db, null, null, RootCauseCategory.ProductDefect, split, 30).SingleAsync(Ct);

        Assert.Equal(new RecurrenceCounts(2, 0), counts);
    }

    [Fact]
    public void Queries_CountInTheDatabase_NoClientEvaluation()
    {
        // P-60/P-61 figures come from COUNT ... WHERE ... GROUP BY in SQL, never from complaints loaded into memory.
        using var db = _app.Database.CreateContext();
        var split = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);

        var effectiveness = RecurrenceQueries.EffectivenessCounts(db, Kettle, "product-defect", RootCauseCategory.ProductDefect, split, 90).ToQueryString();
        var products = RecurrenceQueries.ProductGroups(db, split.AddDays(-30), split, 3).ToQueryString();
        var causes = RecurrenceQueries.RootCauseGroups(db, split.AddDays(-30), split, 3).ToQueryString();

        Assert.Contains("COUNT(CASE", effectiveness, StringComparison.Ordinal);
        Assert.Contains("WHERE", effectiveness, StringComparison.Ordinal);
        Assert.Contains("\"ReceivedAt\" >=", effectiveness, StringComparison.Ordinal);
        Assert.Contains("\"Product\" =", effectiveness, StringComparison.Ordinal);
        Assert.Contains("\"RootCauseCategory\" =", effectiveness, StringComparison.Ordinal);
        // Grouped by the product each complaint counts under (its listed product, else its spelling: issue 23), in SQL.
        Assert.Contains("LEFT JOIN \"Products\"", products, StringComparison.Ordinal);
        Assert.Contains("GROUP BY \"s\".\"Product0\", \"s\".\"CategoryCode\"", products, StringComparison.Ordinal);
        Assert.Contains("HAVING COUNT(*) >=", products, StringComparison.Ordinal);
        Assert.Contains("GROUP BY \"c\".\"RootCauseCategory\"", causes, StringComparison.Ordinal);
        Assert.Contains("HAVING COUNT(*) >=", causes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detection_BelowThreshold_RaisesNothing_AtThreshold_RaisesOneAlertOncePerWindow()
    {
        // Defaults: 3 complaints about one product and category within 30 days (P-60, P-62).
        await SaveAsync(_data.Complaint(Kettle, "product-defect", Now.AddDays(-20)), _data.Complaint(Kettle, "product-defect", Now.AddDays(-2)));

        Assert.Equal(0, (await RunScanAsync()).AlertsRaised);

        await SaveAsync(_data.Complaint(Kettle, "product-defect", Now.AddHours(-1)));
        var first = await RunScanAsync();
        _clock.Advance(TimeSpan.FromHours(1));
        await SaveAsync(_data.Complaint(Kettle, "product-defect", Now.AddMinutes(30)));
        var second = await RunScanAsync();

        Assert.Equal(1, first.AlertsRaised);
        Assert.Equal(0, second.AlertsRaised);
        await using var db = _app.Database.CreateContext();
        var alert = Assert.Single(await db.RecurringIssueAlerts.ToListAsync(Ct));
        Assert.Equal(("product:product-defect:" + Kettle, 3), (alert.Key, alert.ComplaintCount));
        // Quality hears of it once; the CSM does not.
        var notified = await db.Set<UserNotification>().Where(n => n.Kind == NotificationKinds.RecurringIssue).Select(n => n.UserId).ToListAsync(Ct);
        Assert.Equal([_quality.Id], notified);

        // A month later the window has passed: the same key can alert again, once.
        _clock.Advance(TimeSpan.FromDays(31));
        await SaveAsync(
            _data.Complaint(Kettle, "product-defect", _clock.GetUtcNow().UtcDateTime.AddDays(-3)),
            _data.Complaint(Kettle, "product-defect", _clock.GetUtcNow().UtcDateTime.AddDays(-2)),
            _data.Complaint(Kettle, "product-defect", _clock.GetUtcNow().UtcDateTime.AddDays(-1)));
        Assert.Equal(1, (await RunScanAsync()).AlertsRaised);
        Assert.Equal(0, (await RunScanAsync()).AlertsRaised);
    }

    [Fact]
    public async Task Detection_SameRootCauseAcrossProducts_RaisesARootCauseAlert()
    {
        await SaveAsync(
            _data.Complaint("Winter boots", "wrong-item", Now.AddDays(-9), RootCauseCategory.WarehouseProcess),
            _data.Complaint("Trail running shoes", "wrong-item", Now.AddDays(-5), RootCauseCategory.WarehouseProcess),
            _data.Complaint("Urban rain jacket", "delivery", Now.AddDays(-1), RootCauseCategory.WarehouseProcess),
            _data.Complaint("Ceramic vase", "packaging", Now.AddDays(-1), RootCauseCategory.NoFaultFound),
            _data.Complaint("Office chair", "billing", Now.AddDays(-1), RootCauseCategory.NoFaultFound),
            _data.Complaint("Lego city set", "delivery", Now.AddDays(-1), RootCauseCategory.NoFaultFound));

        Assert.Equal(1, (await RunScanAsync()).AlertsRaised);

        await using var db = _app.Database.CreateContext();
        // "No fault found" says nothing systemic: no alert for it.
        Assert.Equal("root-cause:WarehouseProcess", (await db.RecurringIssueAlerts.SingleAsync(Ct)).Key);
    }

    [Fact]
    public async Task OpenCapaFromAlert_LinksTheComplaints_AndTheScanDoesNotAlertAgainWhileItIsOpen()
    {
        await SaveAsync(
            _data.Complaint(Kettle, "product-defect", Now.AddDays(-3)),
            _data.Complaint(Kettle, "product-defect", Now.AddDays(-2)),
            _data.Complaint(Kettle, "product-defect", Now.AddDays(-1)));
        await RunScanAsync();
        long alertId;
        await using (var db = _app.Database.CreateContext())
        {
            alertId = (await db.RecurringIssueAlerts.SingleAsync(Ct)).Id;
        }

        await using var quality = await _app.SignInAsync(_quality.Email!);
        var capas = quality.Services.GetRequiredService<CapaService>();
        var id = await capas.OpenFromAlertAsync(alertId, Ct);
        var again = await capas.OpenFromAlertAsync(alertId, Ct);
        _clock.Advance(TimeSpan.FromDays(31));
        await SaveAsync(
            _data.Complaint(Kettle, "product-defect", _clock.GetUtcNow().UtcDateTime.AddDays(-3)),
            _data.Complaint(Kettle, "product-defect", _clock.GetUtcNow().UtcDateTime.AddDays(-2)),
            _data.Complaint(Kettle, "product-defect", _clock.GetUtcNow().UtcDateTime.AddDays(-1)));
        var rescan = await RunScanAsync();

        Assert.Equal(id, again);
        var view = (await capas.GetAsync(id, Ct))!;
        Assert.Equal((CapaStatus.Open, CapaSource.RecurringIssueAlert, Kettle, "product-defect"), (view.Capa.Status, view.Capa.Source, view.Capa.RecurrenceProduct, view.Capa.RecurrenceCategory));
        Assert.Equal(3, view.Capa.Complaints.Count);
        Assert.Empty(await capas.ListOpenAlertsAsync(Ct));
        Assert.Equal(0, rescan.AlertsRaised);
        var linked = await capas.ListForComplaintAsync(view.Capa.Complaints[0].ComplaintId, Ct);
        Assert.Equal(view.Capa.Number, Assert.Single(linked).Number);
    }

    [Fact]
    public async Task OverdueActions_AreFlaggedOnce_OwnerAndQualityNotified()
    {
        await using (var quality = await _app.SignInAsync(_quality.Email!))
        {
            var capas = quality.Services.GetRequiredService<CapaService>();
            var id = await capas.CreateAsync(new CapaDetailsForm { Title = "Boxes crushed", ProblemStatement = "Crushed boxes.", Source = Zowor.Portal.Domain.Capa.CapaSource.Audit }, Ct);
            await capas.MoveAsync(id, CapaStep.StartInvestigation, Ct);
            await capas.AddActionAsync(id, new CapaActionForm { Description = "Stronger boxes", OwnerId = _csm.Id, DueOn = Now.Date.AddDays(2) }, Ct);
        }

        Assert.Equal(0, (await RunScanAsync()).ActionsFlagged);
        _clock.Advance(TimeSpan.FromDays(4));
        var first = await RunScanAsync();
        var second = await RunScanAsync();

        Assert.Equal((1, 0), (first.ActionsFlagged, second.ActionsFlagged));
        await using var db = _app.Database.CreateContext();
        var notified = await db.Set<UserNotification>().Where(n => n.Kind == NotificationKinds.CapaActionOverdue).Select(n => n.UserId).ToListAsync(Ct);
        Assert.Equal(new[] { _quality.Id, _csm.Id }.Order(), notified.Order());
    }

    private async Task<CapaScanResult> RunScanAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CapaScanJob>().RunAsync(Ct);
    }

    private async Task SaveAsync(params Complaint[] complaints)
    {
        await using var db = _app.Database.CreateContext();
        db.Complaints.AddRange(complaints);
        await db.SaveChangesAsync(Ct);
    }
}
