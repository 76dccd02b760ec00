using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Localization;
using Zowor.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static Zowor.Portal.Harness.PageSteps;

namespace Zowor.Portal.Tests.Browser;

/// <summary>
/// P-21 in a real browser: the CSM revises an acknowledged complaint's estimated resolution date with a reason; the case
/// shows the new date and the timeline entry; the customer's /track page shows the new date and the earlier one, never
/// the staff's reason; and the customer gets exactly one "new estimated date" e-mail.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class ReviseEstimateJourneyTests(BrowserFixture browser) : BrowserJourney(browser), IClassFixture<BrowserFixture>
{
    private static readonly string CsmEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Csm);
    private const string CustomerEmail = "saule.omarova@example.com";
    private const string Reason = "The replacement heating element comes from the supplier in Almaty, one more week.";

    [Fact]
    public async Task P21_Csm_RevisesTheEstimateInTheBrowser_TheCustomerSeesTheNewAndEarlierDateNotTheReason_AndGetsOneEmail()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, baseAddress) = await StartPortalAsync();
        var (id, reference, first) = await AcknowledgedComplaintAsync(app, ct);
        var revised = first.AddDays(7);
        var english = CultureInfo.GetCultureInfo("en");
        var context = await NewContextAsync(baseAddress);
        var staff = await OpenPageAsync(context, "revise-failed-case");
        var customer = await OpenPageAsync(context, "revise-failed-track");
        // The CSM opens the case and the "Revise estimated date" form, which names the date the customer was given.
        await SignInAsync(staff, CsmEmail);
        await GoToAsync(staff, $"complaints/{id}");
        await staff.Locator($"[data-testid=action-{ComplaintAction.ReviseEstimate}]").ClickAsync();
        var form = staff.Locator($"[data-testid=action-form][data-action={ComplaintAction.ReviseEstimate}]");
        await Expect(form).ToContainTextAsync(first.ToString(Dates.DatePattern, english));

        // A later date typed into the picker (the "en" short date), and the internal reason.
        var date = form.Locator("input[data-testid=revise-date], [data-testid=revise-date] input").First;
        await date.FillAsync(revised.ToString("d", english));
        await date.PressAsync("Tab");
        await form.Locator("textarea[data-testid=revise-reason]").FillAsync(Reason);
        await Screenshots.SaveAsync(staff, "revise-01-form-filled");
        await form.Locator("[data-testid=action-submit]").ClickAsync();
        await Expect(staff.Locator("[data-testid=action-form]")).ToHaveCountAsync(0);

        // The case: one timeline entry from the first date to the new one, with the reason for staff.
        var entry = staff.Locator($"[data-testid=timeline-entry][data-kind={ComplaintHistoryKinds.EstimateRevised}]");
        await Expect(entry).ToHaveCountAsync(1);
        await Expect(entry).ToContainTextAsync($"Estimated resolution date revised from {first.ToString(Dates.DatePattern, english)} to {revised.ToString(Dates.DatePattern, english)}");
        await Expect(staff.Locator(".timeline-details").Filter(new() { HasText = Reason })).ToHaveCountAsync(1);
        await Expect(staff.Locator("[data-testid=acknowledgement]")).ToContainTextAsync($"Estimated resolution: {revised.ToString(Dates.DatePattern, english)}");
        await Screenshots.SaveAsync(staff, "revise-02-case-after-saving");

        // The customer's status page: the new date, the earlier one under "Earlier estimates", no staff reason.
        await customer.GotoAsync($"track?reference={reference}");
        await customer.Locator("#contact").FillAsync(CustomerEmail);
        await customer.Locator("[data-testid=look-up]").ClickAsync();
        await Expect(customer.Locator("[data-testid=case-reference]")).ToHaveTextAsync(reference);
        await Expect(customer.Locator("[data-testid=estimated-date]")).ToHaveTextAsync(revised.ToString(Dates.DatePattern, english));
        var history = customer.Locator("[data-testid=estimate-history] li");
        await Expect(history).ToHaveCountAsync(1);
        await Expect(history).ToContainTextAsync($"{first.ToString(Dates.DatePattern, english)}, changed to {revised.ToString(Dates.DatePattern, english)}");
        await Expect(customer.Locator("body")).Not.ToContainTextAsync("heating element");
        await Screenshots.SaveAsync(customer, "revise-03-track-new-and-earlier-estimate");

        // Exactly one "new estimated date" e-mail waits for the customer (nothing sent twice).
        await using var db = app.Database.CreateContext();
        var mails = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.ComplaintId == id && m.Kind == CustomerMessageKinds.EstimateRevised).ToListAsync(ct);
        var mail = Assert.Single(mails);
        Assert.Equal(CustomerEmail, mail.ToAddress);
        Assert.Contains(revised.ToString(Dates.DatePattern, english), mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("heating element", mail.Body, StringComparison.Ordinal);
    }

    /// <summary>A web-style complaint with an e-mail address, acknowledged by e-mail with an estimate 14 days out.</summary>
    private static async Task<(Guid Id, string Reference, DateOnly Estimate)> AcknowledgedComplaintAsync(PortalAppFactory app, CancellationToken ct)
    {
        await using var csm = await app.SignInAsync(CsmEmail);
        var registered = await csm.Complaints.RegisterAsync(new RegisterComplaintForm
        {
            Channel = ComplaintChannel.Email,
            ReceivedOn = DateTime.UtcNow.Date,
            ReceivedTime = TimeSpan.Zero,
            CustomerName = "Saule Omarova",
            Email = CustomerEmail,
            PreferredContact = ContactMethod.Email,
            Subject = "Kettle stopped heating after a week",
            Description = "The kettle lights up but the water stays cold since Monday.",
            CategoryCode = "product-defect",
        }, ct);
        await new CaseSteps(csm, registered.Id).AcknowledgeAsync();
        var stored = await app.Database.LoadComplaintAsync(registered.Id, ct);
        return (registered.Id, registered.Reference, stored.Complaint.Acknowledgement!.EstimatedResolutionDate);
    }
}
