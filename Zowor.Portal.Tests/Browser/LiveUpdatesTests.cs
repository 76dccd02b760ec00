using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Realtime;
using Zowor.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static Zowor.Portal.Harness.PageSteps;

namespace Zowor.Portal.Tests.Browser;

/// <summary>
/// Live updates as two people see them: a CSM and a CCO, each in their own browser context (own cookies, own Blazor
/// circuit), against one portal on a loopback port. Nothing here reloads a page to see a change: the pages must change
/// by themselves.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed partial class LiveUpdatesTests(BrowserFixture browser) : BrowserJourney(browser), IClassFixture<BrowserFixture>
{
    /// <summary>The product's bound for a change to reach another user's open page (issue 3, P-71).</summary>
    private const float LiveBoundMs = 2_000;

    /// <summary>Presence has no stated bound; "within a few seconds".</summary>
    private const float PresenceBoundMs = 5_000;

    private static readonly string CsmEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Csm);
    private static readonly string CcoEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Cco);
    private static readonly string CsmName = DbSeeder.DemoUsers.Single(u => u.Email == CsmEmail).Name;
    private static readonly string CcoName = DbSeeder.DemoUsers.Single(u => u.Email == CcoEmail).Name;

    [Fact]
    public async Task CsmEscalatesComplaint_AppearsOnCcoBoardWithinTwoSeconds_AndLeavesCsmQueue()
    {
        // P-71: a level-1 complaint escalated by the CSM reaches the Chief Customer Officer's board at once, and the
        // CCO is told personally (bell); the CSM's level-1 queue loses it at the same moment.
        var (app, baseAddress) = await StartPortalAsync();
        var csmContext = await NewContextAsync(baseAddress);
        var ccoContext = await NewContextAsync(baseAddress);
        var ccoBoard = await OpenPageAsync(ccoContext, "live-failed-cco");
        var csmQueue = await OpenPageAsync(csmContext, "live-failed-csm-queue");
        var csmCase = await OpenPageAsync(csmContext, "live-failed-csm-case");
        string? reference = null;

        // Subscribed before any page opens, so it hears the server publish a change before any page's handler runs.
        using var timeline = new LiveTimeline(app);
        try
        {
            // The CCO has the escalation board open; the CSM has the live queue open in one tab and works in another.
            await SignInAsync(ccoBoard, CcoEmail);
            await GoToAsync(ccoBoard, "escalations");
            await Expect(ccoBoard.Locator("[data-testid=queue-table]")).ToBeVisibleAsync();
            await SignInAsync(csmQueue, CsmEmail);
            await GoToAsync(csmQueue, "queue");
            var queueRows = csmQueue.Locator("[data-testid=queue-table] tbody tr");
            var received = csmQueue.Locator("[data-testid=status-chip][data-status=Received]");

            // Any reload of the two watching pages would wipe these marks: they prove the pages changed in place.
            await MarkPageAsync(ccoBoard);
            await MarkPageAsync(csmQueue);

            // The first escalation in a freshly started portal pays one-off costs before anything is published (EF Core
            // compiling the queries, the first form validation): about 1 s of server time on two busy cores, against
            // about 0.15 s afterwards. It must arrive too, and its time is reported, but the 2 s bound is measured on a
            // second escalation: the live-update path, not the start-up of the test's own portal.
            var (first, firstHref) = await ReferenceOfAsync(queueRows.Filter(new() { HasNot = received }).First);
            var firstSubmit = await OpenEscalationAsync(csmCase, firstHref, first, "Investigation stalled at level 1; the customer has chased twice.");
            var coldClock = Stopwatch.StartNew();
            await firstSubmit.ClickAsync();
            await Expect(ReferenceLinks(ccoBoard, first)).ToBeVisibleAsync();
            var coldBoard = coldClock.ElapsedMilliseconds;
            await Expect(ReferenceLinks(csmQueue, first)).ToHaveCountAsync(0);
            var coldQueue = coldClock.ElapsedMilliseconds;
            await Expect(csmCase.Locator("[data-testid=case-level]")).ToHaveTextAsync("Level 2");

            // The measured escalation: an unacknowledged (Received) level-1 complaint from the CSM's queue.
            (reference, var caseHref) = await ReferenceOfAsync(queueRows.Filter(new() { Has = received }).First);
            var onBoard = ReferenceLinks(ccoBoard, reference);
            var inQueue = ReferenceLinks(csmQueue, reference);
            await Expect(onBoard).ToHaveCountAsync(0);
            await Expect(inQueue).ToHaveCountAsync(1);

            // The badge and the bell before, once the first escalation has settled.
            var escalationBadge = ccoBoard.Locator("[data-testid=badge-escalations]");
            var bell = ccoBoard.Locator("[data-testid=notification-count]");
            var boardTotal = ccoBoard.Locator("[data-testid=queue-total]");
            await Expect(escalationBadge).ToHaveTextAsync(CountPattern());
            await Expect(boardTotal).ToHaveTextAsync(new Regex($@"^\s*{await ReadCountAsync(escalationBadge)} open\s*$"));
            await Expect(bell).ToHaveTextAsync(MoreThanPattern(0)); // the first escalation's notification
            var badgeBefore = await ReadCountAsync(escalationBadge);
            var bellBefore = await ReadCountAsync(bell);

            // Where the time goes, independent of Playwright's polling: the moment each page's DOM changed.
            await timeline.WatchAsync(ccoBoard, "CCO board row", ReferenceSelector, reference, LiveTimeline.Until.Present);
            await timeline.WatchAsync(ccoBoard, "CCO badge", "[data-testid=badge-escalations]", null, LiveTimeline.Until.Changed);
            await timeline.WatchAsync(ccoBoard, "CCO bell", "[data-testid=notification-count]", null, LiveTimeline.Until.Changed);
            await timeline.WatchAsync(csmQueue, "CSM queue row gone", ReferenceSelector, reference, LiveTimeline.Until.Absent);

            // The CSM opens the case (level 1) and escalates it with a reason; the level defaults to 2.
            var submit = await OpenEscalationAsync(csmCase, caseHref, reference, "Customer rejected two level-1 offers and asked for a senior manager.");
            await timeline.WatchClickAsync(csmCase, "[data-testid=action-submit]");

            var clock = Stopwatch.StartNew();
            await submit.ClickAsync();
            var clicked = clock.ElapsedMilliseconds;

            // Four pages react to the one change at once; wait for them side by side, each bounded from the click.
            // Playwright counts a timeout from the start of the expectation; the bound counts from the click.
            var board = TimeAsync(clock, () => Expect(onBoard).ToBeVisibleAsync(new() { Timeout = RestOfBound(clock) }));
            var queue = TimeAsync(clock, () => Expect(inQueue).ToHaveCountAsync(0, new() { Timeout = RestOfBound(clock) }));
            // The badge and the bell are timed but not bound (the 2 s requirement is the board's and the queue's). Counts are
            // compared as "more than before": a deadline scan may change other complaints meanwhile.
            var badge = TimeAsync(clock, () => Expect(escalationBadge).ToHaveTextAsync(MoreThanPattern(badgeBefore)));
            var notified = TimeAsync(clock, () => Expect(bell).ToHaveTextAsync(MoreThanPattern(bellBefore)));
            var ownPage = TimeAsync(clock, () => Expect(csmCase.Locator("[data-testid=case-level]")).ToHaveTextAsync("Level 2"));
            // The personal notification names this complaint (the snackbar; it stays a few seconds).
            var snackbar = TimeAsync(clock, () => Expect(ccoBoard.Locator(".mud-snackbar").Filter(new() { HasText = $"{reference} was escalated to level 2" })).ToBeVisibleAsync());
            var latencies = await Task.WhenAll(board, queue, badge, notified, ownPage, snackbar);

            var output = TestContext.Current.TestOutputHelper;
            output?.WriteLine($"First escalation ({first}, cold portal): on the CCO board after {coldBoard} ms, gone from the CSM queue after {coldQueue} ms.");
            output?.WriteLine(
                $"{reference} escalated; Playwright saw, from the submit click (the click itself took {clicked} ms): CCO board row {latencies[0]} ms, " +
                $"CSM queue row gone {latencies[1]} ms, CCO badge above {badgeBefore} {latencies[2]} ms, CCO bell above {bellBefore} {latencies[3]} ms, " +
                $"CCO snackbar {latencies[5]} ms, CSM case page level 2 {latencies[4]} ms.");
            output?.WriteLine(await timeline.DescribeAsync(reference));

            Assert.True(await IsMarkedAsync(ccoBoard), "The CCO's escalation board was reloaded; it must update in place.");
            Assert.True(await IsMarkedAsync(csmQueue), "The CSM's queue was reloaded; it must update in place.");
            await Expect(ccoBoard).ToHaveURLAsync(new Uri(baseAddress, "escalations").ToString());
            await Expect(csmQueue).ToHaveURLAsync(new Uri(baseAddress, "queue").ToString());

            // The board row says level 2, the badge counts what the board lists, and the case page records the escalation.
            var boardRow = ccoBoard.Locator("[data-testid=queue-table] tbody tr").Filter(new() { Has = onBoard });
            await Expect(boardRow.Locator("[data-testid=row-level]")).ToHaveTextAsync("2");
            await Expect(boardTotal).ToHaveTextAsync(new Regex($@"^\s*{await ReadCountAsync(escalationBadge)} open\s*$"));
            await Expect(csmCase.Locator($"[data-testid=timeline-entry][data-kind={ComplaintHistoryKinds.Escalated}]")).ToHaveCountAsync(1);

            // The bell opens the stored notification list, which names this complaint.
            await ccoBoard.Locator("[data-testid=notification-button]").ClickAsync();
            await Expect(ccoBoard.Locator("[data-testid=notification-item]").Filter(new() { HasText = $"{reference} was escalated to level 2" })).ToBeVisibleAsync();
            await ccoBoard.Keyboard.PressAsync("Escape");

            await Screenshots.SaveAsync(ccoBoard, "live-01-cco-board");
            await Screenshots.SaveAsync(csmQueue, "live-02-csm-queue");
            await Screenshots.SaveAsync(csmCase, "live-03-csm-case-escalated");
        }
        catch
        {
            if (reference is not null)
            {
                TestContext.Current.TestOutputHelper?.WriteLine(await timeline.DescribeAsync(reference));
            }

            throw;
        }
    }

    [Fact]
    public async Task QueueRows_AreOnScreenBeforeTheCircuit_AndLiveOnceItStarts()
    {
        // Issue 21: the first page of rows comes in the prerendered HTML, so the CSM sees them before Blazor's script has
        // even loaded; once the circuit starts (from the prerender's rows, without blanking them) a change arrives live.
        var ct = TestContext.Current.CancellationToken;
        var (app, baseAddress) = await StartPortalAsync();
        var context = await NewContextAsync(baseAddress);
        var page = await OpenPageAsync(context, "live-failed-queue-prerender");
        await SignInAsync(page, CsmEmail);

        // No circuit at all: Blazor's script never arrives. The rows, their countdowns and statuses are there regardless.
        await page.RouteAsync("**/_framework/blazor.web*.js", route => route.AbortAsync());
        await page.GotoAsync("queue");
        var rows = page.Locator("[data-testid=queue-table] tbody [data-testid=queue-reference]");
        await Expect(rows.First).ToBeVisibleAsync();
        var prerendered = await rows.AllInnerTextsAsync();
        await Expect(page.Locator("[data-testid=queue-table] [data-testid=deadline]").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-interactive=true]")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "live-08-queue-prerendered-without-circuit");
        await page.UnrouteAllAsync();

        // With the circuit: the same rows, and no empty table in between (a MutationObserver counts moments without rows).
        await page.AddInitScriptAsync("""
            window.__zoworEmptyQueue = 0;
            document.addEventListener('DOMContentLoaded', () => new MutationObserver(() => {
                if (!document.querySelector('[data-testid=queue-reference]')) window.__zoworEmptyQueue++;
            }).observe(document.body, { childList: true, subtree: true }));
            """);
        await GoToAsync(page, "queue");
        await Expect(rows).ToHaveTextAsync(prerendered.Select(r => r.Trim()).ToArray());
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.__zoworEmptyQueue"));
        await MarkPageAsync(page);

        // A complaint registered through the service (as the phone line would) appears without a reload.
        RegisteredComplaint registered;
        await using (var csm = await app.SignInAsync(CsmEmail))
        {
            registered = await csm.Complaints.RegisterAsync(new RegisterComplaintForm
            {
                Channel = ComplaintChannel.Phone,
                ReceivedOn = DateTime.UtcNow.Date,
                ReceivedTime = TimeSpan.Zero,
                CustomerName = "Prerender Live",
                Phone = "+7 777 555 01 21",
                PreferredContact = ContactMethod.Phone,
                Subject = "Toaster sparks",
                Description = "The toaster sparks when switched on.",
                CategoryCode = (await csm.Services.GetRequiredService<Zowor.Portal.Features.Categories.CategoryService>().GetAllByCodeAsync(ct)).Keys.First(),
                Severity = ComplaintSeverity.Normal,
                PreferredResolution = PreferredResolution.Replacement,
            }, ct);
        }

        await Expect(ReferenceLinks(page, registered.Reference)).ToHaveCountAsync(1, new() { Timeout = LiveBoundMs });
        Assert.True(await IsMarkedAsync(page), "The queue was reloaded; it must update in place.");
        await Screenshots.SaveAsync(page, "live-09-queue-live-after-prerender");
    }

    [Fact]
    public async Task QueueCountdowns_ShowTheTimeLeft_OnTheFrameAfterTheRowsChange()
    {
        // The server renders a countdown as its deadline's date; portal.js ticks it to the time left every second, and at
        // once when the page changes (the circuit's first render replaces the prerendered rows, a live update adds one),
        // so a row does not show the date until the next second.
        var (_, baseAddress) = await StartPortalAsync();
        var context = await NewContextAsync(baseAddress);
        var page = await OpenPageAsync(context, "live-failed-countdown-frame");
        await SignInAsync(page, CsmEmail);
        await GoToAsync(page, "queue");
        var countdown = page.Locator("[data-testid=queue-table] [data-testid=deadline]").First;
        await Expect(countdown).ToHaveTextAsync(CountdownPattern());

        // As a render does: the server's text back in the element. Two frames later it shows the time left again.
        var shown = await countdown.EvaluateAsync<string>("""
            e => new Promise(done => {
                e.textContent = '6 Dec 2026, 06:36';
                requestAnimationFrame(() => requestAnimationFrame(() => done(e.textContent)));
            })
            """);
        Assert.Matches(CountdownPattern(), shown);
    }

    [Fact]
    public async Task CsmAndCco_OnSameCase_SeeEachOthersPresence()
    {
        var (app, baseAddress) = await StartPortalAsync();
        var csmContext = await NewContextAsync(baseAddress);
        var ccoContext = await NewContextAsync(baseAddress);
        var csm = await OpenPageAsync(csmContext, "live-failed-presence-csm");
        var cco = await OpenPageAsync(ccoContext, "live-failed-presence-cco");
        var (reference, caseHref) = await SignInAndOpenTheFirstQueuedCaseAsync(csm, cco);
        await Expect(csm.Locator("[data-testid=presence-viewer]")).ToHaveCountAsync(0); // nobody else yet
        await MarkPageAsync(csm);

        await GoToAsync(cco, caseHref);
        await Expect(cco.Locator("[data-testid=case-reference]")).ToHaveTextAsync(reference);

        // Each sees the other, and only the other (never themselves).
        var clock = Stopwatch.StartNew();
        var csmSeesCco = TimeAsync(clock, () => Expect(csm.Locator("[data-testid=presence] [data-testid=presence-viewer]"))
            .ToHaveTextAsync([CcoName], new() { Timeout = PresenceBoundMs }));
        var ccoSeesCsm = TimeAsync(clock, () => Expect(cco.Locator("[data-testid=presence] [data-testid=presence-viewer]"))
            .ToHaveTextAsync([CsmName], new() { Timeout = PresenceBoundMs }));
        var arrived = await Task.WhenAll(csmSeesCco, ccoSeesCsm);
        await Screenshots.SaveAsync(csm, "live-04-presence-csm");
        await Screenshots.SaveAsync(cco, "live-05-presence-cco");

        // The CCO moves on to the escalation board (in-app navigation): the CSM's page drops the CCO.
        clock.Restart();
        await cco.Locator("a[href='escalations']").ClickAsync();
        await Expect(cco).ToHaveURLAsync(new Uri(baseAddress, "escalations").ToString());
        await Expect(csm.Locator("[data-testid=presence-viewer]")).ToHaveCountAsync(0, new() { Timeout = PresenceBoundMs });
        var left = clock.ElapsedMilliseconds;
        await Expect(csm.Locator("[data-testid=presence]")).ToHaveCountAsync(0);

        // The CCO comes back, then closes the tab: a closed tab leaves too (its circuit is disposed).
        await GoToAsync(cco, caseHref);
        await Expect(csm.Locator("[data-testid=presence-viewer]")).ToHaveTextAsync([CcoName], new() { Timeout = PresenceBoundMs });
        clock.Restart();
        await cco.CloseAsync();
        await Expect(csm.Locator("[data-testid=presence-viewer]")).ToHaveCountAsync(0, new() { Timeout = PresenceBoundMs });
        var closed = clock.ElapsedMilliseconds;

        Assert.True(await IsMarkedAsync(csm), "The CSM's case page was reloaded; presence must update in place.");
        await Screenshots.SaveAsync(csm, "live-06-presence-after-cco-left");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Presence on {reference}: CSM saw the CCO after {arrived[0]} ms, CCO saw the CSM after {arrived[1]} ms (from the CCO's page being interactive); " +
            $"the CCO left the CSM's list {left} ms after clicking to the board and {closed} ms after closing the tab.");
    }

    [Fact]
    public async Task ViewerWhoseBrowserVanishesWithoutClosing_LeavesTheOthersPresenceWithin30Seconds()
    {
        var (app, baseAddress) = await StartPortalAsync();
        // The CCO's browser reaches the portal through a relay that can go silent, as a crashed machine or a cut cable does.
        await using var network = new VanishingProxy(baseAddress);
        var csmContext = await NewContextAsync(baseAddress);
        var ccoContext = await NewContextAsync(network.Address);
        var csm = await OpenPageAsync(csmContext, "live-failed-presence-vanished");
        var cco = await ccoContext.NewPageAsync();
        var (reference, caseHref) = await SignInAndOpenTheFirstQueuedCaseAsync(csm, cco);
        await GoToAsync(cco, caseHref);
        await Expect(csm.Locator("[data-testid=presence-viewer]")).ToHaveTextAsync([CcoName], new() { Timeout = PresenceBoundMs });

        var clock = Stopwatch.StartNew();
        network.Vanish();
        await Expect(csm.Locator("[data-testid=presence-viewer]")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        var gone = clock.Elapsed;

        var tracker = app.Services.GetRequiredService<PresenceTracker>();
        var id = Guid.Parse(caseHref.Split('/')[^1]);
        Assert.DoesNotContain(tracker.ViewersOf(id), v => v.Name == CcoName);
        Assert.True(gone <= TimeSpan.FromSeconds(30), $"The vanished CCO stayed on {reference} for {gone.TotalSeconds:0.0} s.");
        await Screenshots.SaveAsync(csm, "live-07-presence-after-cco-vanished");
        TestContext.Current.TestOutputHelper?.WriteLine($"The vanished CCO left the CSM's presence on {reference} after {gone.TotalSeconds:0.0} s.");
    }

    /// <summary>Signs the CSM and the CCO in, and opens any open level-1 case (the first in the CSM's queue) on the CSM's page.</summary>
    private static async Task<(string Reference, string CaseHref)> SignInAndOpenTheFirstQueuedCaseAsync(IPage csm, IPage cco)
    {
        await SignInAsync(csm, CsmEmail);
        await SignInAsync(cco, CcoEmail);
        await GoToAsync(csm, "queue");
        var (reference, caseHref) = await ReferenceOfAsync(csm.Locator("[data-testid=queue-table] tbody tr").First);
        await GoToAsync(csm, caseHref);
        await Expect(csm.Locator("[data-testid=case-reference]")).ToHaveTextAsync(reference);
        return (reference, caseHref);
    }

    /// <summary>The reference a queue row shows, and its link.</summary>
    private static async Task<(string Reference, string Href)> ReferenceOfAsync(ILocator row)
    {
        var link = row.Locator("[data-testid=queue-reference]");
        await Expect(link).ToHaveTextAsync(ReferencePattern());
        var reference = (await link.InnerTextAsync()).Trim();
        return (reference, await link.GetAttributeAsync("href") ?? throw new InvalidOperationException($"The queue link of {reference} has no href."));
    }

    /// <summary>Opens a level-1 case, opens its Escalate form (the level defaults to 2), gives the reason, and returns the save button.</summary>
    private static async Task<ILocator> OpenEscalationAsync(IPage page, string caseHref, string reference, string reason)
    {
        await GoToAsync(page, caseHref);
        await Expect(page.Locator("[data-testid=case-reference]")).ToHaveTextAsync(reference);
        await Expect(page.Locator("[data-testid=case-level]")).ToHaveTextAsync("Level 1");
        await page.Locator($"[data-testid=action-{ComplaintAction.Escalate}]").ClickAsync();
        var form = page.Locator($"[data-testid=action-form][data-action={ComplaintAction.Escalate}]");
        await Expect(form).ToBeVisibleAsync();
        await form.Locator("[data-testid=escalate-reason]").FillAsync(reason);
        var submit = form.Locator("[data-testid=action-submit]");
        await Expect(submit).ToBeEnabledAsync();
        return submit;
    }

    private const string ReferenceSelector = "[data-testid=queue-reference]";

    /// <summary>The queue or board links that show exactly <paramref name="reference"/>.</summary>
    private static ILocator ReferenceLinks(IPage page, string reference) =>
        page.Locator(ReferenceSelector).Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(reference)}$") });

    /// <summary>A badge's number; 0 when the badge shows nothing (hidden at zero).</summary>
    private static async Task<int> ReadCountAsync(ILocator badge)
    {
        if (await badge.CountAsync() == 0)
        {
            return 0;
        }

        var text = (await badge.InnerTextAsync()).Trim();
        return text.Length == 0 ? 0 : int.Parse(text, CultureInfo.InvariantCulture);
    }

    /// <summary>Runs <paramref name="expectation"/> and returns the milliseconds on <paramref name="clock"/> when it passed.</summary>
    private static async Task<long> TimeAsync(Stopwatch clock, Func<Task> expectation)
    {
        await expectation();
        return clock.ElapsedMilliseconds;
    }

    /// <summary>What is left of <see cref="LiveBoundMs"/> on <paramref name="clock"/>; never 0, which Playwright reads as "no timeout".</summary>
    private static float RestOfBound(Stopwatch clock) => Math.Max(1, LiveBoundMs - clock.ElapsedMilliseconds);

    /// <summary>A badge text showing a whole number greater than <paramref name="count"/>.</summary>
    private static Regex MoreThanPattern(int count) =>
        new($@"^\s*(?!(?:{string.Join('|', Enumerable.Range(0, count + 1))})\s*$)\d+\s*$");

    /// <summary>portal.js's countdown in English: "23 h 59 min", "1 d 3 h", "42 min", or overdue ("Overdue 3 h").</summary>
    [GeneratedRegex(@"^(Overdue )?(\d+ d( \d+ h)?|\d+ h( \d+ min)?|\d+ min)$")]
    private static partial Regex CountdownPattern();

    [GeneratedRegex(@"^ZW-\d{4}-\d{6}$")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"^\s*\d+\s*$")]
    private static partial Regex CountPattern();
}

/// <summary>
/// Diagnostics for a live update: when the server published the change (a subscriber on the app's own
/// <see cref="PortalNotifier"/>), when the user clicked (a capturing listener in the page) and when each watched part of
/// another page changed (a MutationObserver), all in wall-clock milliseconds of this one machine. It only observes;
/// the assertions stay with Playwright.
/// </summary>
internal sealed class LiveTimeline : IDisposable
{
    private const string ObserverScript = """
        ([name, selector, text, until]) => {
          const all = window.__zoworLive ??= {};
          const state = () => [...document.querySelectorAll(selector)]
            .filter(e => text === null || e.textContent.trim() === text)
            .map(e => e.textContent.trim()).join('|');
          const initial = state();
          const done = () => {
            const now = state();
            return until === 'Present' ? now !== '' : until === 'Absent' ? now === '' : now !== initial;
          };
          const check = () => {
            if (all[name] === undefined && done()) { all[name] = Date.now(); observer.disconnect(); }
          };
          const observer = new MutationObserver(check);
          observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
          check();
        }
        """;

    private const string ClickScript = """
        (selector) => document.addEventListener('click', e => {
          if (e.target instanceof Element && e.target.closest(selector)) { (window.__zoworLive ??= {}).click ??= Date.now(); }
        }, true)
        """;

    private readonly IDisposable _subscription;
    private readonly ConcurrentDictionary<string, long> _changed = new();
    private readonly ConcurrentDictionary<string, long> _notified = new();
    private readonly List<(IPage Page, string Name)> _watched = [];
    private IPage? _clickPage;

    /// <summary>Starts listening on the app's notifier; subscribe before pages do, so this handler runs first.</summary>
    public LiveTimeline(PortalAppFactory app)
    {
        _subscription = app.Services.GetRequiredService<PortalNotifier>().Subscribe(e =>
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            switch (e)
            {
                case ComplaintChanged changed:
                    _changed.TryAdd(changed.Reference, now);
                    break;
                case UserNotified notified:
                    _notified.TryAdd(notified.Reference, now);
                    break;
            }

            return Task.CompletedTask;
        });
    }

    public enum Until
    {
        Present,
        Absent,
        Changed,
    }

    /// <summary>Records when the elements matching <paramref name="selector"/> (and <paramref name="text"/>, if given) reach <paramref name="until"/>.</summary>
    public async Task WatchAsync(IPage page, string name, string selector, string? text, Until until)
    {
        await page.EvaluateAsync(ObserverScript, new object?[] { name, selector, text, until.ToString() });
        _watched.Add((page, name));
    }

    /// <summary>Records the first click on <paramref name="selector"/> in <paramref name="page"/>.</summary>
    public async Task WatchClickAsync(IPage page, string selector)
    {
        await page.EvaluateAsync(ClickScript, selector);
        _clickPage = page;
    }

    /// <summary>One line: each moment in milliseconds after the click in the browser.</summary>
    public async Task<string> DescribeAsync(string reference)
    {
        var click = _clickPage is null ? null : await ReadAsync(_clickPage, "click");
        if (click is null)
        {
            return "Timeline: the click was not recorded.";
        }

        string After(long? at) => at is { } value and > 0 ? $"{value - click.Value} ms" : "not seen";
        var parts = new List<string>
        {
            $"server published the change {After(_changed.TryGetValue(reference, out var changed) ? changed : null)}",
            $"and the notification {After(_notified.TryGetValue(reference, out var notified) ? notified : null)}",
        };
        foreach (var (page, name) in _watched)
        {
            parts.Add($"{name} in the DOM {After(page.IsClosed ? null : await ReadAsync(page, name))}");
        }

        return $"Timeline of {reference} after the click in the browser: {string.Join(", ", parts)}.";
    }

    public void Dispose() => _subscription.Dispose();

    private static async Task<long?> ReadAsync(IPage page, string name)
    {
        var value = await page.EvaluateAsync<double?>("name => window.__zoworLive?.[name] ?? null", name);
        return value is { } ms ? (long)ms : null;
    }
}
