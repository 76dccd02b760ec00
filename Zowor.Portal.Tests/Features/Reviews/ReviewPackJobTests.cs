using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Reviews;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Reviews;

/// <summary>
/// P-63: the monthly review pack on the 1st, the annual one on 1 January, each built once from the database and kept;
/// Quality reads them and writes findings (<see cref="ReviewService"/>). Periods are months of the business time zone
/// (Asia/Almaty, UTC+5), so the UTC boundaries are 19:00 on the last day of the month before.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class ReviewPackJobTests : IAsyncLifetime
{
    // 1 November 2026, 03:00 in Almaty — still 31 October in UTC.
    private static readonly DateTime FirstOfNovember = new(2026, 10, 31, 22, 0, 0, DateTimeKind.Utc);
    // 1 January 2027, 03:00 in Almaty.
    private static readonly DateTime FirstOfJanuary = new(2026, 12, 31, 22, 0, 0, DateTimeKind.Utc);

    private const string QualityEmail = "marat.quality@zowor.test";
    private const string CsmEmail = "saule.csm@zowor.test";
    private const string AgentEmail = "aigerim.agent@zowor.test";
    private const string AdminEmail = "portal.admin@zowor.test";

    private static readonly Actor Agent = new("user-agent-1", "Aigerim Agent");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(FirstOfNovember));
    private readonly PortalAppFactory _app;
    private int _sequence;

    public ReviewPackJobTests()
    {
        _app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false, Clock = _clock });
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await _app.CreateStaffUserAsync(QualityEmail, "Marat Quality", PortalRoles.Quality);
        await _app.CreateStaffUserAsync(CsmEmail, "Saule Omarova (CSM)", PortalRoles.Csm);
        await _app.CreateStaffUserAsync(AgentEmail, "Aigerim Agent", PortalRoles.Agent);
        await _app.CreateStaffUserAsync(AdminEmail, "Portal Admin", PortalRoles.Admin);
        await StoreAsync(AutumnComplaints());
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task RunMonthlyAsync_OnFirstOfNovemberLocal_CreatesOneOctoberPackWithTheLocalMonthsFigures()
    {
        var pack = await RunMonthlyAsync();

        Assert.NotNull(pack);
        var stored = Assert.Single(await PacksAsync());
        Assert.Equal(
            (ReviewKind.Monthly, new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1), FirstOfNovember, (string?)null),
            (stored.Kind, stored.PeriodStart, stored.PeriodEnd, stored.GeneratedAt, stored.Findings));
        var figures = Figures(stored);
        // Received in October local time: 1 Oct 00:30, 15 Oct, 20 Oct, 2 Oct and 31 Oct 23:30 — not 30 Sep 23:30, not 1 Nov 01:00.
        Assert.Equal(5, figures.Received);
        Assert.Equal([("Email", 1), ("Phone", 3), ("WebForm", 1)], Pairs(figures.ByChannel));
        // P-20: acknowledged after 2 h, 30 h, 1.5 h and 1 h; the 30-hour one and the unacknowledged, flagged one are breaches.
        Assert.Equal((4, 3, 2), (figures.Acknowledged, figures.AcknowledgedWithin24Hours, figures.AcknowledgementBreaches));
        Assert.Equal(1.75, figures.MedianHoursToAcknowledge);
        // AcknowledgementTarget: 3 met of 5 counted (the unacknowledged, flagged one is a miss, not left out).
        Assert.Equal(0.6, figures.AcknowledgedWithin24HoursRate);
        // Resolved in October: 10 Oct and 5 Oct (received in September); the one resolved 1 Nov 00:30 local is November's.
        Assert.Equal(2, figures.Resolved);
        Assert.Equal(1, figures.Closed);
        Assert.Equal([("PartialRefund", 2)], Pairs(figures.ResolutionMix));
        Assert.Equal(51.00m, figures.RefundTotal);
    }

    [Fact]
    public async Task RunMonthlyAsync_Again_CreatesNoSecondPack()
    {
        // P-63: a restart, a second node or a retry never doubles a pack.
        var first = await RunMonthlyAsync();
        _clock.Advance(TimeSpan.FromHours(5));

        var second = await RunMonthlyAsync();

        Assert.NotNull(first);
        Assert.Null(second);
        var stored = Assert.Single(await PacksAsync());
        Assert.Equal(FirstOfNovember, stored.GeneratedAt);
    }

    [Fact]
    public async Task RunAnnualAsync_OnFirstOfJanuaryLocal_CreatesThe2026Pack()
    {
        // P-63: the annual review for ISO 9001 conformity covers the calendar year in the business time zone.
        _clock.SetUtcNow(new DateTimeOffset(FirstOfJanuary));

        var pack = await RunAnnualAsync();

        Assert.NotNull(pack);
        var stored = Assert.Single(await PacksAsync());
        Assert.Equal(
            (ReviewKind.Annual, new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1), FirstOfJanuary),
            (stored.Kind, stored.PeriodStart, stored.PeriodEnd, stored.GeneratedAt));
        var figures = Figures(stored);
        Assert.Equal(7, figures.Received);
        Assert.Equal([("Email", 2), ("Phone", 4), ("WebForm", 1)], Pairs(figures.ByChannel));
        Assert.Equal((3, 1), (figures.Resolved, figures.Closed));
        Assert.Null(await RunAnnualAsync());
        Assert.Single(await PacksAsync());
    }

    [Fact]
    public async Task RunAnnualAsync_ForAYearWithoutComplaints_CreatesNoEmptyPack()
    {
        // On 1 November 2026 the previous year is 2025, before any complaint.
        var pack = await RunAnnualAsync();

        Assert.Null(pack);
        Assert.Empty(await PacksAsync());
    }

    [Fact]
    public async Task ReviewService_AsQuality_ListsReadsAndSavesFindings()
    {
        await RunMonthlyAsync();
        await using var quality = await _app.SignInAsync(QualityEmail);
        var reviews = quality.Services.GetRequiredService<ReviewService>();

        var list = await reviews.ListAsync(Ct);
        var summary = Assert.Single(list);
        var detail = await reviews.GetAsync(summary.Id, Ct);
        await reviews.SaveFindingsAsync(summary.Id, "  Breaches cluster on weekends: add Saturday cover.  ", Ct);

        Assert.Equal((ReviewKind.Monthly, new DateOnly(2026, 10, 1)), (summary.Kind, summary.PeriodStart));
        Assert.NotNull(detail);
        Assert.Equal(Figures(Assert.Single(await PacksAsync())), detail.Figures, new FiguresComparer());
        Assert.Equal("Breaches cluster on weekends: add Saturday cover.", Assert.Single(await PacksAsync()).Findings);
    }

    [Theory]
    [InlineData(CsmEmail)]
    [InlineData(AgentEmail)]
    [InlineData(AdminEmail)]
    public async Task ReviewService_WithoutReviewsRole_ThrowsAccessDeniedAndStoresNothing(string email)
    {
        // P-63 reviews are for Quality (and the CCO and CEO); a CSM, an agent or an Admin is refused.
        await RunMonthlyAsync();
        var id = Assert.Single(await PacksAsync()).Id;
        await using var user = await _app.SignInAsync(email);
        var reviews = user.Services.GetRequiredService<ReviewService>();

        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => reviews.ListAsync(Ct));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => reviews.GetAsync(id, Ct));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => reviews.SaveFindingsAsync(id, "Not mine to write.", Ct));

        Assert.Null(Assert.Single(await PacksAsync()).Findings);
    }

    // ---- Helpers ----

    /// <summary>Complaints around October 2026, times in UTC (Almaty = UTC+5).</summary>
    private List<Complaint> AutumnComplaints()
    {
        // 1 Oct 00:30 local: October. Acknowledged after 2 h, resolved 10 Oct.
        var c1 = New(new DateTime(2026, 9, 30, 19, 30, 0, DateTimeKind.Utc), ComplaintChannel.Phone);
        Acknowledge(c1, TimeSpan.FromHours(2));
        Resolve(c1, new DateTime(2026, 10, 10, 8, 0, 0, DateTimeKind.Utc), 25.50m);
        // 15 Oct: acknowledged 30 hours late (P-20 breach).
        var c2 = New(new DateTime(2026, 10, 15, 8, 0, 0, DateTimeKind.Utc), ComplaintChannel.Email);
        Acknowledge(c2, TimeSpan.FromHours(30));
        // 20 Oct: never acknowledged; the scan flagged the breach.
        var c3 = New(new DateTime(2026, 10, 20, 10, 0, 0, DateTimeKind.Utc), ComplaintChannel.Phone);
        c3.RecordAcknowledgementBreach();
        // 31 Oct 23:30 local: still October. Acknowledged after 1.5 h.
        var c4 = New(new DateTime(2026, 10, 31, 18, 30, 0, DateTimeKind.Utc), ComplaintChannel.WebForm);
        Acknowledge(c4, TimeSpan.FromHours(1.5));
        // 1 Nov 01:00 local: November, although 31 October in UTC.
        var c5 = New(new DateTime(2026, 10, 31, 20, 0, 0, DateTimeKind.Utc), ComplaintChannel.Email);
        // 30 Sep 23:30 local: September; resolved 5 Oct and closed 6 Oct, so it counts in October's resolved and closed.
        var c6 = New(new DateTime(2026, 9, 30, 18, 30, 0, DateTimeKind.Utc), ComplaintChannel.Phone);
        Acknowledge(c6, TimeSpan.FromHours(3));
        Resolve(c6, new DateTime(2026, 10, 5, 8, 0, 0, DateTimeKind.Utc), 25.50m);
        c6.Close("Customer satisfied.", 5, Agent, new DateTime(2026, 10, 6, 8, 0, 0, DateTimeKind.Utc));
        // 2 Oct: acknowledged after 1 h; resolved 1 Nov 00:30 local, which is November's.
        var c7 = New(new DateTime(2026, 10, 2, 6, 0, 0, DateTimeKind.Utc), ComplaintChannel.Phone);
        Acknowledge(c7, TimeSpan.FromHours(1));
        Resolve(c7, new DateTime(2026, 10, 31, 19, 30, 0, DateTimeKind.Utc), null);
        return [c1, c2, c3, c4, c5, c6, c7];
    }

    private Complaint New(DateTime receivedAt, ComplaintChannel channel)
    {
        var details = ComplaintDetails.Create("Parcel not delivered", "Tracking says delivered, nothing arrived.", "delivery",
            ComplaintSeverity.Normal, PreferredResolution.Refund, "ZW-884377", "Trail running shoes");
        var customer = CustomerContact.Create("Timur Akhmetov", "timur.a@example.kz", "+7 777 123 45 67", ContactMethod.Email);
        return Complaint.Register(ComplaintReference.Create(2026, ++_sequence), channel, customer, details, receivedAt, Agent, receivedAt);
    }

    private static void Acknowledge(Complaint c, TimeSpan after)
    {
        var at = c.ReceivedAt + after;
        c.Acknowledge(ContactMethod.Email, DateOnly.FromDateTime(at).AddDays(10), Agent, at);
    }

    private static void Resolve(Complaint c, DateTime resolvedAt, decimal? refund)
    {
        var at = c.Acknowledgement!.At;
        c.StartInvestigation(Agent, at = at.AddHours(1));
        c.RecordRootCause(RootCauseCategory.Carrier, "Wrong pick-up point.", null, Agent, at = at.AddHours(1));
        var offer = refund is { } amount
            ? ResolutionOffer.Create(ResolutionKind.PartialRefund, amount, "EUR", null, "Refund the delivery fee.")
            : ResolutionOffer.Create(ResolutionKind.Replacement, null, null, null, "Send a new pair.");
        c.ProposeResolution(offer, Agent, at.AddHours(1));
        c.RecordCustomerResponse(true, null, Agent, resolvedAt);
        c.Resolve(resolvedAt, Agent, resolvedAt);
    }

    private async Task StoreAsync(IEnumerable<Complaint> complaints)
    {
        await using var db = _app.Database.CreateContext();
        db.Complaints.AddRange(complaints);
        await db.SaveChangesAsync(Ct);
    }

    private async Task<ReviewPack?> RunMonthlyAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReviewPackJob>().RunMonthlyAsync(Ct);
    }

    private async Task<ReviewPack?> RunAnnualAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReviewPackJob>().RunAnnualAsync(Ct);
    }

    private async Task<List<ReviewPack>> PacksAsync()
    {
        await using var db = _app.Database.CreateContext();
        return await db.Set<ReviewPack>().AsNoTracking().OrderBy(p => p.Id).ToListAsync(Ct);
    }

    private static List<(string Key, int Count)> Pairs(IReadOnlyDictionary<string, int> counts) =>
        counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)).ToList();

    private static ReviewFigures Figures(ReviewPack pack) => JsonSerializer.Deserialize<ReviewFigures>(pack.FiguresJson, ReviewPackJob.Json)!;

    /// <summary>Compares figures by their JSON (the record holds dictionaries, which compare by reference).</summary>
    private sealed class FiguresComparer : IEqualityComparer<ReviewFigures>
    {
        public bool Equals(ReviewFigures? x, ReviewFigures? y) =>
            JsonSerializer.Serialize(x, ReviewPackJob.Json) == JsonSerializer.Serialize(y, ReviewPackJob.Json);

        public int GetHashCode(ReviewFigures obj) => 0;
    }
}
