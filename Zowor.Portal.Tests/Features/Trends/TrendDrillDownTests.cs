using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Capa;
using Zowor.Portal.Features.Trends;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;
using Zowor.Portal.Tests.Features.Capa;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Trends;

/// <summary>
/// Issue 19, P-60, P-62: a click on a trend figure lists the complaints behind it under the dashboard's filter (the same
/// complaints the figure counts), and Quality opens a CAPA for them, all linked, or adds them to an open CAPA with a
/// reason. The services check who may: the trend readers list, only Quality links.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class TrendDrillDownTests : IAsyncLifetime
{
    private const string QualityEmail = "marat.quality@zowor.test";
    private const string CcoEmail = "timur.cco@zowor.test";
    private const string AgentEmail = "aigerim.agent@zowor.test";
    private readonly PortalAppFactory _app = new(new PortalAppOptions { SeedDemoData = false });
    private readonly Dictionary<string, Guid> _ids = [];
    private TrendFilter _filter = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await _app.CreateStaffUserAsync(QualityEmail, "Marat Quality", PortalRoles.Quality);
        await _app.CreateStaffUserAsync(CcoEmail, "Timur Cco", PortalRoles.Cco);
        await _app.CreateStaffUserAsync(AgentEmail, "Aigerim Agent", PortalRoles.Agent);
        var clock = _app.Services.GetRequiredService<BusinessClock>();
        var now = clock.UtcNow;
        _filter = new TrendFilter(clock.Today.AddDays(-30), clock.Today);
        var data = new CapaTestData();
        var complaints = new Dictionary<string, Complaint>
        {
            ["supplier-kettle-1"] = data.Complaint("SteelBoil 1.7 L kettle", "product-defect", now.AddDays(-3), RootCauseCategory.Supplier),
            ["supplier-kettle-2"] = data.Complaint("SteelBoil 1.7 L kettle", "product-defect", now.AddDays(-2), RootCauseCategory.Supplier),
            ["supplier-delivery"] = data.Complaint("Trail shoes", "delivery", now.AddDays(-4), RootCauseCategory.Supplier),
            ["packaging"] = data.Complaint("SteelBoil 1.7 L kettle", "product-defect", now.AddDays(-5), RootCauseCategory.Packaging),
            ["supplier-too-old"] = data.Complaint("SteelBoil 1.7 L kettle", "product-defect", now.AddDays(-60), RootCauseCategory.Supplier),
            ["no-cause-yet"] = data.Complaint("SteelBoil 1.7 L kettle", "product-defect", now.AddDays(-1)),
        };
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        db.Complaints.AddRange(complaints.Values);
        await db.SaveChangesAsync(Ct);
        foreach (var (name, complaint) in complaints)
        {
            _ids[name] = complaint.Id;
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task ParetoRow_ListsTheComplaintsItCounts_UnderTheDashboardsFilter_P60()
    {
        await using var quality = await _app.SignInAsync(QualityEmail);
        var trends = quality.Services.GetRequiredService<TrendService>();
        var supplier = new TrendSlice(TrendDimension.RootCause, nameof(RootCauseCategory.Supplier));

        var all = await trends.ComplaintsBehindAsync(_filter, supplier, Ct);
        var onlyDefects = await trends.ComplaintsBehindAsync(_filter with { CategoryCode = "product-defect" }, supplier, Ct);

        // Newest first; the 60-day-old one is outside the period, the packaging one another row, the open one has no cause.
        Assert.Equal([_ids["supplier-kettle-2"], _ids["supplier-kettle-1"], _ids["supplier-delivery"]], all.Listed.Select(c => c.Id));
        Assert.Equal([_ids["supplier-kettle-2"], _ids["supplier-kettle-1"]], onlyDefects.Listed.Select(c => c.Id));
        Assert.Equal((3, false), (all.Total, all.IsTruncated));
        var row = all.Listed[0];
        Assert.Equal(("Olga Petrova", "Kettle leaks", ComplaintStatus.Investigating), (row.Customer, row.Subject, row.Status));

        // The list and the figure agree: the Pareto row of the same filter, as the rows count it.
        var report = await quality.Services.GetRequiredService<TrendQueries>().GetRowReportAsync(_filter, Ct);
        Assert.Equal(all.Total, report.RootCauses.Single(r => r.Key == nameof(RootCauseCategory.Supplier)).Count);
        Assert.Empty((await trends.ComplaintsBehindAsync(_filter, new TrendSlice(TrendDimension.RootCause, "NoSuchCause"), Ct)).Listed);
    }

    [Fact]
    public async Task CategoryBarAndProductRow_ListTheirComplaints_P60()
    {
        await using var cco = await _app.SignInAsync(CcoEmail);
        var trends = cco.Services.GetRequiredService<TrendService>();

        var delivery = await trends.ComplaintsBehindAsync(_filter, new TrendSlice(TrendDimension.Category, "delivery"), Ct);
        var kettle = await trends.ComplaintsBehindAsync(_filter, new TrendSlice(TrendDimension.Product, "SteelBoil 1.7 L kettle"), Ct);

        Assert.Equal([_ids["supplier-delivery"]], delivery.Listed.Select(c => c.Id));
        Assert.Equal(4, kettle.Total);
        Assert.DoesNotContain(_ids["supplier-too-old"], kettle.Listed.Select(c => c.Id));
    }

    [Fact]
    public async Task OpenCapaForThese_LinksEveryListedComplaint_AddToCapa_LinksTheRestWithTheReason_P62()
    {
        await using var quality = await _app.SignInAsync(QualityEmail);
        var listed = (await quality.Services.GetRequiredService<TrendService>().ComplaintsBehindAsync(
            _filter, new TrendSlice(TrendDimension.RootCause, nameof(RootCauseCategory.Supplier)), Ct)).Listed.Select(c => c.Id).ToList();
        var capas = quality.Services.GetRequiredService<CapaService>();

        var opened = await capas.OpenForComplaintsAsync(
            new CapaDetailsForm { Title = "Trend: Supplier", Source = CapaSource.ComplaintTrend, ProblemStatement = "Three supplier defects in a month." },
            listed, new CapaScope(null, null, RootCauseCategory.Supplier), Ct);

        var capa = (await capas.GetAsync(opened, Ct))!.Capa;
        Assert.Equal(CapaSource.ComplaintTrend, capa.Source);
        // The Pareto row's root cause is the scope the effectiveness check counts (P-61).
        Assert.Equal(((string?)null, (string?)null, RootCauseCategory.Supplier), (capa.RecurrenceProduct, capa.RecurrenceCategory, capa.RecurrenceRootCause));
        Assert.Equal(listed.Order(), capa.Complaints.Select(c => c.ComplaintId).Order());
        Assert.Equal(3, capa.History.Count(h => h.What == "Complaint linked"));

        // "Add to CAPA…": a reason is required; complaints already linked are left as they are.
        var other = await capas.CreateAsync(new CapaDetailsForm { Title = "Supplier audit", Source = CapaSource.Audit, ProblemStatement = "Audit the supplier." }, Ct);
        await capas.LinkComplaintAsync(other, listed[0], "Found first.", Ct);
        await Assert.ThrowsAsync<Zowor.Portal.Domain.Common.DomainException>(() => capas.LinkComplaintsAsync(other, listed, " ", Ct));
        Assert.Equal(2, await capas.LinkComplaintsAsync(other, listed, "Behind the Pareto row Supplier.", Ct));

        var added = (await capas.GetAsync(other, Ct))!.Capa;
        Assert.Equal(listed.Order(), added.Complaints.Select(c => c.ComplaintId).Order());
        Assert.Equal(2, added.History.Count(h => h.What == "Complaint linked" && h.Details!.Contains("Behind the Pareto row Supplier.", StringComparison.Ordinal)));
        var (timeline, _) = await _app.Database.LoadComplaintAsync(listed[1], Ct);
        Assert.Equal(2, timeline.History.Count(h => h.Kind == ComplaintHistoryKinds.CapaLinked));
    }

    [Fact]
    public async Task TheServicesCheckWhoMay_TrendReadersList_OnlyQualityLinks()
    {
        var slice = new TrendSlice(TrendDimension.Category, "delivery");
        await using (var agent = await _app.SignInAsync(AgentEmail))
        {
            await Assert.ThrowsAsync<PortalAccessDeniedException>(() => agent.Services.GetRequiredService<TrendService>().ComplaintsBehindAsync(_filter, slice, Ct));
        }

        Guid capaId;
        await using (var quality = await _app.SignInAsync(QualityEmail))
        {
            capaId = await quality.Services.GetRequiredService<CapaService>().CreateAsync(new CapaDetailsForm { Title = "Deliveries", ProblemStatement = "Late." }, Ct);
        }

        await using var cco = await _app.SignInAsync(CcoEmail);
        var capas = cco.Services.GetRequiredService<CapaService>();
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => capas.LinkComplaintsAsync(capaId, [_ids["supplier-delivery"]], "Late deliveries.", Ct));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => capas.OpenForComplaintsAsync(new CapaDetailsForm { Title = "x", ProblemStatement = "y" }, [_ids["supplier-delivery"]], Ct));
        Assert.Empty((await capas.GetAsync(capaId, Ct))!.Capa.Complaints);
    }
}
