using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static Zowor.Portal.Harness.PageSteps;

namespace Zowor.Portal.Tests.Browser;

/// <summary>
/// The portal as staff use it: real chromium against the real app on a loopback port, with the demo data.
/// Each test starts its own portal (fresh database) and browser context; the browser itself is shared.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed partial class ComplaintJourneyTests(BrowserFixture browser) : BrowserJourney(browser), IClassFixture<BrowserFixture>
{
    private static readonly string CsmEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Csm);

    [Fact]
    public async Task Csm_TakesPhoneComplaintFromRegistrationToClosed_QueueAndCaseShowEachStep()
    {
        // P-10, P-11: a phone complaint is registered with the customer's contact details and gets a reference.
        // P-20, P-21: it waits in the queue with its 24-hour acknowledgement countdown until acknowledged.
        // P-30: investigation and a root cause before any resolution. P-40, P-41: an offer (partial refund),
        // the customer's answer, then implementation. P-50: formal closure, after which it leaves the open queue.
        var (app, baseAddress) = await StartPortalAsync();
        var context = await NewContextAsync(baseAddress);
        var page = await OpenPageAsync(context, "journey-failed");
        // The whole journey runs under the portal's Content-Security-Policy: chromium reports each blocked script or
        // style on the console, and a page error would mean an interactive feature broke.
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        page.PageError += (_, error) => violations.Add(error);
        await SignInAsync(page, CsmEmail);

        // Register (P-10, P-11).
        await GoToAsync(page, "complaints/new");
        await page.Locator("#customer-name").FillAsync("Aigerim Nurlanovna");
        await page.Locator("#customer-phone").FillAsync("+7 701 555 0142");
        await page.Locator("#subject").FillAsync("Kettle lid cracked on first use");
        await page.Locator("#description").FillAsync("The customer called: the lid of the kettle cracked the first time she boiled water.");
        await page.Locator("#category").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Product defect" }).ClickAsync();
        await page.Locator("[data-testid=register-submit]").ClickAsync();

        var referenceHeading = page.Locator("[data-testid=case-reference]");
        await Expect(referenceHeading).ToHaveTextAsync(ReferencePattern());
        var reference = (await referenceHeading.InnerTextAsync()).Trim();
        var caseUrl = page.Url;
        await ExpectStatusAsync(page, ComplaintStatus.Received);
        await ExpectTimelineAsync(page, ComplaintHistoryKinds.Registered, 1);
        await Screenshots.SaveAsync(page, "journey-01-registered");

        // The queue lists it as Received, with a live countdown to the acknowledgement deadline (P-20).
        await GoToAsync(page, "queue");
        var row = await FindQueueRowAsync(page, reference);
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("[data-testid=status-chip]")).ToHaveAttributeAsync("data-status", nameof(ComplaintStatus.Received));
        // The server renders the due time; portal.js replaces it with the time left ("23 h 59 min") within a second.
        await Expect(row.Locator("[data-testid=deadline]")).ToHaveTextAsync(TimeLeftPattern());
        await Screenshots.SaveAsync(page, "journey-02-queue-received");

        // Acknowledge (P-20, P-21): by phone, the customer's preferred contact, with the default estimated date.
        await GoToAsync(page, caseUrl);
        await RunActionAsync(page, ComplaintAction.Acknowledge);
        await ExpectStatusAsync(page, ComplaintStatus.Acknowledged);
        await ExpectTimelineAsync(page, ComplaintHistoryKinds.Acknowledged, 1);
        await ExpectTimelineAsync(page, ComplaintHistoryKinds.StatusChanged, 1);
        await Screenshots.SaveAsync(page, "journey-03-acknowledged");

        // Investigate and record the root cause (P-30).
        await RunActionAsync(page, ComplaintAction.StartInvestigation);
        await ExpectStatusAsync(page, ComplaintStatus.Investigating);
        await ExpectTimelineAsync(page, ComplaintHistoryKinds.StatusChanged, 2);
        await RunActionAsync(page, ComplaintAction.RecordRootCause, form =>
            form.Locator("[data-testid=root-cause-description]").FillAsync("A batch of lids was moulded below the specified wall thickness."));
        await ExpectStatusAsync(page, ComplaintStatus.Investigating);
        await ExpectTimelineAsync(page, ComplaintHistoryKinds.RootCauseRecorded, 1);
        await Expect(page.Locator("[data-testid=root-cause]")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "journey-04-root-cause");

        // Offer a partial refund of 25 (currency defaults to EUR) (P-40).
        await RunActionAsync(page, ComplaintAction.ProposeResolution, async form =>
        {
            await form.Locator("[data-testid=resolution-kind]").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Partial refund" }).ClickAsync();
            await form.Locator("[data-testid=resolution-amount]").FillAsync("25");
            await form.Locator("[data-testid=resolution-details]").FillAsync("Refund of 25 EUR; the customer keeps the kettle and gets a replacement lid.");
        });
        await ExpectStatusAsync(page, ComplaintStatus.Resolving);
        await ExpectTimelineAsync(page, ComplaintHistoryKinds.ResolutionProposed, 1);
        await ExpectTimelineAsync(page, ComplaintHistoryKinds.StatusChanged, 3);
        await Screenshots.SaveAsync(page, "journey-05-resolution-proposed");

        // The customer accepts (the form's default answer) (P-40, P-41).
        await RunActionAsync(page, ComplaintAction.RecordCustomerResponse);
        await ExpectStatusAsync(page, ComplaintStatus.Resolving);
        await ExpectTimelineAsync(page, ComplaintHistoryKinds.CustomerResponded, 1);
        await Screenshots.SaveAsync(page, "journey-06-customer-accepted");

        // The refund is carried out today (P-41).
        await RunActionAsync(page, ComplaintAction.Resolve);
        await ExpectStatusAsync(page, ComplaintStatus.Resolved);
        await ExpectTimelineAsync(page, ComplaintHistoryKinds.StatusChanged, 4);
        await Screenshots.SaveAsync(page, "journey-07-resolved");

        // Close (P-50).
        await RunActionAsync(page, ComplaintAction.Close, form =>
            form.Locator("[data-testid=close-note]").FillAsync("Refund paid and replacement lid delivered; the customer confirmed by phone."));
        await ExpectStatusAsync(page, ComplaintStatus.Closed);
        await ExpectTimelineAsync(page, ComplaintHistoryKinds.StatusChanged, 5);
        await Expect(page.Locator("[data-testid=closure]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=resolution-amount-shown]")).ToContainTextAsync("25.00 EUR");
        await Screenshots.SaveAsync(page, "journey-08-closed");

        // Closed complaints leave the open queue: searching for the reference finds nothing.
        await GoToAsync(page, "queue");
        await Expect(await FindQueueRowAsync(page, reference)).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=queue-table]")).ToContainTextAsync("No complaints match these filters.");
        await Screenshots.SaveAsync(page, "journey-09-queue-after-close");
        Assert.True(violations.Count == 0, "CSP violations or page errors:\n" + string.Join("\n", violations));
    }

    [Fact]
    public async Task AnonymousVisitor_OpensQueue_SignsInAndReturnsToQueue()
    {
        var (app, baseAddress) = await StartPortalAsync();
        var context = await NewContextAsync(baseAddress);
        var page = await OpenPageAsync(context, "journey-anonymous-failed");

        await page.GotoAsync("queue");
        await Expect(page).ToHaveURLAsync(LoginWithQueueReturnPattern());

        await SubmitLoginAsync(page, CsmEmail);

        await Expect(page).ToHaveURLAsync(new Uri(baseAddress, "queue").ToString());
        await WaitForInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=queue-table]")).ToBeVisibleAsync();
    }

    /// <summary>Narrows the queue to <paramref name="reference"/> with its search box and returns the rows showing that reference.</summary>
    private static async Task<ILocator> FindQueueRowAsync(IPage page, string reference)
    {
        var table = page.Locator("[data-testid=queue-table]");
        await Expect(table).ToBeVisibleAsync();
        await page.Locator("[data-testid=queue-search]").FillAsync(reference);
        // The search is debounced and runs on the server: wait until the other complaints have left the table.
        await Expect(table.Locator("[data-testid=queue-reference]").Filter(new() { HasNotText = reference })).ToHaveCountAsync(0);
        // A Has locator is matched inside each row, so it starts from the page, not from the table.
        var link = page.Locator("[data-testid=queue-reference]").Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(reference)}$") });
        return table.Locator("tbody tr").Filter(new() { Has = link });
    }

    /// <summary>Opens <paramref name="action"/>'s form, lets <paramref name="fill"/> complete it, saves, and waits for the form to close.</summary>
    private static async Task RunActionAsync(IPage page, ComplaintAction action, Func<ILocator, Task>? fill = null)
    {
        await page.Locator($"[data-testid=action-{action}]").ClickAsync();
        var form = page.Locator($"[data-testid=action-form][data-action={action}]");
        await Expect(form).ToBeVisibleAsync();
        if (fill is not null)
        {
            await fill(form);
        }

        await form.Locator("[data-testid=action-submit]").ClickAsync();
        await Expect(page.Locator("[data-testid=action-form]")).ToHaveCountAsync(0);
    }

    private static Task ExpectStatusAsync(IPage page, ComplaintStatus status) =>
        Expect(page.Locator("[data-testid=status-chip]")).ToHaveAttributeAsync("data-status", status.ToString());

    private static Task ExpectTimelineAsync(IPage page, string kind, int count) =>
        Expect(page.Locator($"[data-testid=timeline-entry][data-kind={kind}]")).ToHaveCountAsync(count);

    [GeneratedRegex(@"^ZW-\d{4}-\d{6}$")]
    private static partial Regex ReferencePattern();

    /// <summary>
    /// portal.js's countdown text in the page's language (issue 20): "1 d 3 h", "23 h 59 min", "23 h" or "42 min" (never
    /// "overdue" for a complaint received just now).
    /// </summary>
    [GeneratedRegex(@"^(\d+ d( \d+ h)?|\d+ h( \d+ min)?|\d+ min)$")]
    private static partial Regex TimeLeftPattern();

    // The cookie middleware's redirect spells it "ReturnUrl"; the login page reads the parameter either way.
    [GeneratedRegex(@"/account/login\?returnUrl=%2Fqueue$", RegexOptions.IgnoreCase)]
    private static partial Regex LoginWithQueueReturnPattern();
}
