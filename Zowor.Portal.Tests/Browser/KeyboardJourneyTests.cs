using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Zowor.Portal.Tests.Browser;

/// <summary>
/// The main journeys without a mouse (issue 20, WCAG 2.1.1 Keyboard): only Tab, Shift+Tab, Enter, Space, arrow keys and
/// typed text through <c>page.Keyboard</c>; never a click or a fill. Each step tabs to its control, so a control that
/// cannot be reached by keyboard fails the journey and names the control.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed partial class KeyboardJourneyTests(BrowserFixture browser) : BrowserJourney(browser), IClassFixture<BrowserFixture>
{
    /// <summary>How many Tab presses a step may take before the control counts as unreachable.</summary>
    private const int MaxTabs = 60;

    [Fact]
    public async Task Customer_SubmitsThePublicComplaintForm_WithTheKeyboardOnly()
    {
        var (app, baseAddress) = await StartPortalAsync();
        var context = await NewContextAsync(baseAddress);
        var page = await OpenPageAsync(context, "keyboard-journey-customer-failed-page");
        await page.GotoAsync("complain");

        // The page puts the focus on its heading; the skip link sits before the header's links and shows when focused.
        await TabToAsync(page, ".skip-link", backwards: true);
        await Expect(page.Locator(".skip-link")).ToBeInViewportAsync();

        // Sent empty: each error is named with its field (aria-describedby), so a screen reader reads them together (WCAG 3.3.1).
        await TabToAsync(page, "[data-testid=submit-complaint]");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#name-error")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("#name")).ToHaveAccessibleDescriptionAsync((await page.Locator("#name-error").InnerTextAsync()).Trim());
        await Expect(page.Locator("#description")).ToHaveAccessibleDescriptionAsync(new Regex("Up to 4000 characters\\..+"));
        await Expect(page.Locator("#order")).ToHaveAccessibleDescriptionAsync(string.Empty);
        await Screenshots.SaveAsync(page, "keyboard-00-public-form-errors");

        await TabToAsync(page, "#name");
        await page.Keyboard.TypeAsync("Aigerim Bekova");
        await TabToAsync(page, "#email");
        await page.Keyboard.TypeAsync("aigerim.bekova@example.com");
        await TabToAsync(page, "#product");
        await page.Keyboard.TypeAsync("Zowor Blender 600");
        // A closed <select> changes its choice with the arrow keys.
        await TabToAsync(page, "#category");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator("#category")).Not.ToHaveValueAsync("");
        await TabToAsync(page, "#description");
        await page.Keyboard.TypeAsync("The blender's jug cracked the first time I used it, on the lowest speed.");
        await TabToAsync(page, "#consent");
        await page.Keyboard.PressAsync("Space");
        await Expect(page.Locator("#consent")).ToBeCheckedAsync();

        // The Send button shows where the focus is.
        await TabToAsync(page, "[data-testid=submit-complaint]");
        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
        await Screenshots.SaveAsync(page, "keyboard-01-public-form-send-focused");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("[data-testid=reference]")).ToHaveTextAsync(ReferencePattern());
        await Screenshots.SaveAsync(page, "keyboard-02-public-form-received");
    }

    [Fact]
    public async Task Csm_AcknowledgesAComplaintFromTheQueue_WithTheKeyboardOnly()
    {
        var (app, baseAddress) = await StartPortalAsync();
        var context = await NewContextAsync(baseAddress);
        var page = await OpenPageAsync(context, "keyboard-journey-csm-failed-page");

        await page.GotoAsync("account/login");
        await TabToAsync(page, "#email");
        await page.Keyboard.TypeAsync(SeededPortalFixture.DemoEmailFor(PortalRoles.Csm));
        await TabToAsync(page, "#password");
        await page.Keyboard.TypeAsync(DbSeeder.DemoPassword);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();

        // P-20: the queue lists the unacknowledged complaints first; the first one opens with Enter.
        await page.GotoAsync("queue");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        var first = page.Locator("[data-testid=queue-reference]").First;
        await Expect(first).ToBeVisibleAsync();
        var reference = (await first.InnerTextAsync()).Trim();
        await TabToAsync(page, "[data-testid=queue-reference]");
        Assert.Equal(reference, (await page.EvaluateAsync<string>("() => document.activeElement.textContent")).Trim());
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(CasePagePattern());
        await Expect(page.Locator("[data-testid=action-Acknowledge]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=status-chip]")).ToHaveAttributeAsync("data-status", nameof(ComplaintStatus.Received));

        await TabToAsync(page, "[data-testid=action-Acknowledge]");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-testid=action-form]")).ToBeVisibleAsync();
        await TabToAsync(page, "[data-testid=action-submit]");
        await Screenshots.SaveAsync(page, "keyboard-03-csm-acknowledge-form");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-testid=status-chip]")).ToHaveAttributeAsync("data-status", nameof(ComplaintStatus.Acknowledged));
        await Screenshots.SaveAsync(page, "keyboard-04-csm-acknowledged");

        // A MudBlazor menu by keyboard: the bell opens with Enter and Escape closes it (the arrow keys walk a menu's items:
        // ResponsiveLayoutTests.OnAPhone_TheAppBarMenu_Works_WithTheKeyboardOnly).
        await TabToAsync(page, "[data-testid=notification-button] button", backwards: true);
        await page.Keyboard.PressAsync("Enter");
        var firstItem = page.Locator(".mud-popover-open .mud-menu-item, .mud-popover-open .mud-list-item").First;
        await Expect(firstItem).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "keyboard-05-csm-bell-open");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator(".mud-popover-open .mud-menu-item, .mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task P01_Customer_AnswersTheSatisfactionSurvey_WithTheKeyboardOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, baseAddress) = await StartPortalAsync(new PortalAppOptions { SeedDemoData = false });
        var (_, token) = await Integration.Customers.SurveyTests.ClosedWithSurveyAsync(app, new PublicSite(app), ct);
        var context = await NewContextAsync(baseAddress);
        var page = await OpenPageAsync(context, "keyboard-journey-p01-failed-page");
        await page.GotoAsync($"survey/{token}");

        // Sent without a score: the question's group names its error.
        await TabToAsync(page, "[data-testid=send-survey]");
        await page.Keyboard.PressAsync("Enter");
        var outcome = page.Locator("fieldset[aria-describedby=outcome-error]");
        await Expect(page.Locator("#outcome-error")).Not.ToBeEmptyAsync();
        await Expect(outcome).ToHaveAccessibleDescriptionAsync((await page.Locator("#outcome-error").InnerTextAsync()).Trim());

        // A radio group is one Tab stop; the arrow keys move the choice along it.
        await TabToAsync(page, "input[name='Form.Outcome']");
        for (var i = 0; i < 4; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        await Expect(page.Locator("input[name='Form.Outcome'][value='5']")).ToBeCheckedAsync();
        await TabToAsync(page, "input[name='Form.Handling']");
        for (var i = 0; i < 3; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        await Expect(page.Locator("input[name='Form.Handling'][value='4']")).ToBeCheckedAsync();
        await TabToAsync(page, "#comment");
        await page.Keyboard.TypeAsync("Quick and polite, thank you.");
        await TabToAsync(page, "[data-testid=send-survey]");
        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
        await Screenshots.SaveAsync(page, "keyboard-06-survey-send-focused");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("[data-testid=survey-saved]")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "keyboard-07-survey-saved");
    }

    /// <summary>Presses Tab (or Shift+Tab) until the focus is on <paramref name="selector"/>; fails naming it when it is never reached.</summary>
    internal static async Task TabToAsync(IPage page, string selector, bool backwards = false)
    {
        var key = backwards ? "Shift+Tab" : "Tab";
        for (var i = 0; i < MaxTabs; i++)
        {
            if (await page.EvaluateAsync<bool>("s => !!document.activeElement && document.activeElement.matches(s)", selector))
            {
                return;
            }

            await page.Keyboard.PressAsync(key);
        }

        var at = await page.EvaluateAsync<string>("() => document.activeElement ? document.activeElement.outerHTML.slice(0, 160) : '(nothing)'");
        Assert.Fail($"{selector} on {page.Url} was not reached within {MaxTabs} presses of {key}; the focus is on {at}");
    }

    [GeneratedRegex("/complaints/[0-9a-f-]{36}$")]
    private static partial Regex CasePagePattern();

    [GeneratedRegex("^ZW-\\d{4}-\\d{6}$")]
    private static partial Regex ReferencePattern();
}
