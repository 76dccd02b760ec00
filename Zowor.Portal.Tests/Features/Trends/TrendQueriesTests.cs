using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Training;
using Zowor.Portal.Features.Trends;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Trends;

/// <summary>
/// P-60, P-61, P-90: every trend figure on a small SQLite database whose answer is worked out by hand below, and proof
/// that the figures are GROUP BYs, ORDER BY … OFFSET and SUMs in the database rather than complaints loaded into memory.
/// Business time zone Asia/Almaty (UTC+5): October 2026 runs from 30 September 19:00 UTC.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class TrendQueriesTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Csm = new("user-csm-1", "Saule Omarova");
    private static readonly TrendFilter OctoberAndNovember = new(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30));

    private readonly SqlCapture _sql = new();
    private readonly PortalAppFactory _app;
    private int _sequence;

    public TrendQueriesTests()
    {
        _app = new PortalAppFactory(new PortalAppOptions
        {
            SeedDemoData = false,
            Clock = new FakeTimeProvider(new DateTimeOffset(Now)),
            ConfigureServices = services => services.ConfigureDbContext<SqlitePortalDbContext>(o => o.AddInterceptors(_sql)),
        });
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TrendQueries Queries => _app.Services.CreateScope().ServiceProvider.GetRequiredService<TrendQueries>();

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await StoreAsync();
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task GetReport_ForOctoberAndNovember_EveryFigureEqualsTheHandCount()
    {
        var report = await Queries.GetReportAsync(OctoberAndNovember, Ct);

        // P-60 volume: c1, c2, c3, c8 in October (c8 at 00:30 local on 1 October), c4, c5, c6 in November; c7 is September's.
        Assert.Equal(7, report.Received);
        Assert.Equal([new("2026-10", 4), new("2026-11", 3)], report.ByMonth);
        Assert.Equal([new("delivery", 3), new("product-defect", 3), new("packaging", 1)], report.ByCategory);
        Assert.Equal([new("Phone", 3), new("WebForm", 2), new("Email", 2)], report.ByChannel);
        Assert.Equal([new("Kettle", 3), new("Trail shoes", 3)], report.ByProduct);
        // P-60 Pareto: Carrier 2 of 4 (50 %), then Packaging (75 %) and ProductDefect (100 %).
        Assert.Equal([new("Carrier", 2, 0.5), new("Packaging", 1, 0.75), new("ProductDefect", 1, 1.0)], report.RootCauses);
        // P-20: acknowledged after 1, 2, 4, 10 and 30 hours: 4 within 24 h; the 30-hour one and c5 and c8, never acknowledged
        // and long past their deadline, are misses: 4 of 7 (AcknowledgementTarget). Median 4, 90th percentile (rank 5 of 5) 30.
        Assert.Equal((5, new AcknowledgementFigure(4, 3), 4.0 / 7), (report.Acknowledged, report.Within24Hours, report.AcknowledgedWithin24HoursRate));
        Assert.Equal(new DurationFigures(5, 4, 30), report.HoursToAcknowledge);
        // P-61: resolved after 24, 48, 72 and 96 hours: median (48 + 72) / 2 = 60, 90th percentile (rank 4 of 4) 96.
        Assert.Equal(new DurationFigures(4, 60, 96), report.HoursToResolve);
        // P-70–P-73: c6 at level 2, c3 at level 3, the other five at level 1.
        Assert.Equal([new("1", 5), new("2", 1), new("3", 1)], report.ByEscalationLevel);
        Assert.Equal(2.0 / 7, report.EscalatedToLevel2Rate);
        Assert.Equal(1.0 / 7, report.EscalatedToLevel3Rate);
        // P-40: two partial refunds (25.50 + 10.00 EUR), a replacement and a full refund of 100.00 USD.
        Assert.Equal([new("PartialRefund", 2), new("Replacement", 1), new("FullRefund", 1)], report.ResolutionMix);
        Assert.Equal([new RefundTotal("EUR", 35.50m, 2), new RefundTotal("USD", 100.00m, 1)], report.Refunds);
        // Repeat: anna@ (c1, c2) and the phone-only customer (c4, c5) of five customers.
        Assert.Equal(new RepeatFigures(5, 2, 4), report.Repeat);
        Assert.Equal(0.4, report.Repeat.Rate);
        // P-01 survey: sent for c1, c2, c4 (c7's is September's); answered 4/5 and 2/3.
        Assert.Equal(new SatisfactionFigures(3, 2, 3.0, 4.0), report.Satisfaction);
        // P-80, P-81 come from ComplianceQueries unchanged; CAPA is not connected in this branch.
        var compliance = _app.Services.CreateScope().ServiceProvider.GetRequiredService<ComplianceQueries>();
        Assert.Equal(await compliance.MemoAcknowledgementAsync(new DateTime(2026, 9, 30, 19, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 30, 19, 0, 0, DateTimeKind.Utc), Ct), report.Memos);
        Assert.Equal(await compliance.TrainingComplianceAsync(new DateOnly(2026, 11, 25), Ct), report.Training);
        // CAPA tracking is connected (CapaTrendsSource); this data set has no CAPAs.
        Assert.Equal(new CapaFigures(true, 0, 0), report.Capa);
    }

    [Fact]
    public async Task GetReport_FilteredByChannelCategoryAndProduct_CountsOnlyThoseComplaints()
    {
        var phone = await Queries.GetReportAsync(OctoberAndNovember with { Channel = ComplaintChannel.Phone }, Ct);
        var kettles = await Queries.GetReportAsync(OctoberAndNovember with { CategoryCode = "product-defect", Product = "Kettle" }, Ct);
        var october = await Queries.GetReportAsync(new TrendFilter(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)), Ct);

        // Phone: c1 and c4 within 24 h, c5 never acknowledged past its deadline.
        Assert.Equal((3, 2.0 / 3), (phone.Received, phone.AcknowledgedWithin24HoursRate));
        Assert.Equal([new("2026-10", 1), new("2026-11", 2)], phone.ByMonth);
        Assert.Equal((3, 2, 1), (kettles.Received, kettles.Acknowledged, kettles.HoursToResolve.Count));
        Assert.Equal([new RefundTotal("USD", 100.00m, 1)], kettles.Refunds);
        Assert.Equal(4, october.Received);
        Assert.Equal(new DurationFigures(2, 72, 96), october.HoursToResolve);
    }

    [Fact]
    public async Task GetReport_RunsItsAggregationsInTheDatabase_WithGroupByAndNoRowLoading()
    {
        // P-60 at scale: breakdowns are GROUP BY, percentiles ORDER BY + LIMIT/OFFSET, refunds SUM; no query returns complaint rows.
        // (The row-based report: the rollups' oracle, issue 21.)
        _sql.Clear();

        await Queries.GetRowReportAsync(OctoberAndNovember, Ct);

        var complaintQueries = _sql.Commands.Where(c => c.Contains("FROM \"Complaints\"", StringComparison.Ordinal)).ToList();
        Assert.True(complaintQueries.Count(c => c.Contains("GROUP BY", StringComparison.Ordinal)) >= 8, string.Join("\n\n", complaintQueries));
        Assert.Contains(complaintQueries, c => c.Contains("GROUP BY \"c\".\"ReceivedMonth\"", StringComparison.Ordinal));
        Assert.Contains(complaintQueries, c => c.Contains("SUM(", StringComparison.Ordinal) && c.Contains("\"ResolutionAmountMinor\"", StringComparison.Ordinal));
        Assert.Contains(complaintQueries, c => c.Contains("ORDER BY \"c\".\"AcknowledgementHours\"", StringComparison.Ordinal) && c.Contains("OFFSET", StringComparison.Ordinal));
        Assert.All(complaintQueries, c => Assert.True(
            c.Contains("GROUP BY", StringComparison.Ordinal) || c.Contains("COUNT(", StringComparison.Ordinal) || c.Contains("LIMIT", StringComparison.Ordinal),
            "A trend query reads complaint rows instead of aggregating:\n" + c));
    }

    [Fact]
    public async Task GetReport_ReadsOnlyTheRollups_TheRepeatCustomersFromTheirOwn()
    {
        // Issue 21: the dashboard adds up rollup rows; the repeat customers come from RepeatCustomerRollups, nothing from the complaints.
        _sql.Clear();

        await Queries.GetReportAsync(OctoberAndNovember, Ct);

        Assert.Equal(3, _sql.Commands.Count(c => c.Contains("FROM \"TrendRollups\"", StringComparison.Ordinal)));
        Assert.Single(_sql.Commands, c => c.Contains("FROM \"RepeatCustomerRollups\"", StringComparison.Ordinal));
        Assert.DoesNotContain(_sql.Commands, c => c.Contains("FROM \"Complaints\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ByMonthAndPareto_ToQueryString_GroupInSql()
    {
        await using var db = _app.Database.CreateContext();
        var received = Queries.Received(db, OctoberAndNovember);

        Assert.Contains("GROUP BY \"c\".\"ReceivedMonth\"", TrendQueries.ByMonth(received).ToQueryString(), StringComparison.Ordinal);
        Assert.Contains("GROUP BY \"c\".\"RootCauseCategory\"", TrendQueries.RootCauses(received).ToQueryString(), StringComparison.Ordinal);
        Assert.Contains("GROUP BY", TrendQueries.Refunds(received).ToQueryString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrendService_WithoutTrendsPolicy_IsRefused()
    {
        // P-60 figures are for Quality, the CCO and the CEO; an agent is refused by the service itself.
        await _app.CreateStaffUserAsync("quality.trends@zowor.test", "Marat Quality", PortalRoles.Quality);
        await _app.CreateStaffUserAsync("agent.trends@zowor.test", "Aigerim Agent", PortalRoles.Agent);
        await using var quality = await _app.SignInAsync("quality.trends@zowor.test");
        await using var agent = await _app.SignInAsync("agent.trends@zowor.test");

        var report = await quality.Services.GetRequiredService<TrendService>().GetReportAsync(OctoberAndNovember, Ct);

        Assert.Equal(7, report.Received);
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => agent.Services.GetRequiredService<TrendService>().GetReportAsync(OctoberAndNovember, Ct));
    }

    // ---- The data, worked out by hand in the tests above ----

    private async Task StoreAsync()
    {
        var c1 = New(At(10, 5), ComplaintChannel.Phone, "delivery", "Trail shoes", "anna@example.com", null);
        Acknowledge(c1, 2);
        Resolve(c1, RootCauseCategory.Carrier, ResolutionOffer.Create(ResolutionKind.PartialRefund, 25.50m, "EUR", null, "Delivery fee back."), 48);
        var c2 = New(At(10, 10), ComplaintChannel.Email, "delivery", "Trail shoes", "anna@example.com", null);
        Acknowledge(c2, 30);
        Resolve(c2, RootCauseCategory.Carrier, ResolutionOffer.Create(ResolutionKind.Replacement, null, null, null, "New pair."), 96);
        var c3 = New(At(10, 20), ComplaintChannel.WebForm, "product-defect", "Kettle", "boris@example.com", null);
        Acknowledge(c3, 1);
        c3.Escalate(EscalationLevel.ChiefCustomerOfficer, "Unresolved past the level-1 target.", Csm, c3.ReceivedAt.AddHours(5));
        c3.Escalate(EscalationLevel.ChiefExecutive, "Customer asked for the CEO.", Csm, c3.ReceivedAt.AddHours(6));
        var c4 = New(At(11, 3), ComplaintChannel.Phone, "product-defect", "Kettle", null, "+7 777 000 00 01");
        Acknowledge(c4, 4);
        Resolve(c4, RootCauseCategory.ProductDefect, ResolutionOffer.Create(ResolutionKind.FullRefund, 100.00m, "USD", null, "Full price back."), 24);
        var c5 = New(At(11, 4), ComplaintChannel.Phone, "product-defect", "Kettle", null, "+7 777 000 00 01");
        var c6 = New(At(11, 5), ComplaintChannel.Email, "packaging", null, "chen@example.com", null);
        Acknowledge(c6, 10);
        c6.Escalate(EscalationLevel.ChiefCustomerOfficer, "Serious breakage.", Csm, c6.ReceivedAt.AddHours(11));
        Resolve(c6, RootCauseCategory.Packaging, ResolutionOffer.Create(ResolutionKind.PartialRefund, 10.00m, "EUR", null, "Part refund."), 72);
        // 30 September 23:30 in Almaty: September, outside the period.
        var c7 = New(new DateTime(2026, 9, 30, 18, 30, 0, DateTimeKind.Utc), ComplaintChannel.Phone, "delivery", "Trail shoes", "dana@example.com", null);
        Acknowledge(c7, 1);
        Resolve(c7, RootCauseCategory.Carrier, ResolutionOffer.Create(ResolutionKind.PartialRefund, 5.00m, "EUR", null, "Part refund."), 10);
        // 1 October 00:30 in Almaty (still 30 September in UTC): October.
        var c8 = New(new DateTime(2026, 9, 30, 19, 30, 0, DateTimeKind.Utc), ComplaintChannel.WebForm, "delivery", "Trail shoes", "erlan@example.com", null);

        await using var db = _app.Database.CreateContext();
        db.Complaints.AddRange(c1, c2, c3, c4, c5, c6, c7, c8);
        db.SatisfactionSurveys.AddRange(Survey(c1, 4, 5), Survey(c2, 2, 3), Survey(c4, null, null), Survey(c7, 1, 1));
        await db.SaveChangesAsync(Ct);
    }

    private static DateTime At(int month, int day) => new(2026, month, day, 6, 0, 0, DateTimeKind.Utc);

    private Complaint New(DateTime receivedAt, ComplaintChannel channel, string category, string? product, string? email, string? phone)
    {
        var details = ComplaintDetails.Create("Problem with my order", "Something went wrong with the order.", category,
            ComplaintSeverity.Normal, PreferredResolution.Refund, null, product);
        var customer = CustomerContact.Create("Test Customer", email, phone, email is null ? ContactMethod.Phone : ContactMethod.Email);
        // Almaty is UTC+5 all year.
        return Complaint.Register(ComplaintReference.Create(2026, ++_sequence), channel, customer, details, receivedAt, Csm, receivedAt,
            receivedLocal: receivedAt.AddHours(5));
    }

    private static void Acknowledge(Complaint c, double hours)
    {
        var at = c.ReceivedAt.AddHours(hours);
        c.Acknowledge(c.Customer.Email is null ? ContactMethod.Phone : ContactMethod.Email, DateOnly.FromDateTime(at).AddDays(10), Csm, at);
    }

    private static void Resolve(Complaint c, RootCauseCategory cause, ResolutionOffer offer, double hoursAfterReceipt)
    {
        var at = c.Acknowledgement!.At;
        c.StartInvestigation(Csm, at = at.AddMinutes(10));
        c.RecordRootCause(cause, "Found it.", null, Csm, at = at.AddMinutes(10));
        c.ProposeResolution(offer, Csm, at.AddMinutes(10));
        var resolvedAt = c.ReceivedAt.AddHours(hoursAfterReceipt);
        c.RecordCustomerResponse(true, null, Csm, resolvedAt);
        c.Resolve(resolvedAt, Csm, resolvedAt);
    }

    private static SatisfactionSurvey Survey(Complaint c, int? outcome, int? handling)
    {
        var survey = SatisfactionSurvey.Issue(c.Id, Guid.NewGuid().ToString("N"), c.ReceivedAt.AddDays(5));
        if (outcome is not null)
        {
            survey.Answer(outcome, handling, null, c.ReceivedAt.AddDays(6));
        }

        return survey;
    }
}
