using Microsoft.Playwright;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Zowor.Portal.Tests.Browser;

/// <summary>
/// Layouts that hold from a 390 px phone to a 1,920 px screen (issue 20): the live queue, a case page, the CCO's
/// escalation board, the CEO review page, trends and CAPA, each opened by a role that works there, at 390, 1,400 and
/// 1,920 px, and at 390 px in Russian too. Every page is saved as a screenshot (<c>TestResults/screenshots/responsive-{width}-{page}.png</c>) for people
/// to look at (Russian ones end in <c>-ru</c>), and must not scroll sideways; on the queue and the boards the first row's key cells (reference, customer,
/// status, time left, owner) lie inside the viewport, the rest behind the row's expand button. On a phone the app bar
/// stays one line high and its menu opens. One portal with the demo data (the page smoke test's), one tab per role.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class ResponsiveLayoutTests(BrowserFixture browser, PageSmokeTests.Portal portal)
    : IClassFixture<BrowserFixture>, IClassFixture<PageSmokeTests.Portal>
{
    private const int PhoneWidth = 390;

    /// <summary>The key cells of a queue or board row, by their test ids.</summary>
    private static readonly string[] KeyCells = ["queue-reference", "row-customer", "status-chip", "row-time-left", "row-owner"];

    /// <summary>The key facts of a complaint on the CEO review page, by their test ids.</summary>
    private static readonly string[] CeoKeyCells = ["ceo-reference", "ceo-customer", "status-chip", "ceo-time-left", "ceo-owner"];

    /// <summary>The three widths in English, and the phone once more in Russian (longer words, the tightest fit).</summary>
    public static TheoryData<int, string> Widths => new()
    {
        { PhoneWidth, "en" },
        { 1400, "en" },
        { 1920, "en" },
        { PhoneWidth, "ru" },
    };

    /// <summary>(page name, role that opens it, route, what to check besides the sideways scroll).</summary>
    private static readonly (string Name, string Role, string Route, string[] KeyCells)[] Pages =
    [
        ("queue", PortalRoles.Csm, "/queue", KeyCells),
        ("case", PortalRoles.Csm, "/complaints/{Id:guid}", []),
        ("cco-board", PortalRoles.Cco, "/escalations", KeyCells),
        ("ceo", PortalRoles.Ceo, "/ceo", CeoKeyCells),
        ("trends", PortalRoles.Cco, "/trends", []),
        ("capa", PortalRoles.Cco, "/capa", []),
    ];

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task EveryPage_AtWidth_HasNoSidewaysScrollAndShowsItsKeyColumns(int width, string culture)
    {
        var suffix = culture == "en" ? "" : "-" + culture;
        var problems = new List<string>();
        foreach (var (name, role, route, keyCells) in Pages)
        {
            var page = (await portal.TabForAsync(browser, role, culture)).Page;
            await page.SetViewportSizeAsync(width, 900);
            await page.GotoAsync(portal.SamplePath(route).TrimStart('/'));
            await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
            if (keyCells.Length > 0)
            {
                await Expect(page.Locator($"[data-testid={keyCells[0]}]").First).ToBeVisibleAsync();
            }

            // The first data loads, then the countdowns' tick (once a second) at once.
            await page.WaitForTimeoutAsync(400);
            await page.EvaluateAsync("() => window.zoworTick && window.zoworTick()");
            await Screenshots.SaveAsync(page, $"responsive-{width}-{name}{suffix}");

            var scroll = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            if (scroll[0] > scroll[1])
            {
                problems.Add($"{name} ({route}) at {width} px scrolls sideways: {scroll[0]} px of content in {scroll[1]} px; widest: {await WidestAsync(page)}");
            }

            problems.AddRange(await KeyCellsOutsideAsync(page, name, width, keyCells));
            if (width == PhoneWidth && keyCells.Length > 0)
            {
                // The phone rows are a grid, not table cells: still WCAG A/AA (the axe suite runs at desktop width).
                problems.AddRange((await AccessibilityTests.SeriousViolationsAsync(page)).Select(v => $"{name} at {width} px in {culture}: {v}"));
            }
            if (name == "queue" && width == PhoneWidth)
            {
                problems.AddRange(await PhoneAppBarProblemsAsync(page, suffix));
                problems.AddRange(await RowDetailsProblemsAsync(page, suffix));
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} layout problem(s) at {width} px in {culture}:\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public async Task OnAPhone_TheAppBarMenu_SignsOut()
    {
        await using var context = await browser.NewContextAsync(portal.Address);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(PhoneWidth, 800);
        await PageSteps.SignInAsync(page, SeededPortalFixture.DemoEmailFor(PortalRoles.Agent));

        // Signing out is a POST with an antiforgery token: the menu item submits the bar's own (hidden) form.
        await page.Locator("[data-testid=appbar-more]").ClickAsync();
        await page.Locator("[data-testid=appbar-menu-sign-out]").ClickAsync();
        await Expect(page.Locator("#email")).ToBeVisibleAsync();
        await page.GotoAsync("queue");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("account/login"));
    }

    [Fact]
    public async Task OnAPhone_TheAppBarMenu_Works_WithTheKeyboardOnly()
    {
        await using var context = await browser.NewContextAsync(portal.Address);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(PhoneWidth, 800);
        await PageSteps.SignInAsync(page, SeededPortalFixture.DemoEmailFor(PortalRoles.Agent));

        // Issue 20 (keyboard use of every menu): the "More" menu opens with Enter, the arrow keys move through its items,
        // and Enter on "Русский" switches the portal's language.
        await KeyboardJourneyTests.TabToAsync(page, "[data-testid=appbar-more] button");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-testid=appbar-menu-sign-out]")).ToBeVisibleAsync();
        // In the order they are shown: the first item has the focus, each arrow moves one down.
        await Expect(page.Locator(".mud-popover-open [data-testid=appbar-menu-search]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator(".mud-popover-open [lang=en]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator(".mud-popover-open [lang=ru]")).ToBeFocusedAsync();
        await Screenshots.SaveAsync(page, "responsive-390-more-menu-keyboard");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ru");
        await Expect(page.Locator("[data-testid=appbar-more] button")).ToHaveAttributeAsync("aria-label", "Ещё");
    }

    /// <summary>
    /// A menu opened with the mouse closes on Escape and gives the focus back to its button (the WAI-ARIA menu button
    /// pattern, WCAG 2.1.1): MudMenu handles Escape only in its open list, which the first click on an app-bar menu
    /// (LazyMenu, its MudMenu opened from .NET) does not focus, so the menu stayed open until a click elsewhere
    /// (wwwroot/js/portal.js). Each menu twice: the first press creates its MudMenu (LazyMenu), whose button then takes
    /// the focus the replaced one had; the second opens the MudMenu already there, which focuses its first item.
    /// </summary>
    [Fact]
    public async Task TheAppBarMenus_OpenedWithTheMouse_CloseOnEscape_AndTheFocusReturnsToTheirButton()
    {
        await using var context = await browser.NewContextAsync(portal.Address);
        var page = await context.NewPageAsync();
        await PageSteps.SignInAsync(page, SeededPortalFixture.DemoEmailFor(PortalRoles.Csm));
        await page.GotoAsync("queue");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        var openMenus = page.Locator(".mud-popover-open [role=menu]");

        foreach (var menu in new[] { "culture-switch", "notification-button" })
        {
            var button = page.Locator($"[data-testid={menu}] button").First;
            for (var press = 1; press <= 2; press++)
            {
                await button.ClickAsync();
                await Expect(openMenus).ToHaveCountAsync(1);
                await Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
                // The first time on its button, then (MudBlazor's way) on its first item: never nowhere.
                await Expect(press == 1 ? button : page.Locator(".mud-popover-open [role=menuitem]").First).ToBeFocusedAsync();
                await page.Keyboard.PressAsync("Escape");
                await Expect(openMenus).ToHaveCountAsync(0);
                await Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
                await Expect(button).ToBeFocusedAsync();
            }
        }
    }

    /// <summary>
    /// The menu's drawer at either side of MudBlazor's md breakpoint (960 px), as MudDrawer's responsive variant behaved
    /// before it became plain markup (issue 21): hidden on a phone until the menu button opens it over the page with an
    /// overlay that closes it; open beside the content on a wide screen, where the button closes and reopens it; and
    /// the window crossing the breakpoint closes it below and opens it above. The button's aria-expanded says what is seen.
    /// </summary>
    [Fact]
    public async Task TheDrawer_OpensAndCloses_AtEitherSideOfTheBreakpoint()
    {
        await using var context = await browser.NewContextAsync(portal.Address);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(PhoneWidth, 800);
        await PageSteps.SignInAsync(page, SeededPortalFixture.DemoEmailFor(PortalRoles.Csm));
        await page.GotoAsync("queue");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        var drawer = page.Locator("aside.mud-drawer");
        var phoneButton = page.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true });
        var overlay = page.Locator(".mud-drawer-overlay");

        // A phone: no drawer until the button opens it over the page, with the overlay.
        Assert.False(await ShownAsync(drawer), "the drawer shows on a phone before the menu button is pressed");
        await Expect(phoneButton).ToHaveAttributeAsync("aria-expanded", "false");
        await phoneButton.ClickAsync();
        await Expect(drawer.Locator("a[href='queue']")).ToBeVisibleAsync();
        await Expect(overlay).ToBeVisibleAsync();
        await Expect(phoneButton).ToHaveAttributeAsync("aria-expanded", "true");
        await page.WaitForTimeoutAsync(300);
        await Screenshots.SaveAsync(page, $"responsive-{PhoneWidth}-drawer-open");
        await overlay.ClickAsync(new() { Position = new() { X = PhoneWidth - 20, Y = 400 } });
        await Expect(overlay).ToBeHiddenAsync();
        await Expect(phoneButton).ToHaveAttributeAsync("aria-expanded", "false");
        await page.WaitForTimeoutAsync(300);
        Assert.False(await ShownAsync(drawer), "the overlay's click left the drawer on screen");

        // Wider than the breakpoint: the closed drawer opens beside the content, and the (other) button closes it.
        await page.SetViewportSizeAsync(1400, 900);
        var wideButton = page.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true });
        await Expect(wideButton).ToHaveAttributeAsync("aria-expanded", "true");
        await page.WaitForTimeoutAsync(300);
        Assert.True(await ShownAsync(drawer), "the drawer did not open when the window grew past the breakpoint");
        await Expect(overlay).ToBeHiddenAsync();
        Assert.True(await page.Locator("#main-content").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).marginLeft)") > 0,
            "the content does not make room for the open drawer");
        await Screenshots.SaveAsync(page, "responsive-1400-drawer-open");
        await wideButton.ClickAsync();
        await Expect(wideButton).ToHaveAttributeAsync("aria-expanded", "false");
        await page.WaitForTimeoutAsync(300);
        Assert.False(await ShownAsync(drawer), "the menu button did not close the drawer on a wide screen");
        await wideButton.ClickAsync();
        await Expect(wideButton).ToHaveAttributeAsync("aria-expanded", "true");
        await page.WaitForTimeoutAsync(300);
        Assert.True(await ShownAsync(drawer), "the menu button did not reopen the drawer on a wide screen");

        // Back below the breakpoint, the open drawer closes.
        await page.SetViewportSizeAsync(PhoneWidth, 800);
        await Expect(phoneButton).ToHaveAttributeAsync("aria-expanded", "false");
        await page.WaitForTimeoutAsync(300);
        Assert.False(await ShownAsync(drawer), "the drawer stayed on screen when the window shrank below the breakpoint");
        await Expect(overlay).ToBeHiddenAsync();
    }

    /// <summary>Whether any of the drawer lies inside the viewport (a closed drawer is moved off to the left, or not displayed).</summary>
    private static async Task<bool> ShownAsync(ILocator drawer) =>
        await drawer.EvaluateAsync<bool>("e => { const r = e.getBoundingClientRect(); return getComputedStyle(e).display !== 'none' && r.width > 0 && r.right > 1; }");

    /// <summary>The key cells of the first row that are missing, hidden or not wholly inside the viewport.</summary>
    private static async Task<IEnumerable<string>> KeyCellsOutsideAsync(IPage page, string name, int width, string[] keyCells)
    {
        if (keyCells.Length == 0)
        {
            return [];
        }

        var problems = new List<string>();
        var row = page.Locator($"[data-testid={keyCells[0]}]").First.Locator("xpath=ancestor::*[self::tr or @data-testid='ceo-case'][1]");
        foreach (var cell in keyCells)
        {
            var box = await row.Locator($"[data-testid={cell}]").First.BoundingBoxAsync();
            if (box is null || box.Width == 0)
            {
                problems.Add($"{name} at {width} px: the first row's {cell} is not shown");
            }
            else if (box.X < 0 || box.X + box.Width > width + 0.5)
            {
                problems.Add($"{name} at {width} px: the first row's {cell} lies outside the viewport (x {box.X:0} to {box.X + box.Width:0})");
            }
        }

        // The table itself must not scroll sideways inside its box either (the owner column off the right edge).
        var overflow = await page.EvaluateAsync<int>(
            "() => Math.max(0, ...Array.from(document.querySelectorAll('.mud-table-container')).map(c => c.scrollWidth - c.clientWidth))");
        if (overflow > 1)
        {
            problems.Add($"{name} at {width} px: the table scrolls sideways by {overflow} px");
        }

        return problems;
    }

    /// <summary>On a phone the app bar is one line (no wrapping) and its menu opens with the items that do not fit.</summary>
    private static async Task<IEnumerable<string>> PhoneAppBarProblemsAsync(IPage page, string suffix)
    {
        var problems = new List<string>();
        var bar = await page.Locator(".mud-appbar").BoundingBoxAsync();
        if (bar is null || bar.Height > 64)
        {
            problems.Add($"the app bar at {PhoneWidth} px is {bar?.Height:0} px high, more than one line");
        }

        await page.Locator("[data-testid=appbar-more]").ClickAsync();
        var signOut = page.Locator("[data-testid=appbar-menu-sign-out]");
        await Expect(signOut).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, $"responsive-{PhoneWidth}-appbar-menu{suffix}");
        var box = await signOut.BoundingBoxAsync();
        if (box is null || box.X < 0 || box.X + box.Width > PhoneWidth + 0.5)
        {
            problems.Add($"the app bar's menu at {PhoneWidth} px does not show its items inside the viewport");
        }

        await page.Keyboard.PressAsync("Escape");
        return problems;
    }

    /// <summary>A row's expand button shows the columns that gave way (subject, category, channel, received), in place.</summary>
    private static async Task<IEnumerable<string>> RowDetailsProblemsAsync(IPage page, string suffix)
    {
        var url = page.Url;
        var row = page.Locator("[data-testid=queue-table] tbody tr").First;
        var subject = (await row.Locator("[data-testid=row-subject]").TextContentAsync())?.Trim();
        await row.Locator("[data-testid=row-expand]").ClickAsync();
        var detail = page.Locator("[data-testid=row-detail]").First;
        await Expect(detail).ToBeVisibleAsync();
        await Expect(row.Locator("[data-testid=row-expand]")).ToHaveAttributeAsync("aria-expanded", "true");
        await Screenshots.SaveAsync(page, $"responsive-{PhoneWidth}-queue-row-details{suffix}");
        var problems = new List<string>();
        if (page.Url != url)
        {
            problems.Add($"the expand button at {PhoneWidth} px left the queue for {page.Url}");
        }

        if (string.IsNullOrEmpty(subject) || !(await detail.TextContentAsync() ?? "").Contains(subject, StringComparison.Ordinal))
        {
            problems.Add($"the row's details at {PhoneWidth} px do not show its subject \"{subject}\"");
        }

        var box = await detail.BoundingBoxAsync();
        if (box is null || box.X + box.Width > PhoneWidth + 0.5)
        {
            problems.Add($"the row's details at {PhoneWidth} px do not fit the viewport");
        }

        return problems;
    }

    /// <summary>The element that reaches furthest right, to name in a failure.</summary>
    private static Task<string> WidestAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
          let widest = null, right = 0;
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.width > 0 && r.right > right + 0.5) { right = r.right; widest = el; }
          }
          if (!widest) return '(none)';
          const cls = typeof widest.className === 'string' ? widest.className : '';
          return `<${widest.tagName.toLowerCase()} class="${cls.slice(0, 80)}" data-testid="${widest.getAttribute('data-testid') ?? ''}"> right edge ${Math.round(right)} px`;
        }
        """);
}
