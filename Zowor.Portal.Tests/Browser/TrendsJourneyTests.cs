using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Zowor.Portal.Data;
using Zowor.Portal.Features.Reviews;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static Zowor.Portal.Harness.PageSteps;

namespace Zowor.Portal.Tests.Browser;

/// <summary>
/// P-60, P-63, P-72 in a browser on the demo data: Quality opens the trends dashboard, narrows it to phone complaints and
/// sees the figures change; opens a review pack; the CEO (two factors) records a decision on a level-3 complaint.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class TrendsJourneyTests(BrowserFixture browser) : BrowserJourney(browser), IClassFixture<BrowserFixture>
{
    private static readonly string QualityEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Quality);
    private static readonly string CeoEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Ceo);

    [Fact]
    public async Task Quality_OpensTrends_FiltersByChannel_FiguresChange()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, baseAddress) = await StartPortalAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // P-63: last month's pack, as the job makes it on the 1st (tests run no job server).
            await scope.ServiceProvider.GetRequiredService<ReviewPackJob>().RunMonthlyAsync(ct);
        }

        var context = await NewContextAsync(baseAddress);
        var page = await OpenPageAsync(context, "trends-failed");
        await SignInAsync(page, QualityEmail);
        await page.Locator("a[href='trends']").ClickAsync();
        await WaitForInteractiveAsync(page);
        var received = page.Locator("[data-testid=tile-received] [data-testid=tile-value]");
        await Expect(received).Not.ToHaveTextAsync("0");
        var all = int.Parse(await received.TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        await Expect(page.Locator("[data-testid=chart-months] svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=pareto-bar]").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "trends-01-dashboard");

        await page.Locator("#filter-channel").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Phone" }).ClickAsync();

        await Expect(received).Not.ToHaveTextAsync(all.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var phone = int.Parse(await received.TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(phone, 1, all - 1);
        Assert.Contains("channel=Phone", await page.Locator("[data-testid=export-complaints]").GetAttributeAsync("href") ?? "", StringComparison.Ordinal);
        await Screenshots.SaveAsync(page, "trends-02-phone-only");

        await page.Locator("a[href='reviews']").ClickAsync();
        await WaitForInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=review-detail]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=finding-text]").FillAsync("Carrier delays cluster in Astana in winter.");
        await page.Locator("[data-testid=finding-decision]").FillAsync("Add a second carrier for Astana from December.");
        await page.Locator("[data-testid=finding-owner]").FillAsync("Logistics lead");
        await page.Locator("[data-testid=finding-add]").ClickAsync();
        await Expect(page.Locator("[data-testid=review-finding]")).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, "trends-03-review-pack");
    }

    [Fact]
    public async Task Ceo_RecordsADecisionOnALevel3Complaint()
    {
        var (app, baseAddress) = await StartPortalAsync();
        var context = await NewContextAsync(baseAddress);
        var page = await OpenPageAsync(context, "trends-ceo-failed");
        await PageSteps.SignInWithCodeAsync(page, CeoEmail);
        await page.Locator("a[href='ceo']").ClickAsync();
        await WaitForInteractiveAsync(page);

        var panel = page.Locator("[data-testid=ceo-case]").First;
        await Expect(panel).ToBeVisibleAsync();
        if (!await panel.Locator("[data-testid=ceo-decision-form]").IsVisibleAsync())
        {
            await panel.Locator(".mud-expand-panel-header").ClickAsync();
        }

        // Issue 20: a refusal is shown in the form it is about, not as a toast over the button.
        await panel.Locator("[data-testid=ceo-decide]").ClickAsync();
        await Expect(panel.Locator("[data-testid=ceo-decision-error]")).ToHaveTextAsync("Choose the outcome of the decision.");
        await Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0);

        await panel.GetByText("Improve offer", new() { Exact = true }).ClickAsync();
        await panel.Locator("[data-testid=ceo-decision-text]").FillAsync("Offer a full replacement and a 20% voucher; call the customer today.");
        await Screenshots.SaveAsync(page, "trends-04-ceo-form");
        await panel.Locator("[data-testid=ceo-decide]").ClickAsync();

        await Expect(panel.Locator("[data-testid=ceo-decision]")).ToContainTextAsync("Improve offer");
        await Expect(panel.Locator("[data-testid=ceo-decision-error]")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "trends-05-ceo-decided");
    }
}
