using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zowor.Portal.Data;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static Zowor.Portal.Harness.PageSteps;

namespace Zowor.Portal.Tests.Browser;

/// <summary>
/// P-81 as two people live it: Quality publishes a memo for CSMs, the CSM sees it arrive without reloading (list, badge,
/// notification), acknowledges it, and Quality's acknowledgement list turns green at once. Each has their own browser
/// context and Blazor circuit against one portal on a loopback port.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed partial class MemoJourneyTests(BrowserFixture browser) : BrowserJourney(browser), IClassFixture<BrowserFixture>
{
    /// <summary>The product's bound for a change to reach another user's open page.</summary>
    private const float LiveBoundMs = 2_000;

    private static readonly string QualityEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Quality);
    private static readonly string CsmEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Csm);
    private static readonly string CsmName = DbSeeder.DemoUsers.Single(u => u.Email == CsmEmail).Name;

    [Fact]
    public async Task QualityPublishesMemo_CsmSeesItLiveAndAcknowledges_AuthorsListUpdatesLive()
    {
        var (app, baseAddress) = await StartPortalAsync();
        var qualityContext = await NewContextAsync(baseAddress);
        var csmContext = await NewContextAsync(baseAddress);
        var quality = await OpenPageAsync(qualityContext, "memo-failed-quality");
        var csm = await OpenPageAsync(csmContext, "memo-failed-csm");
        const string title = "Call customers back within one working day";
        // The CSM has the memo list open: the demo data leaves one memo for CSMs unacknowledged.
        await SignInAsync(csm, CsmEmail);
        await GoToAsync(csm, "memos");
        var badge = csm.Locator("[data-testid=badge-memos]");
        await Expect(badge).ToHaveTextAsync("1");
        await MarkPageAsync(csm);

        // Quality writes the memo; the preview shows the Markdown as readers will see it.
        await SignInAsync(quality, QualityEmail);
        await GoToAsync(quality, "memos/new");
        await quality.Locator("#memo-title").FillAsync(title);
        await quality.Locator("#memo-body").FillAsync(
            "From **1 December** every promised call-back is made within one working day (P-41).\n\n- Log the call on the case\n- If you cannot reach the customer, send an e-mail the same day");
        await quality.Locator($"[data-testid=audience-{PortalRoles.Csm}] input").CheckAsync();
        await Expect(quality.Locator("[data-testid=memo-preview] strong")).ToHaveTextAsync("1 December");
        await Screenshots.SaveAsync(quality, "memo-01-quality-editor");

        var clock = Stopwatch.StartNew();
        await quality.Locator("[data-testid=memo-publish]").ClickAsync();

        // The CSM's open list gains the memo, the badge counts it, and the bell tells them — no reload.
        var item = csm.Locator("[data-testid=memo-item]").Filter(new() { HasText = title });
        await Expect(item).ToBeVisibleAsync(new() { Timeout = LiveBoundMs + 3_000 });
        var arrived = clock.ElapsedMilliseconds;
        await Expect(item.Locator("[data-testid=memo-item-state]")).ToHaveTextAsync("To acknowledge");
        await Expect(badge).ToHaveTextAsync("2");
        await Expect(csm.Locator(".mud-snackbar").Filter(new() { HasText = $"New memo: {title}" })).ToBeVisibleAsync();
        await Expect(csm.Locator("[data-testid=notification-count]")).ToHaveTextAsync(new Regex(@"^\s*[1-9]\d*\s*$"));
        Assert.True(await IsMarkedAsync(csm), "The CSM's memo list was reloaded; it must update in place.");
        await Screenshots.SaveAsync(csm, "memo-02-csm-new-memo");

        // Quality lands on the memo with its acknowledgement list: the one CSM has not acknowledged yet.
        await Expect(quality).ToHaveURLAsync(new Regex(@"/memos/[0-9a-f-]{36}$"));
        var reader = quality.Locator("[data-testid=memo-reader]").Filter(new() { HasText = CsmName });
        await Expect(reader).ToHaveAttributeAsync("data-acknowledged", "false");
        await Expect(quality.Locator("[data-testid=memo-readers-count]")).ToHaveTextAsync("0 of 1 acknowledged");
        await MarkPageAsync(quality);

        // The CSM opens and acknowledges it.
        await item.ClickAsync();
        await Expect(csm.Locator("[data-testid=memo-title]")).ToHaveTextAsync(title);
        await Expect(csm.Locator("[data-testid=memo-body] li")).ToHaveCountAsync(2);
        clock.Restart();
        await csm.Locator("[data-testid=memo-acknowledge]").ClickAsync();
        await Expect(csm.Locator("[data-testid=memo-acknowledged]")).ToBeVisibleAsync();
        await Expect(badge).ToHaveTextAsync("1");
        // The memo's notification counts as read once acknowledged: the bell empties too.
        await Expect(csm.Locator("[data-testid=notification-count]")).ToHaveTextAsync(new Regex(@"^\s*$"));

        // The author's list turns without a reload.
        await Expect(reader).ToHaveAttributeAsync("data-acknowledged", "true", new() { Timeout = LiveBoundMs + 3_000 });
        var acknowledged = clock.ElapsedMilliseconds;
        await Expect(quality.Locator("[data-testid=memo-readers-count]")).ToHaveTextAsync("1 of 1 acknowledged");
        Assert.True(await IsMarkedAsync(quality), "Quality's memo page was reloaded; the acknowledgement list must update in place.");

        await Screenshots.SaveAsync(csm, "memo-03-csm-acknowledged");
        await Screenshots.SaveAsync(quality, "memo-04-quality-acknowledgements");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Memo on the CSM's list {arrived} ms after Quality's click; acknowledgement on Quality's list {acknowledged} ms after the CSM's click.");

        // P-80 pages for the record: the CSM's own training and Quality's team view.
        await GoToAsync(csm, "training");
        await Expect(csm.Locator("[data-testid=my-course]")).ToHaveCountAsync(4);
        await Screenshots.SaveAsync(csm, "memo-05-csm-my-training");
        await GoToAsync(quality, "training?tab=team");
        await Expect(quality.Locator("[data-testid=team-row]").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(quality, "memo-06-quality-team-training");
    }
}
