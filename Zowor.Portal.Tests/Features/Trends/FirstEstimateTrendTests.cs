using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Trends;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Trends;

/// <summary>
/// P-21 (issue 14): trends report the share of resolved complaints resolved by their FIRST estimated date, in business
/// time (Asia/Almaty, UTC+5), counted in SQL on a small SQLite database worked out by hand below.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class FirstEstimateTrendTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Csm = new("user-csm-1", "Saule Omarova");
    private static readonly DateOnly October10 = new(2026, 10, 10);
    private readonly PortalAppFactory _app = new(new PortalAppOptions { SeedDemoData = false, Clock = new FakeTimeProvider(new DateTimeOffset(Now)) });
    private int _sequence;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        // a: promised 10 Oct, revised to 20 Oct, resolved 15 Oct → late against the first estimate (the revision does not count).
        await StoreAsync(October10, revisedTo: new DateOnly(2026, 10, 20), resolvedAt: new DateTime(2026, 10, 15, 6, 0, 0, DateTimeKind.Utc));
        // b: promised 10 Oct, resolved 10 Oct 18:30 UTC = 23:30 in Almaty → on time.
        await StoreAsync(October10, revisedTo: null, resolvedAt: new DateTime(2026, 10, 10, 18, 30, 0, DateTimeKind.Utc));
        // c: promised 10 Oct, resolved 10 Oct 19:30 UTC = 00:30 on 11 Oct in Almaty → late (UTC would call it on time).
        await StoreAsync(October10, revisedTo: null, resolvedAt: new DateTime(2026, 10, 10, 19, 30, 0, DateTimeKind.Utc));
        // d: promised 20 Oct, resolved 5 Oct → on time.
        await StoreAsync(new DateOnly(2026, 10, 20), revisedTo: null, resolvedAt: new DateTime(2026, 10, 5, 6, 0, 0, DateTimeKind.Utc));
        // e: promised 10 Oct, still open → not counted.
        await StoreAsync(October10, revisedTo: null, resolvedAt: null);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task P21_ShareResolvedByTheFirstEstimate_EqualsTheHandCount()
    {
        var queries = _app.Services.CreateScope().ServiceProvider.GetRequiredService<TrendQueries>();

        var report = await queries.GetReportAsync(new TrendFilter(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30)), Ct);

        // Resolved with an estimate: a, b, c, d; by the first estimate: b and d.
        Assert.Equal(new FirstEstimateFigures(4, 2), report.FirstEstimate);
        Assert.Equal(0.5, report.FirstEstimate.Rate);
    }

    private async Task StoreAsync(DateOnly estimate, DateOnly? revisedTo, DateTime? resolvedAt)
    {
        var at = new DateTime(2026, 10, 2, 4, 0, 0, DateTimeKind.Utc);
        var details = ComplaintDetails.Create("Kettle leaks", "It leaks from the base.", "PRODUCT-QUALITY",
            ComplaintSeverity.Normal, PreferredResolution.Replacement, "ZW-9001", "Zowor Kettle");
        var customer = CustomerContact.Create("Dana Customer", $"dana{++_sequence}@example.com", null, ContactMethod.Email);
        var complaint = Complaint.Register(ComplaintReference.Create(2026, 800 + _sequence), ComplaintChannel.WebForm, customer, details, at, Actor.Customer, at, "en");
        complaint.Acknowledge(ContactMethod.Email, estimate, Csm, at = at.AddMinutes(30));
        if (revisedTo is { } revised)
        {
            complaint.ReviseEstimatedResolutionDate(revised, "Supplier late.", Csm, at = at.AddMinutes(10));
        }

        if (resolvedAt is { } resolved)
        {
            complaint.StartInvestigation(Csm, at = at.AddMinutes(10));
            complaint.RecordRootCause(RootCauseCategory.ProductDefect, "Seal flaw.", null, Csm, at = at.AddMinutes(10));
            complaint.ProposeResolution(ResolutionOffer.Create(ResolutionKind.Replacement, null, null, null, "A new kettle."), Csm, at.AddMinutes(10));
            complaint.RecordCustomerResponse(true, null, Csm, resolved.AddMinutes(-1));
            complaint.Resolve(resolved, Csm, resolved);
        }

        complaint.ClearDomainEvents();
        await using var db = _app.Database.CreateContext();
        db.Complaints.Add(complaint);
        await db.SaveChangesAsync(Ct);
    }
}
