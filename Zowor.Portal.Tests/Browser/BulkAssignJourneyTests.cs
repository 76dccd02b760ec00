using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static Zowor.Portal.Harness.PageSteps;

namespace Zowor.Portal.Tests.Browser;

/// <summary>
/// Issue 17 in a real browser: a CSM finds 20 complaints with a lower-case search kept in the URL, selects them, assigns
/// them to a colleague in one action, and every row reports done; the "Assigned to me" view and the back button work
/// from the URL.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class BulkAssignJourneyTests(BrowserFixture browser) : BrowserJourney(browser), IClassFixture<BrowserFixture>
{
    private static readonly string CsmEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Csm);
    private const string AgentName = "Aigerim Agent";

    [Fact]
    public async Task Csm_Selects20Complaints_AndAssignsThemInOneAction()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, baseAddress) = await StartPortalAsync();
        var ids = await RegisterTwentyAsync(app, ct);
        var page = await OpenPageAsync(baseAddress, "bulk-failed");
        await SignInAsync(page, CsmEmail);
        // The search is in the URL (shareable) and ignores case: "PALLET" finds "Pallet".
        await GoToAsync(page, "queue?q=PALLET");
        await Expect(page.Locator("[data-testid=queue-total]")).ToHaveTextAsync("20 matching");
        await Expect(page.Locator("[data-testid=queue-reference]")).ToHaveCountAsync(20);

        // Select every row: the header's checkbox.
        await page.Locator("[data-testid=queue-table] thead input[type=checkbox]").CheckAsync();
        await Expect(page.Locator("[data-testid=bulk-count]")).ToHaveTextAsync("20 selected");

        await page.Locator("[data-testid=bulk-action]").ClickAsync();
        // In the open list: the queue's owner filter is a native select whose options ("Assigned to me", the staff) are
        // options too.
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = "Assign", Exact = true }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.Locator("[data-testid=bulk-owner]").ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = AgentName }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "bulk-01-twenty-selected");
        await page.Locator("[data-testid=bulk-apply]").ClickAsync();

        await Expect(page.Locator("[data-testid=bulk-result]")).ToContainTextAsync("20 done, 0 changed by someone else, 0 refused.");
        await Expect(page.Locator("[data-testid=row-owner]").Filter(new() { HasText = AgentName })).ToHaveCountAsync(20);
        await Screenshots.SaveAsync(page, "bulk-02-assigned");

        // A built-in view is a link; Back returns to the search.
        await page.Locator("[data-testid=view-unassigned]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(baseAddress, "queue?owner=-").ToString());
        await Expect(page.Locator("[data-testid=queue-reference]").Filter(new() { HasText = "ZW-" })).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=row-owner]").Filter(new() { HasText = AgentName })).ToHaveCountAsync(0);
        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Uri(baseAddress, "queue?q=PALLET").ToString());
        await Expect(page.Locator("[data-testid=queue-total]")).ToHaveTextAsync("20 matching");

        await using var db = app.Database.CreateContext();
        var owners = await db.Complaints.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => c.OwnerName).ToListAsync(ct);
        Assert.Equal(20, owners.Count(o => o == AgentName));
    }

    private static async Task<List<Guid>> RegisterTwentyAsync(PortalAppFactory app, CancellationToken ct)
    {
        await using var csm = await app.SignInAsync(CsmEmail);
        var ids = new List<Guid>();
        for (var i = 1; i <= 20; i++)
        {
            var registered = await csm.Complaints.RegisterAsync(new RegisterComplaintForm
            {
                Channel = ComplaintChannel.Phone,
                ReceivedOn = DateTime.UtcNow.Date.AddDays(-1),
                ReceivedTime = new TimeSpan(10, 0, 0),
                CustomerName = $"Warehouse customer {i:00}",
                Phone = "+7 777 555 01 02",
                PreferredContact = ContactMethod.Phone,
                Subject = $"Pallet {i:00} arrived crushed",
                Description = "The courier's pallet arrived crushed.",
                CategoryCode = "delivery",
            }, ct);
            ids.Add(registered.Id);
        }

        return ids;
    }
}
