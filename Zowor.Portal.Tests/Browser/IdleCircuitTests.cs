using Microsoft.Playwright;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Features.Search;
using Zowor.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static Zowor.Portal.Harness.PageSteps;

namespace Zowor.Portal.Tests.Browser;

/// <summary>
/// Issue 21: a live queue left untouched hands its circuit back to the server (wwwroot/js/portal.js, "idle circuits")
/// and stays live without it (Realtime/IdlePageEvents); the first touch resumes it, and nothing the user did is lost.
/// Each test shortens the page's idle time (App.razor's data-idle-pause-seconds, Portal:IdlePauseSeconds) to a second.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class IdleCircuitTests(BrowserFixture browser) : BrowserJourney(browser), IClassFixture<BrowserFixture>
{
    /// <summary>The product's bound for a change to reach an open page (PRODUCT.md: within a second; 2 s in the live tests).</summary>
    private const float LiveBoundMs = 2_000;

    private static readonly string CsmEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Csm);

    [Fact]
    public async Task AnIdleQueue_PausesItsCircuit_ShowsANewComplaintWithoutIt_AndTheFirstClickResumesAndActs()
    {
        var (app, baseAddress) = await StartPortalAsync();
        var page = await OpenPageAsync(baseAddress, "idle-failed-queue");
        await SignInAsync(page, CsmEmail);
        await GoToAsync(page, "queue");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await MarkPageAsync(page);

        // Untouched for a second: the circuit is handed back, with no "rejoining" or "paused" dialog.
        await IdleAfterAsync(page, seconds: 1);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-circuit", "paused", new() { Timeout = 10_000 });
        await Expect(page.Locator("#components-reconnect-modal")).Not.ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "idle-01-queue-paused");

        // A complaint registered meanwhile (the phone line) appears on the paused page, in place, within the live bound.
        var reference = await RegisterAsync(app, "Idle Live");
        var row = page.Locator("[data-testid=queue-table] tbody tr.queue-row").Filter(new() { Has = page.Locator("[data-testid=queue-reference]", new() { HasTextString = reference }) });
        await Expect(row).ToHaveCountAsync(1, new() { Timeout = LiveBoundMs });
        Assert.Equal("paused", await page.Locator("html").GetAttributeAsync("data-circuit"));
        Assert.True(await IsMarkedAsync(page), "The paused queue was reloaded; it must update in place.");
        await Screenshots.SaveAsync(page, "idle-02-new-complaint-while-paused");

        // The first click, made while there is no circuit, is held until it is back and then acts: the row opens its details.
        await row.Locator("[data-testid=row-expand]").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-circuit", "active");
        await Expect(row.Locator("[data-testid=row-expand]")).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(page.Locator("[data-testid=row-detail]")).ToContainTextAsync("Idle Live");
        Assert.True(await IsMarkedAsync(page), "Resuming reloaded the page.");

        // With a row open the page keeps its circuit (the open row lives only there).
        await page.WaitForTimeoutAsync(2_500);
        Assert.Equal("active", await page.Locator("html").GetAttributeAsync("data-circuit"));
        await Screenshots.SaveAsync(page, "idle-03-resumed-by-the-click");
    }

    [Fact]
    public async Task AnIdleQueue_ResumedFromTheKeyboard_KeepsTheFocusWhereItWas()
    {
        var (_, baseAddress) = await StartPortalAsync();
        var page = await OpenPageAsync(baseAddress, "idle-failed-focus");
        await SignInAsync(page, CsmEmail);
        await GoToAsync(page, "queue");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        var sort = page.Locator("[data-testid=sort-reference]");
        await sort.FocusAsync();

        await IdleAfterAsync(page, seconds: 1);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-circuit", "paused", new() { Timeout = 10_000 });

        // A key resumes the circuit; the page Blazor renders for it puts the focus back on the same link (WCAG 2.4.3).
        await page.Keyboard.PressAsync("Shift");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-circuit", "active");
        Assert.Equal("sort-reference", await page.EvaluateAsync<string?>("() => document.activeElement?.getAttribute('data-testid')"));
        // And the circuit is live again: Enter on the focused link sorts, through Blazor's navigation, without a reload.
        await MarkPageAsync(page);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("sort=reference", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        Assert.True(await IsMarkedAsync(page), "Sorting after resuming reloaded the page.");
    }

    [Theory]
    [InlineData(PortalRoles.Agent, "queue")]
    [InlineData(PortalRoles.Csm, "queue")]
    [InlineData(PortalRoles.Cco, "queue")]
    [InlineData(PortalRoles.Cco, "escalations")]
    [InlineData(PortalRoles.Ceo, "escalations")]
    public async Task EveryRoleThatOpensAList_SeesItPauseQuietly_AndResumeOnTheFirstClick(string role, string path)
    {
        var (_, baseAddress) = await StartPortalAsync();
        var page = await OpenPageAsync(baseAddress, $"idle-failed-{role.ToLowerInvariant()}-{path}");
        // The CEO signs in with two factors (a code not used before for this portal and role).
        await SignInAsync(page, SeededPortalFixture.DemoEmailFor(role), role == PortalRoles.Ceo ? baseAddress.GetLeftPart(UriPartial.Authority) + "|" + role : null);
        await GoToAsync(page, path);
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await MarkPageAsync(page);

        await IdleAfterAsync(page, seconds: 1);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-circuit", "paused", new() { Timeout = 10_000 });
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-idle-stream", "open");
        await Expect(page.Locator("#components-reconnect-modal")).Not.ToBeVisibleAsync();
        await Expect(page.Locator("#blazor-error-ui")).Not.ToBeVisibleAsync();

        // A column heading clicked while paused sorts once the circuit is back, in place.
        await page.Locator("[data-testid=sort-reference]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("sort=reference", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-circuit", "active");
        Assert.True(await IsMarkedAsync(page), $"Resuming {path} as {role} reloaded the page.");
    }

    [Fact]
    public async Task ThePausedQueue_FollowsTheBrowsersBackButton()
    {
        // Back and forward change the address without touching the page: the circuit resumes on the address it shows.
        var (_, baseAddress) = await StartPortalAsync();
        var page = await OpenPageAsync(baseAddress, "idle-failed-back");
        await SignInAsync(page, CsmEmail);
        await GoToAsync(page, "queue");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await page.Locator("[data-testid=sort-reference]").ClickAsync();
        await Expect(page.Locator("[data-testid=sort-reference] svg")).ToBeAttachedAsync();

        await IdleAfterAsync(page, seconds: 1);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-circuit", "paused", new() { Timeout = 10_000 });
        await page.GoBackAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-circuit", "active");
        await Expect(page.Locator("[data-testid=sort-reference] svg")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=sort-urgency] svg")).ToBeAttachedAsync();
    }

    [Fact]
    public async Task TextTypedWhileThePausedQueueResumes_IsKept_AndSearches()
    {
        // The click into the search field resumes the circuit; what is typed before the circuit is back goes into the
        // field the resumed page renders, and the search runs.
        var (_, baseAddress) = await StartPortalAsync();
        var page = await OpenPageAsync(baseAddress, "idle-failed-typing");
        await SignInAsync(page, CsmEmail);
        await GoToAsync(page, "queue");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        var references = page.Locator("[data-testid=queue-table] [data-testid=queue-reference]");
        var reference = (await references.Last.InnerTextAsync()).Trim();

        await IdleAfterAsync(page, seconds: 1);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-circuit", "paused", new() { Timeout = 10_000 });
        var search = page.Locator("[data-testid=queue-search]");
        await search.ClickAsync();
        await page.Keyboard.TypeAsync(reference);

        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-circuit", "active");
        await Expect(search).ToHaveValueAsync(reference);
        await Expect(references.Filter(new() { HasNotText = reference })).ToHaveCountAsync(0);
        await Expect(references).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task AQueue_WithARowSelected_KeepsItsCircuit()
    {
        // A selection lives only in the circuit: a page that may act on it never pauses.
        var (_, baseAddress) = await StartPortalAsync();
        var page = await OpenPageAsync(baseAddress, "idle-failed-selection");
        await SignInAsync(page, CsmEmail);
        await GoToAsync(page, "queue");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await page.Locator("[data-testid=queue-table] tbody .q-checkbox").First.CheckAsync();
        await Expect(page.Locator("[data-idle-pause]")).ToHaveAttributeAsync("data-idle-pause", "false");

        await IdleAfterAsync(page, seconds: 1);
        await page.WaitForTimeoutAsync(3_000);

        Assert.Equal("active", await page.Locator("html").GetAttributeAsync("data-circuit"));
        await Expect(page.Locator("[data-testid=queue-table] tbody .q-checkbox").First).ToBeCheckedAsync();
    }

    /// <summary>The page's idle time, as Portal:IdlePauseSeconds would set it, shortened for the test.</summary>
    private static Task IdleAfterAsync(IPage page, int seconds) =>
        page.EvaluateAsync("s => document.documentElement.setAttribute('data-idle-pause-seconds', String(s))", seconds);

    /// <summary>A phone complaint registered through the service, as the phone line would: at level 1, on the CSM's queue.</summary>
    private static async Task<string> RegisterAsync(PortalAppFactory app, string customer)
    {
        await using var csm = await app.SignInAsync(CsmEmail);
        var registered = await csm.Complaints.RegisterAsync(
            SearchFixtures.Form(customer, null, "+7 777 555 02 31", "Kettle leaks", "The kettle leaks from the base.", daysAgo: 1), TestContext.Current.CancellationToken);
        return registered.Reference;
    }
}
