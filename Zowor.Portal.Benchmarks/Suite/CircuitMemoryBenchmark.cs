using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Playwright;
using Zowor.Portal.Benchmarks.Hosting;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;

namespace Zowor.Portal.Benchmarks.Suite;

/// <summary>
/// Issue 9, benchmark 6: the node's memory per idle live-queue circuit. The CSM's <c>/queue</c> page is opened N times
/// in headless chromium (each page its own Blazor circuit over its own WebSocket), left idle, and the node's resident
/// memory compared with N = 0: per circuit = (RSS at N − RSS at 0) / N, at two N so that linearity shows.
/// </summary>
/// <remarks>
/// RSS counts everything the process holds, GC slack included (the GC grows its heaps in steps and gives memory
/// back lazily), so each level is the median of several samples after the node has settled, and the per-circuit figure
/// is reported at two N to show the slope rather than one step. Chromium runs with Playwright's default switches, which
/// keep background pages' timers unthrottled, so idle pages keep their circuits alive (SignalR pings every 15 s).
/// A circuit's size follows the components on its page: the demo data puts a handful of complaints on the level-1
/// queue (printed at the start); a full page of 25 rows holds more.
/// Issue 21: the same is measured first for a bare circuit (<c>/benchmark/bare</c>: one heading, no layout) and for the
/// floor, a page with only the layout and an empty table (<c>/benchmark/floor</c>), each on a node of its own, and the
/// queue's circuit is reported as a ratio to both: what any circuit of the portal costs, and what the layout adds.
/// ZOWOR_MEMORY_IDLE_SECONDS (default 15, 5 quick) lengthens each level's idle period, time enough for a heap snapshot
/// (<c>dotnet-gcdump collect</c>) of the node; the snapshot's own full collection then precedes the RSS samples.
/// Issue 21, idle circuits: an untouched queue hands its circuit back after Portal:IdlePauseSeconds and stays live through
/// a WebSocket of its own (Realtime/IdlePageEvents). The queue is measured as it runs, its node pausing idle pages after
/// <see cref="IdlePauseSeconds"/> s (well inside the idle period), and once more with every circuit kept
/// (Portal:IdlePauseSeconds = 0), as before the change; the bare circuit and the floor keep theirs (they never pause).
/// That a paused queue is still live is checked, not assumed: after the last level a change is made to a complaint on the
/// queue, and every page must fetch its fresh rows; the node's CPU for that change is reported beside the kept circuits'.
/// </remarks>
public sealed class CircuitMemoryBenchmark : IBenchmark
{
    private const string Id = "6 memory";
    private const double TargetKb = 300;
    private const string CsmEmail = "csm@zowor.test";

    // Pages per browser context: each context has its own network stack, so no per-profile socket limit is reached.
    private const int PagesPerContext = 50;

    private const int OpeningTogether = 4;

    private const int WarmUpPages = 30;

    /// <summary>Portal:IdlePauseSeconds of the queue's node: shorter than the idle period, so every page has paused by its end.</summary>
    private const int IdlePauseSeconds = 5;

    public string Name => "memory";

    public string Title => "6 memory: node memory per idle live-queue page, N = 0 against N ≥ 100 (headless chromium pages; idle queues pause their circuits), beside the same queue with its circuits kept, a bare circuit and the floor (layout + empty table)";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        if (!File.Exists(Chromium.ExecutablePath))
        {
            throw new InvalidOperationException($"This benchmark needs Debian chromium at {Chromium.ExecutablePath} (apt-get install -y chromium; ./bench.sh does).");
        }

        // Issue 21: the bare circuit and the floor first, each on a node of its own, then the queue: the same N, the same
        // method, the same run.
        var bare = await MeasureAsync(context, Bare, cancellationToken);
        var floor = await MeasureAsync(context, Floor, cancellationToken);
        var kept = await MeasureAsync(context, QueueKept, cancellationToken);
        var queue = await MeasureAsync(context, Queue, cancellationToken);
        Ratios(context, kept, floor, "queue circuit (kept) ÷ floor circuit");
        Ratios(context, kept, bare, "queue circuit (kept) ÷ bare circuit");
        Ratios(context, queue, kept, "idle queue page (paused) ÷ queue circuit (kept)");
        Ratios(context, queue, bare, "idle queue page (paused) ÷ bare circuit");
    }

    private static void Ratios(BenchmarkContext context, Measured measured, Measured limit, string name)
    {
        foreach (var n in measured.RssPerCircuit.Keys.Where(limit.RssPerCircuit.ContainsKey))
        {
            context.Report.Info(Id, string.Create(CultureInfo.InvariantCulture, $"{name} (RSS), N = {n}"), measured.RssPerCircuit[n] / limit.RssPerCircuit[n], "×");
            context.Report.Info(Id, string.Create(CultureInfo.InvariantCulture, $"{name} (managed heap), N = {n}"), measured.HeapPerCircuit[n] / limit.HeapPerCircuit[n], "×");
            context.Report.Info(Id, string.Create(CultureInfo.InvariantCulture, $"{name} (live managed objects), N = {n}"), measured.LivePerCircuit[n] / limit.LivePerCircuit[n], "×");
        }
    }

    /// <summary>
    /// A page the benchmark opens N times: its name in the figures (and its node's and folder's), its path, what shows it
    /// has loaded, whether the 300 KB target is its (the queue's; the others are its limits), and its node's
    /// Portal:IdlePauseSeconds (0: circuits kept).
    /// </summary>
    private sealed record MeasuredPage(string Key, string Label, string Path, string LoadedSelector, bool HasTarget, int IdlePause = 0);

    /// <summary>The live queue as it runs: an idle page pauses its circuit.</summary>
    private static readonly MeasuredPage Queue = new("queue", "queue", "queue", "[data-testid=queue-reference]", HasTarget: true, IdlePause: IdlePauseSeconds);

    /// <summary>The same queue with every circuit kept, as before idle circuits: what a live queue circuit costs.</summary>
    private static readonly MeasuredPage QueueKept = new("queue-kept", "queue (circuits kept)", "queue", "[data-testid=queue-reference]", HasTarget: false);

    /// <summary>The floor beside the queue: the layout and an empty table (Features/Complaints/BenchmarkFloorPage).</summary>
    private static readonly MeasuredPage Floor = new("floor", "floor (layout + empty table)", "benchmark/floor", "[data-testid=floor-table]", HasTarget: false);

    /// <summary>
    /// What any circuit of the portal costs (Features/Complaints/BenchmarkBarePage): one heading, no layout, through the
    /// same router, authorization and interactive root as every staff page.
    /// </summary>
    private static readonly MeasuredPage Bare = new("bare", "bare circuit (one heading, no layout)", "benchmark/bare", "[data-testid=bare-page]", HasTarget: false);

    /// <summary>Per-circuit figures at each N (KB).</summary>
    private sealed record Measured(Dictionary<int, double> RssPerCircuit, Dictionary<int, double> HeapPerCircuit, Dictionary<int, double> LivePerCircuit);

    private static async Task<Measured> MeasureAsync(BenchmarkContext context, MeasuredPage measured, CancellationToken cancellationToken)
    {
        var quick = context.Quick;
        int[] levels = quick ? [20] : [100, 200];
        var idle = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("ZOWOR_MEMORY_IDLE_SECONDS"), out var idleSeconds) ? idleSeconds : quick ? 5 : 15);
        // The queue's node and folder keep their old name ("memory"); its limits are named after themselves.
        var nodeName = measured.HasTarget ? "memory" : "memory-" + measured.Key;
        var folder = context.ScratchFolder(nodeName);
        var result = new Measured([], [], []);
        var label = measured.Key;
        await using var node = await PortalNode.StartAsync(nodeName, Path.Combine(folder, "memory.db"),
            new Dictionary<string, string> { ["Portal:IdlePauseSeconds"] = measured.IdlePause.ToString(CultureInfo.InvariantCulture) }, cancellationToken);
        using var session = await StaffSession.SignInAsync(node.BaseAddress, CsmEmail, cancellationToken);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var contexts = new List<IBrowserContext>();
        var pages = new List<IPage>();
        try
        {
            // Warm-up: the first circuits pay for JIT and the page's first queries; their memory is not the circuits'. As many
            // pages as it takes the runtime to compile the pages' code at its second tier (a method is recompiled after 30
            // calls; with 3 warm-up pages the JIT's code grew by 10–14 MB while the first hundred opened, 50–70 KB per
            // page at N = 200 that no page keeps), opened as the measured ones are, a few at a time, so that the pools
            // (database connections, threads) are those the measured pages use. Where idle pages pause, these pause too
            // before they close, and one resumes: the pause, the socket and the resume are code paths of their own.
            var warmContext = await NewContextAsync(browser, node, session);
            contexts.Add(warmContext);
            var warming = new List<IPage>();
            while (warming.Count < WarmUpPages)
            {
                var batch = Math.Min(OpeningTogether, WarmUpPages - warming.Count);
                warming.AddRange(await Task.WhenAll(Enumerable.Range(0, batch).Select(_ => OpenAsync(warmContext, measured, cancellationToken))));
            }

            if (measured.HasTarget)
            {
                Console.WriteLine($"  the CSM's live queue shows {await warming[0].Locator("[data-testid=queue-reference]").CountAsync()} rows " +
                    $"(\"{await warming[0].Locator("[data-testid=queue-total]").InnerTextAsync()}\", demo data)");
            }

            if (measured.IdlePause > 0)
            {
                foreach (var page in warming)
                {
                    await page.Locator("html[data-circuit=paused][data-idle-stream=open]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
                }

                // One resumed by a touch, as a user coming back would.
                await warming[0].Mouse.MoveAsync(10, 10);
                await warming[0].Locator("html[data-circuit=active]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            }

            foreach (var page in warming)
            {
                await CloseAsync(page);
            }

            var baseline = await SettledResidentBytesAsync(node, TimeSpan.FromSeconds(quick ? 5 : 15), cancellationToken);
            context.Report.Info(Id, $"{label} node RSS, N = 0 (after warm-up)", baseline / 1024.0 / 1024.0, "MB");
            var (heapBaseline, collectedBaseline) = await AfterFullCollectionAsync(node, cancellationToken);
            context.Report.Info(Id, $"{label} node managed heap after a full GC, N = 0", heapBaseline.HeapBytes / 1024.0 / 1024.0, "MB");
            context.Report.Info(Id, $"{label} node live managed objects after a full GC, N = 0", heapBaseline.LiveBytes / 1024.0 / 1024.0, "MB");
            Console.WriteLine($"  after the full GC, N = 0: {heapBaseline.Generations}");

            var previous = (N: 0, Rss: baseline);
            foreach (var n in levels)
            {
                var clock = Stopwatch.StartNew();
                while (pages.Count < n)
                {
                    if (pages.Count % PagesPerContext == 0)
                    {
                        contexts.Add(await NewContextAsync(browser, node, session));
                    }

                    // A few at a time, as staff arriving in the morning would; never across a context boundary.
                    var batch = Math.Min(OpeningTogether, Math.Min(n - pages.Count, PagesPerContext - pages.Count % PagesPerContext));
                    var browserContext = contexts[^1];
                    pages.AddRange(await Task.WhenAll(Enumerable.Range(0, batch).Select(_ => OpenAsync(browserContext, measured, cancellationToken))));
                }

                Console.WriteLine($"  {n} {measured.Label} pages open and interactive ({clock.Elapsed.TotalSeconds:0} s); idling {idle.TotalSeconds:0} s");
                await Task.Delay(idle, cancellationToken);
                var (live, paused) = await CountLiveAsync(pages);
                var rss = await SettledResidentBytesAsync(node, TimeSpan.Zero, cancellationToken);
                var perCircuit = (rss - baseline) / 1024.0 / n;
                result.RssPerCircuit[n] = perCircuit;
                context.Report.Info(Id, string.Create(CultureInfo.InvariantCulture, $"{label} node RSS, N = {n}"), rss / 1024.0 / 1024.0, "MB");
                if (!measured.HasTarget)
                {
                    context.Report.Info(Id, string.Create(CultureInfo.InvariantCulture, $"RSS per idle {label} circuit, N = {n}"), perCircuit, "KB");
                }
                else
                {
                    context.Report.AtMost(Id, string.Create(CultureInfo.InvariantCulture, $"RSS per idle queue page (its circuit paused), N = {n}"), perCircuit, "KB", TargetKb);
                }

                if (previous.N > 0)
                {
                    context.Report.Info(Id, string.Create(CultureInfo.InvariantCulture, $"{label} RSS per circuit from N = {previous.N} to {n}"),
                        (rss - previous.Rss) / 1024.0 / (n - previous.N), "KB");
                }

                context.Report.Check(Id, string.Create(CultureInfo.InvariantCulture, $"{label} pages still live after idling (a circuit, or a paused one with its socket open), N = {n}"), live, "", $"= {n}", live == n);
                context.Report.Check(Id, string.Create(CultureInfo.InvariantCulture, $"{label} pages whose circuit is paused after idling, N = {n}"), paused, "",
                    measured.IdlePause > 0 ? $"= {n}" : "= 0", paused == (measured.IdlePause > 0 ? n : 0));

                // Without the GC's slack: RSS and the managed heap, each after an induced full collection at both levels.
                var (heap, collected) = await AfterFullCollectionAsync(node, cancellationToken);
                result.HeapPerCircuit[n] = (heap.HeapBytes - heapBaseline.HeapBytes) / 1024.0 / n;
                result.LivePerCircuit[n] = (heap.LiveBytes - heapBaseline.LiveBytes) / 1024.0 / n;
                Console.WriteLine($"  after the full GC, N = {n}: {heap.Generations}");
                context.Report.Info(Id, string.Create(CultureInfo.InvariantCulture, $"{label} RSS per circuit after a full GC, N = {n}"), (collected - collectedBaseline) / 1024.0 / n, "KB");
                context.Report.Info(Id, string.Create(CultureInfo.InvariantCulture, $"{label} managed heap per circuit after a full GC, N = {n}"), result.HeapPerCircuit[n], "KB");
                // The heap above counts free space the collection left between survivors; this is the live objects alone.
                context.Report.Info(Id, string.Create(CultureInfo.InvariantCulture, $"{label} live managed objects per circuit after a full GC, N = {n}"), result.LivePerCircuit[n], "KB");
                previous = (n, rss);
            }

            if (measured.Path == Queue.Path)
            {
                await MeasureOneChangeAsync(context, node, session, pages, measured, cancellationToken);
            }
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            Console.WriteLine(node.Describe(30));
            throw;
        }
        finally
        {
            foreach (var browserContext in contexts)
            {
                await browserContext.CloseAsync();
            }
        }

        return result;
    }

    /// <summary>A browser context signed in as the CSM: the session's cookies copied in.</summary>
    private static async Task<IBrowserContext> NewContextAsync(IBrowser browser, PortalNode node, StaffSession session)
    {
        var browserContext = await browser.NewContextAsync(new()
        {
            BaseURL = node.BaseAddress.ToString(),
            Locale = "en-US",
            ViewportSize = new() { Width = 1280, Height = 800 },
        });
        browserContext.SetDefaultTimeout(60_000);
        browserContext.SetDefaultNavigationTimeout(60_000);
        await browserContext.AddCookiesAsync(session.Cookies.GetCookies(node.BaseAddress).Select(c => new Cookie
        {
            Name = c.Name,
            Value = c.Value,
            Domain = node.BaseAddress.Host,
            Path = string.IsNullOrEmpty(c.Path) ? "/" : c.Path,
            HttpOnly = c.HttpOnly,
            Secure = false,
            SameSite = SameSiteAttribute.Lax,
        }).ToList());
        return browserContext;
    }

    /// <summary>Opens the page and waits until its circuit is interactive and the page has loaded (the queue: its rows).</summary>
    private static async Task<IPage> OpenAsync(IBrowserContext browserContext, MeasuredPage measured, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var page = await browserContext.NewPageAsync();
        var response = await page.GotoAsync(measured.Path);
        if (response is null || !response.Ok || !page.Url.Contains("/" + measured.Path, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The {measured.Label} page did not open (HTTP {response?.Status}, at {page.Url}): is the CSM signed in?");
        }

        await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator(measured.LoadedSelector).First.WaitForAsync();
        return page;
    }

    /// <summary>
    /// Closes a page so that its circuit ends at once: leaving the page sends Blazor's disconnect beacon (pagehide);
    /// a page just torn down leaves its circuit held as "disconnected" for minutes, in the memory being measured.
    /// </summary>
    private static async Task CloseAsync(IPage page)
    {
        await page.GotoAsync("about:blank");
        await page.CloseAsync();
    }

    /// <summary>
    /// Pages still live, and how many of them paused: a live page shows no reconnect dialog and either has its circuit
    /// (wwwroot/js/portal.js: data-circuit="active") or has paused it with its socket to /hubs/live open.
    /// </summary>
    private static async Task<(int Live, int Paused)> CountLiveAsync(IReadOnlyList<IPage> pages)
    {
        var (live, paused) = (0, 0);
        foreach (var page in pages)
        {
            var state = await page.EvaluateAsync<string>("""
                () => {
                    const root = document.documentElement;
                    if (!document.querySelector('[data-interactive=true]') || document.querySelector('#components-reconnect-modal')?.open) return 'dead';
                    const circuit = root.getAttribute('data-circuit');
                    return circuit === 'active' ? 'active' : circuit === 'paused' && root.getAttribute('data-idle-stream') === 'open' ? 'paused' : 'dead';
                }
                """);
            live += state == "dead" ? 0 : 1;
            paused += state == "paused" ? 1 : 0;
        }

        return (live, paused);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// One change with the N pages open: a phone call logged on the first complaint of the queue (through the JSON API, as
    /// the CSM), and the node's CPU over the seconds after it, less what it used idle over as long. Kept circuits reload
    /// their rows in the circuit; paused pages must each fetch themselves (portal.js counts that in data-idle-refreshes),
    /// which shows that a paused queue is live, and what its liveness costs.
    /// </summary>
    private static async Task MeasureOneChangeAsync(BenchmarkContext context, PortalNode node, StaffSession session, IReadOnlyList<IPage> pages, MeasuredPage measured, CancellationToken cancellationToken)
    {
        const string Refreshes = "() => Number(document.documentElement.getAttribute('data-idle-refreshes') || '0')";
        var window = TimeSpan.FromSeconds(10);
        var before = new List<int>();
        foreach (var page in pages)
        {
            before.Add(await page.EvaluateAsync<int>(Refreshes));
        }

        var href = await pages[0].Locator("[data-testid=queue-reference]").First.GetAttributeAsync("href")
            ?? throw new InvalidOperationException("The queue shows no complaint to change.");
        var complaintId = Guid.Parse(href.Split('/')[^1]);
        long version;
        using (var read = await session.Http.GetAsync($"api/complaints/{complaintId}", cancellationToken))
        {
            read.EnsureSuccessStatusCode();
            version = (await read.Content.ReadFromJsonAsync<ComplaintState>(Json, cancellationToken))!.Version;
        }

        // Settled first: the heap snapshot just before leaves the node busy for a moment.
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        var idleStart = node.CpuTime();
        await Task.Delay(window, cancellationToken);
        var idleCpu = node.CpuTime() - idleStart;

        var cpuStart = node.CpuTime();
        var clock = Stopwatch.StartNew();
        using (var change = await session.Http.PostAsJsonAsync($"api/complaints/{complaintId}/communications",
            new CommunicationRequest(CommunicationDirection.Outbound, CommunicationChannel.Phone, "Benchmark call to the open queues.", version), Json, cancellationToken))
        {
            change.EnsureSuccessStatusCode();
        }

        var refreshed = 0;
        if (measured.IdlePause > 0)
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                refreshed = 0;
                for (var i = 0; i < pages.Count; i++)
                {
                    refreshed += await pages[i].EvaluateAsync<int>(Refreshes) > before[i] ? 1 : 0;
                }

                if (refreshed == pages.Count)
                {
                    // Polled: an upper bound of the last page's refresh, the API call included.
                    context.Report.Info(Id, $"time until all {pages.Count} paused queue pages had fetched their rows", clock.Elapsed.TotalMilliseconds, "ms");
                    break;
                }

                await Task.Delay(200, cancellationToken);
            }

            context.Report.Check(Id, $"paused queue pages that fetched their rows after a change, N = {pages.Count}", refreshed, "", $"= {pages.Count}", refreshed == pages.Count);
        }

        var elapsed = clock.Elapsed > window ? clock.Elapsed + TimeSpan.FromSeconds(1) : window;
        await Task.Delay(elapsed - clock.Elapsed, cancellationToken);
        var changeCpu = (node.CpuTime() - cpuStart - idleCpu * (elapsed / window)).TotalMilliseconds;
        context.Report.Info(Id, $"{measured.Key} node CPU for one change with {pages.Count} pages open (idle use deducted)", changeCpu, "ms");
        context.Report.Info(Id, $"{measured.Key} node CPU for one change, per open page", changeCpu / pages.Count, "ms");
    }

    /// <summary>The managed heap after an induced full GC, and the node's RSS a few seconds after it.</summary>
    private static async Task<(NodeHeap.Collected Heap, long Rss)> AfterFullCollectionAsync(PortalNode node, CancellationToken cancellationToken)
    {
        var heap = await NodeHeap.AfterFullCollectionAsync(node.ProcessId, cancellationToken);
        return (heap, await SettledResidentBytesAsync(node, TimeSpan.FromSeconds(2), cancellationToken));
    }

    /// <summary>The median of five RSS samples a second apart, after <paramref name="settle"/>.</summary>
    private static async Task<long> SettledResidentBytesAsync(PortalNode node, TimeSpan settle, CancellationToken cancellationToken)
    {
        await Task.Delay(settle, cancellationToken);
        var samples = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            if (i > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }

            samples.Add(node.ResidentBytes());
        }

        return samples.Order().ElementAt(samples.Count / 2);
    }
}
