using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Localization;
using Zowor.Portal.Platform.Time;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration.Customers;

/// <summary>
/// Issue 14 (P-21, the estimated resolution date is live): /track shows the current estimate and every earlier one with
/// when it changed, never the staff's reason; the queue flags open complaints whose estimate has passed.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class EstimateRevisionLiveTests : IAsyncLifetime
{
    private const string Email = "estimate.live@example.com";
    private const string CsmEmail = "csm.estimate.live@zowor.test";
    private readonly PortalAppFactory _app = new(new PortalAppOptions { SeedDemoData = false });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await _app.CreateStaffUserAsync(CsmEmail, "Estimate CSM", PortalRoles.Csm);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task P21_Track_ShowsTheCurrentEstimateAndItsHistory_WithoutTheStaffReasons()
    {
        var site = new PublicSite(_app);
        var reference = await site.SubmitValidComplaintAsync(Email, Ct);
        await using (var db = _app.Database.CreateContext())
        {
            var id = await db.Complaints.Where(c => c.Reference == reference).Select(c => c.Id).SingleAsync(Ct);
            await using var csm = await _app.SignInAsync(CsmEmail);
            await new CaseSteps(csm, id).AcknowledgeAsync();
            var first = DateTime.UtcNow.Date.AddDays(14);
            await Revise(csm, id, first.AddDays(7), "SECRET-REASON-ONE supplier late");
            await Revise(csm, id, first.AddDays(3), "SECRET-REASON-TWO part found in stock");
        }

        var (_, page) = await site.LookUpAsync(reference, Email, Ct);

        var en = CultureInfo.GetCultureInfo("en");
        string Day(int days) => DateOnly.FromDateTime(DateTime.UtcNow.Date.AddDays(days)).ToString(Dates.DatePattern, en);
        Assert.Equal(Day(17), page.QuerySelector("[data-testid=estimated-date]")?.TextContent.Trim());
        var history = page.QuerySelectorAll("[data-testid=estimate-history] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(2, history.Count);
        Assert.StartsWith($"{Day(21)}, changed to {Day(17)} on ", history[0], StringComparison.Ordinal);
        Assert.StartsWith($"{Day(14)}, changed to {Day(21)} on ", history[1], StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-REASON", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        // The e-mails with the new dates are among the updates the customer sees.
        Assert.Contains($"[{reference}] New estimated resolution date", page.QuerySelector("[data-testid=customer-updates]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task P21_Queue_FlagsOpenComplaintsPastTheirEstimatedDate_AndNoOthers()
    {
        // The business day, as the queue counts it: yesterday's estimate has passed, today's has not yet.
        var today = _app.Services.GetRequiredService<BusinessClock>().Today;
        var past = await SaveAcknowledgedAsync(701, today.AddDays(-1));
        var dueToday = await SaveAcknowledgedAsync(702, today);
        var received = await SaveReceivedAsync(703);

        await using var csm = await _app.SignInAsync(CsmEmail);
        var rows = (await csm.Complaints.GetQueueAsync(new QueueQuery { PageSize = 100 }, Ct)).Rows.ToDictionary(r => r.Id);

        Assert.True(rows[past].PastEstimatedDate);
        Assert.False(rows[dueToday].PastEstimatedDate);
        Assert.False(rows[received].PastEstimatedDate);
    }

    private static async Task Revise(StaffScope csm, Guid id, DateTime date, string reason)
    {
        var version = (await csm.Complaints.GetCaseAsync(id, Ct))!.Version;
        await csm.Complaints.ReviseEstimateAsync(id, version, new ReviseEstimateForm { EstimatedResolutionDate = date, Reason = reason }, Ct);
    }

    private async Task<Guid> SaveAcknowledgedAsync(int sequence, DateOnly estimate)
    {
        // Acknowledged well before the estimate, so the date was a valid promise when it was given.
        var at = estimate.AddDays(-10).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        var complaint = Register(sequence, at);
        complaint.Acknowledge(ContactMethod.Email, estimate, new Actor("user-csm-x", "CSM"), at.AddHours(1));
        return await SaveAsync(complaint);
    }

    private async Task<Guid> SaveReceivedAsync(int sequence) => await SaveAsync(Register(sequence, DateTime.UtcNow.AddHours(-1)));

    private static Complaint Register(int sequence, DateTime at)
    {
        var details = ComplaintDetails.Create("Toaster sparks", "Sparks on the first use.", "PRODUCT-QUALITY",
            ComplaintSeverity.Normal, PreferredResolution.Replacement, "ZW-7001", "Zowor Toaster");
        var customer = CustomerContact.Create("Ruslan Abenov", "ruslan@example.com", null, ContactMethod.Email);
        return Complaint.Register(ComplaintReference.Create(2026, sequence), ComplaintChannel.WebForm, customer, details, at, Actor.Customer, at, "en");
    }

    private async Task<Guid> SaveAsync(Complaint complaint)
    {
        complaint.ClearDomainEvents();
        await using var db = _app.Database.CreateContext();
        db.Complaints.Add(complaint);
        await db.SaveChangesAsync(Ct);
        return complaint.Id;
    }
}
