using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zowor.Portal.Data;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Zowor.Portal.Tests.Browser;

/// <summary>The customer's side in a real browser: complain on the web form, track it, ask for the CEO (P-10, P-21, P-41, P-73).</summary>
[Collection(PortalHostCollection.Name)]
public sealed partial class CustomerJourneyTests(BrowserFixture browser) : BrowserJourney(browser), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Customer_ComplainsOnTheWeb_TracksTheComplaintAndAsksForTheCEO_WhoThenHasItAtLevel3()
    {
        var (app, baseAddress) = await StartPortalAsync();
        var context = await NewContextAsync(baseAddress);
        var page = await OpenPageAsync(context, "customer-journey-customer-failed-page");
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);

        // P-10: the web form, no account. A first attempt without consent is refused and keeps the text.
        await page.GotoAsync("complain");
        await page.Locator("#name").FillAsync("Aigerim Bekova");
        await page.Locator("#email").FillAsync("aigerim.bekova@example.com");
        await page.Locator("#order").FillAsync("ZW-100234");
        await page.Locator("#product").FillAsync("Zowor Blender 600");
        await page.Locator("#category").SelectOptionAsync("product-defect");
        await page.Locator("#preferred").SelectOptionAsync("Replacement");
        await page.Locator("#description").FillAsync("The blender's jug cracked the first time I used it, on the lowest speed.");
        await Screenshots.SaveAsync(page, "customer-01-form");
        await page.Locator("[data-testid=submit-complaint]").ClickAsync();
        await Expect(page.Locator("#consent-error")).ToContainTextAsync("Please agree to the processing of your personal data");
        await Expect(page.Locator("#description")).ToHaveValueAsync("The blender's jug cracked the first time I used it, on the lowest speed.");
        await Screenshots.SaveAsync(page, "customer-02-consent-missing");
        await page.Locator("#consent").CheckAsync();
        await page.Locator("[data-testid=submit-complaint]").ClickAsync();

        // P-21: the confirmation shows the reference.
        var referenceBox = page.Locator("[data-testid=reference]");
        await Expect(referenceBox).ToHaveTextAsync(ReferencePattern());
        var reference = (await referenceBox.InnerTextAsync()).Trim();
        await Screenshots.SaveAsync(page, "customer-03-received");

        // The status lookup (prefilled from the confirmation's link) with the reference and e-mail.
        await page.GetByRole(AriaRole.Link, new() { Name = "Track your complaint" }).ClickAsync();
        await Expect(page.Locator("#reference")).ToHaveValueAsync(reference);
        await page.Locator("#contact").FillAsync("aigerim.bekova@example.com");
        await page.Locator("[data-testid=look-up]").ClickAsync();
        await Expect(page.Locator("[data-testid=case-reference]")).ToHaveTextAsync(reference);
        await Expect(page.Locator("[data-testid=customer-status]")).ToHaveTextAsync("Received, waiting for acknowledgement");
        await Expect(page.Locator("[data-testid=customer-updates]")).ToContainTextAsync($"[{reference}] We have received your complaint");
        await Screenshots.SaveAsync(page, "customer-04-status");

        // P-73: the customer asks for the CEO, with a reason.
        await page.Locator("#ceo-reason").FillAsync("I need a working blender for my daughter's birthday on Saturday.");
        await page.Locator("[data-testid=ask-ceo]").ClickAsync();
        await Expect(page.Locator("[data-testid=form-success]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=customer-level]")).ToHaveTextAsync("Under review by the CEO");
        await Screenshots.SaveAsync(page, "customer-05-asked-for-ceo");

        // Staff side: the complaint is at level 3 on the CEO review page and on its case page.
        var staff = await OpenPageAsync(context, "customer-journey-customer-failed-staff");
        await staff.GotoAsync("account/login");
        await staff.Locator("#email").FillAsync(SeededPortalFixture.DemoEmailFor(PortalRoles.Cco));
        await staff.Locator("#password").FillAsync(DbSeeder.DemoPassword);
        await staff.Locator("button[type=submit]").ClickAsync();
        await Expect(staff.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await staff.GotoAsync("ceo");
        await Expect(staff.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        var link = staff.GetByRole(AriaRole.Link, new() { Name = reference });
        await Expect(link).ToBeVisibleAsync();
        await Screenshots.SaveAsync(staff, "customer-06-ceo-page");
        await link.ClickAsync();
        await Expect(staff.Locator("[data-testid=case-level]")).ToContainTextAsync("Level 3");
        await Expect(staff.Locator("[data-testid=escalations]")).ToContainTextAsync("I need a working blender for my daughter's birthday on Saturday.");
        await Screenshots.SaveAsync(staff, "customer-07-case-level-3");

        Assert.Empty(problems);
    }

    [GeneratedRegex("^ZW-\\d{4}-\\d{6}$")]
    private static partial Regex ReferencePattern();
}
