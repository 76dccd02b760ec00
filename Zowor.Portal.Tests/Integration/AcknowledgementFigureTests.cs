using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Reviews;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration;

/// <summary>
/// P-20, one definition per figure: "acknowledged within 24 hours" counts a complaint still unacknowledged past its
/// deadline as a miss, and reads the same on the CEO page, the trends dashboard and a review pack (each page as the
/// CCO gets it from the server), on the case and in the queue, and equals the hand count.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class AcknowledgementFigureTests : IAsyncLifetime
{
    private const string CcoEmail = "dana.cco@zowor.test";
    private const string Password = "Figure-test-2026!";
    private static readonly Actor Agent = new("user-agent-1", "Aigerim Agent");

    // Noon in Almaty on the 21st of the month after next: a month with room for the data, and in the future, so the
    // browser-like client never drops the sign-in cookie as expired.
    private static readonly DateTime Now = NoonOnThe21st(DateTime.UtcNow.AddMonths(2));

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Now));
    private readonly PortalAppFactory _app;
    private readonly Dictionary<string, Guid> _ids = [];
    private int _sequence;

    public AcknowledgementFigureTests()
    {
        _app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false, Clock = _clock });
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTime MonthStart => new DateTime(Now.Year, Now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(-5);

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var cco = new PortalUser { UserName = CcoEmail, Email = CcoEmail, EmailConfirmed = true, DisplayName = "Dana CCO" };
            Assert.True((await users.CreateAsync(cco, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(cco, PortalRoles.Cco)).Succeeded);
        }

        // The hand count, all received this month (business days from MonthStart, 10:00 local):
        var met = New("met-2h", day: 2);          // acknowledged after 2 h: met
        Acknowledge(met, TimeSpan.FromHours(2));
        var late = New("late-30h", day: 3);       // acknowledged after 30 h: missed
        Acknowledge(late, TimeSpan.FromHours(30));
        var overdue = New("overdue", day: 5);     // never acknowledged, deadline long past, not flagged by a scan: missed
        var edge = New("met-24h", day: 6);        // acknowledged at the deadline itself: met
        Acknowledge(edge, ComplaintLimits.AcknowledgementWindow);
        var pending = Register("pending", Now.AddHours(-10)); // not acknowledged, 14 h left: counted neither way
        await using var db = _app.Database.CreateContext();
        db.Complaints.AddRange(met, late, overdue, edge, pending);
        await db.SaveChangesAsync(Ct);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task AcknowledgedWithin24Hours_OnTheCeoPageTrendsAndAReviewPack_EqualsTheHandCount()
    {
        const string HandCount = "50%"; // met: 2 h and exactly 24 h; missed: 30 h and the overdue one; the pending one is out.
        ReviewPack pack;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var monthStart = new DateOnly(Now.Year, Now.Month, 1);
            pack = (await scope.ServiceProvider.GetRequiredService<ReviewPackJob>().EnsureAsync(ReviewKind.Monthly, monthStart, monthStart.AddMonths(1), Ct))!;
        }

        Assert.Equal(new AcknowledgementFigure(2, 2), System.Text.Json.JsonSerializer.Deserialize<ReviewFigures>(pack.FiguresJson, ReviewPackJob.Json)!.Within24Hours);
        using var client = await PortalClient.SignedInAsync(_app, CcoEmail, Password, cancellationToken: Ct);
        var figures = new Dictionary<string, string?>
        {
            ["CEO page /ceo"] = await TextAsync(client, "ceo", "[data-testid=ceo-month-ack24] [data-testid=tile-value]"),
            ["trends /trends"] = await TextAsync(client, "trends", "[data-testid=tile-ack24] [data-testid=tile-value]"),
            [$"review pack /reviews/{pack.Id}"] = await TextAsync(client, $"reviews/{pack.Id}", "[data-testid=review-ack24] [data-testid=tile-value]"),
        };

        Assert.All(figures, f => Assert.True(f.Value == HandCount, $"{f.Key} shows {f.Value ?? "nothing"}, the hand count is {HandCount}."));
        Assert.Equal("2 of 4 on time", await TextAsync(client, "trends", "[data-testid=tile-ack24] [data-testid=tile-detail]"));
    }

    [Fact]
    public async Task CaseAndQueue_FlagTheLateAndTheOverdueComplaint_NotTheMetOrPendingOnes()
    {
        await _app.CreateStaffUserAsync("saule.csm@zowor.test", "Saule CSM", PortalRoles.Csm);
        await using var csm = await _app.SignInAsync("saule.csm@zowor.test");
        var queue = await csm.Complaints.GetQueueAsync(new QueueQuery { Levels = [EscalationLevel.CustomerServiceManager], PageSize = 100 }, Ct);
        var flagged = queue.Rows.Where(r => r.AcknowledgementBreached).Select(r => r.Id).ToHashSet();

        Assert.Equal(new[] { _ids["late-30h"], _ids["overdue"] }.ToHashSet(), flagged);
        foreach (var (name, id) in _ids)
        {
            var shown = (await csm.Complaints.GetCaseAsync(id, Ct))!.Complaint;
            var expected = name is "late-30h" or "overdue" ? AcknowledgementOutcome.Missed : name == "pending" ? AcknowledgementOutcome.Pending : AcknowledgementOutcome.Met;
            Assert.True(expected == AcknowledgementTarget.Of(shown, Now), $"{name}: expected {expected}, got {AcknowledgementTarget.Of(shown, Now)}");
        }

        Assert.Equal(1, (await csm.Complaints.GetSummaryAsync(Ct)).AcknowledgementOverdue);
    }

    private static async Task<string?> TextAsync(PortalClient client, string path, string selector)
    {
        var (response, page) = await client.GetPageAsync(path, Ct);
        using (response)
        {
            response.EnsureSuccessStatusCode();
            return page.QuerySelector(selector)?.TextContent.Trim();
        }
    }

    private Complaint New(string name, int day) => Register(name, MonthStart.AddDays(day - 1).AddHours(10));

    private Complaint Register(string name, DateTime receivedAt)
    {
        var details = ComplaintDetails.Create("Parcel not delivered", "Tracking says delivered, nothing arrived.", "delivery",
            ComplaintSeverity.Normal, PreferredResolution.Refund, "ZW-884377", "Trail running shoes");
        var customer = CustomerContact.Create("Timur Akhmetov", "timur.a@example.kz", "+7 777 123 45 67", ContactMethod.Email);
        var complaint = Complaint.Register(ComplaintReference.Create(receivedAt.Year, ++_sequence), ComplaintChannel.Phone, customer, details, receivedAt, Agent, receivedAt);
        _ids[name] = complaint.Id;
        return complaint;
    }

    private static void Acknowledge(Complaint c, TimeSpan after)
    {
        var at = c.ReceivedAt + after;
        c.Acknowledge(ContactMethod.Email, DateOnly.FromDateTime(at).AddDays(10), Agent, at);
    }

    /// <summary>12:00 in Almaty (UTC+5) on the 21st of <paramref name="month"/>'s month, in UTC.</summary>
    private static DateTime NoonOnThe21st(DateTime month) => new(month.Year, month.Month, 21, 7, 0, 0, DateTimeKind.Utc);
}
