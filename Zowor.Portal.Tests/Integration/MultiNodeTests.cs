using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Realtime;
using Zowor.Portal.Tests.Browser;
using Zowor.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Zowor.Portal.Tests.Integration;

/// <summary>
/// Scale-out (issue 3): redis-server and two portal processes on loopback sharing one SQLite file. A change made on
/// node A reaches node B's hub clients (SignalR Redis backplane) and node B's Blazor pages (Redis cluster relay) within
/// 2 s; with Redis down both nodes keep serving and acting; when Redis is back, updates flow again.
/// The cluster is started once for the class; every test leaves Redis running.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class MultiNodeTests(MultiNodeCluster cluster, BrowserFixture browser) : IClassFixture<MultiNodeCluster>, IClassFixture<BrowserFixture>
{
    private static readonly TimeSpan LiveUpdateLimit = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ActionLimitWithRedisDown = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ResumeLimit = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan LocalLimitWithRedisDown = TimeSpan.FromSeconds(5);

    /// <summary>The first change through a freshly started pair of nodes pays for JIT and subscriptions; it may take this long.</summary>
    private static readonly TimeSpan ColdLimit = TimeSpan.FromSeconds(20);

    private static readonly string CsmEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Csm);
    private static readonly string CcoEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Cco);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task ChangeOnNodeA_ReachesHubClientOnNodeB_WithinTwoSeconds() => cluster.RunAsync(async () =>
    {
        using var ccoOnB = await PortalNodeClient.SignInAsync(cluster.NodeB.BaseAddress, CcoEmail, cancellationToken: Ct);
        await using var hubOnB = await HubWatcher.ConnectAsync(cluster.NodeB.BaseAddress, ccoOnB.Cookies, Ct);
        using var csmOnA = await PortalNodeClient.SignInAsync(cluster.NodeA.BaseAddress, CsmEmail, cancellationToken: Ct);
        var complaints = await cluster.Level1ComplaintsAsync(Ct);
        Assert.True(complaints.Count >= 2, $"The demo data should hold at least two level-1 complaints; found {complaints.Count}.");

        // First change through the pair: JIT, first queries and the backplane's first publish (bounded generously).
        var cold = await ChangeOnAAndWaitOnBAsync(csmOnA, hubOnB, complaints[0].Id, ColdLimit);

        // The measured change: from the moment node A is asked to change the case to node B's client hearing of it.
        var (id, reference) = complaints[1];
        var version = (await csmOnA.GetComplaintAsync(id, Ct)).Version;
        var start = Stopwatch.GetTimestamp();
        await csmOnA.PostCommunicationAsync(id, version, "Called the customer back (multi-node test).", Ct);
        var answered = Stopwatch.GetElapsedTime(start);
        var arrival = await hubOnB.WaitForAsync(id, start, LiveUpdateLimit, Ct);

        Assert.True(arrival is not null, $"Node B's hub client did not receive ComplaintChanged for {reference} within {LiveUpdateLimit.TotalSeconds} s of the change on node A (POST answered after {answered.TotalMilliseconds:0} ms).");
        var latency = Stopwatch.GetElapsedTime(start, arrival.Value.At);
        Assert.Equal(reference, arrival.Value.Update.Reference);
        Assert.Equal((int)EscalationLevel.CustomerServiceManager, arrival.Value.Update.Level);
        Assert.Contains("ComplaintUpdated", arrival.Value.Update.Events);
        Report($"Hub A->B: first (cold) change {cold.TotalMilliseconds:0} ms; measured change {latency.TotalMilliseconds:0} ms from POST sent (POST answered after {answered.TotalMilliseconds:0} ms).");
    });

    [Fact]
    public Task EscalationOnNodeA_LeavesQueueInBrowserOnNodeB_WithoutReload_WithinTwoSeconds() => cluster.RunAsync(async () =>
    {
        // Node B is another process: only a real browser shows that node B's in-process notifier heard of node A's change.
        await using var context = await browser.NewContextAsync(cluster.NodeB.BaseAddress);
        var page = await context.NewPageAsync();
        using var csmOnA = await PortalNodeClient.SignInAsync(cluster.NodeA.BaseAddress, CsmEmail, cancellationToken: Ct);
        try
        {
            await OpenQueueAsync(page, CsmEmail);

            // First escalation through the pair: JIT on both nodes and the first queue reload (bounded generously).
            var (coldId, coldReference) = await PickQueueRowAsync(page);
            var cold = await EscalateAndWaitForQueueAsync(csmOnA, page, coldId, coldReference, ColdLimit);
            Assert.True(cold is not null, $"Node B's queue (browser) still lists {coldReference} {ColdLimit.TotalSeconds} s after node A escalated it to level 2.");

            // The measured one.
            var (id, reference) = await PickQueueRowAsync(page);
            var escalation = await EscalateAndWaitForQueueAsync(csmOnA, page, id, reference, LiveUpdateLimit);

            Assert.True(escalation is not null, $"Node B's queue (browser) still lists {reference} {LiveUpdateLimit.TotalSeconds} s after node A escalated it to level 2.");
            await ExpectStillSamePageAsync(page);
            Report($"Blazor relay A->B: first (cold) escalation left node B's open queue after {cold.Value.TotalMilliseconds:0} ms; measured: {reference} left it {escalation.Value.TotalMilliseconds:0} ms after the escalation POST was sent to node A.");
        }
        catch
        {
            await Screenshots.SaveAsync(page, "multinode-queue-failed");
            throw;
        }
    });

    [Fact]
    public Task RedisDown_BothNodesServeAndAct_AndUpdatesResumeWhenBack() => cluster.RunAsync(async () =>
    {
        using var ccoOnB = await PortalNodeClient.SignInAsync(cluster.NodeB.BaseAddress, CcoEmail, cancellationToken: Ct);
        await using var hubOnB = await HubWatcher.ConnectAsync(cluster.NodeB.BaseAddress, ccoOnB.Cookies, Ct);
        using var csmOnA = await PortalNodeClient.SignInAsync(cluster.NodeA.BaseAddress, CsmEmail, cancellationToken: Ct);
        using var csmOnB = await PortalNodeClient.SignInAsync(cluster.NodeB.BaseAddress, CsmEmail, cancellationToken: Ct);
        await using var context = await browser.NewContextAsync(cluster.NodeB.BaseAddress);
        var page = await context.NewPageAsync();
        var complaints = await cluster.Level1ComplaintsAsync(Ct);
        Assert.True(complaints.Count >= 3, $"The demo data should hold at least three level-1 complaints; found {complaints.Count}.");
        var (onA, onB, probe) = (complaints[^1].Id, complaints[^2].Id, complaints[^3].Id);
        try
        {
            // Before the outage: updates flow, and each node has served one change (no JIT inside the timed checks below).
            await ChangeOnAAndWaitOnBAsync(csmOnA, hubOnB, probe, ColdLimit);
            await csmOnB.LogCommunicationAsync(onB, "Warm-up on node B (multi-node test).", Ct);
            await OpenQueueAsync(page, CsmEmail);

            var (markA, markB) = (cluster.NodeA.LogMark, cluster.NodeB.LogMark);
            await cluster.Redis.StopAsync(Ct);
            var outage = Stopwatch.StartNew();

            // At once (the multiplexer may not even know yet) and again while it keeps retrying the connection.
            var timings = new List<string>();
            foreach (var round in new[] { "at once", "after 3 s" })
            {
                var wait = (round == "at once" ? TimeSpan.Zero : TimeSpan.FromSeconds(3)) - outage.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, Ct);
                }

                foreach (var (node, client, id) in new[] { (cluster.NodeA, csmOnA, onA), (cluster.NodeB, csmOnB, onB) })
                {
                    // Each request timed on its own: the login page, reading the case, the change itself.
                    var page1 = await TimeAsync(() => GetLoginPageAsync(node, client), $"GET /account/login on node {node.Name} with Redis down ({round})");
                    long version = 0;
                    var read = await TimeAsync(async () => version = (await client.GetComplaintAsync(id, Ct)).Version,
                        $"GET api/complaints/{{id}} on node {node.Name} with Redis down ({round})");
                    var change = await TimeAsync(() => client.PostCommunicationAsync(id, version, $"Logged on node {node.Name} while Redis is down ({round}).", Ct),
                        $"POST api/complaints/{{id}}/communications on node {node.Name} with Redis down ({round})");
                    timings.Add($"{node.Name} {round}: login page {page1.TotalMilliseconds:0} ms, read {read.TotalMilliseconds:0} ms, change {change.TotalMilliseconds:0} ms");
                }
            }

            // A fresh sign-in works too (nothing in it may wait for Redis).
            var signIn = await TimeAsync(async () => (await PortalNodeClient.SignInAsync(cluster.NodeB.BaseAddress, CcoEmail, cancellationToken: Ct)).Dispose(),
                "Signing in on node B with Redis down");
            timings.Add($"B sign-in: {signIn.TotalMilliseconds:0} ms");

            // Node B's own pages still update from node B's own changes (the local notifier needs no Redis).
            var (localId, localReference) = await PickQueueRowAsync(page);
            // (About serving, not latency: bounded loosely so a busy machine does not fail it.)
            var local = await EscalateAndWaitForQueueAsync(csmOnB, page, localId, localReference, LocalLimitWithRedisDown);
            Assert.True(local is not null, $"With Redis down, node B's queue still lists {localReference} {LocalLimitWithRedisDown.TotalSeconds} s after node B itself escalated it.");
            timings.Add($"B local escalation left B's queue in {local.Value.TotalMilliseconds:0} ms");

            // Each node said so in its log (a warning naming Redis, from the relay or the publisher).
            foreach (var (node, mark) in new[] { (cluster.NodeA, markA), (cluster.NodeB, markB) })
            {
                Assert.True(node.LogSince(mark).Any(l => l.Contains("warn:", StringComparison.Ordinal) && l.Contains("Redis", StringComparison.Ordinal)),
                    $"Node {node.Name} logged no warning about Redis being unreachable.");
            }

            // Redis is back on the same port: a fresh change on node A every second until node B's hub client hears one.
            await cluster.Redis.StartAsync(Ct);
            var restarted = Stopwatch.GetTimestamp();
            TimeSpan? resumed = null;
            var attempts = 0;
            while (resumed is null && Stopwatch.GetElapsedTime(restarted) < ResumeLimit)
            {
                attempts++;
                await hubOnB.EnsureConnectedAsync(Ct);
                await csmOnA.LogCommunicationAsync(probe, $"Probe {attempts} after Redis restarted (multi-node test).", Ct);
                if (await hubOnB.WaitForAsync(probe, restarted, TimeSpan.FromSeconds(1), Ct) is { } heard)
                {
                    resumed = Stopwatch.GetElapsedTime(restarted, heard.At);
                }
            }

            Assert.True(resumed is not null, $"No change made on node A reached node B's hub client within {ResumeLimit.TotalSeconds} s after Redis restarted ({attempts} changes tried; hub client {hubOnB.State}).");

            // The Blazor relay resumed as well: node A's escalation leaves node B's open queue, in the page kept open all along.
            var (relayId, relayReference) = await PickQueueRowAsync(page);
            var relay = await EscalateAndWaitForQueueAsync(csmOnA, page, relayId, relayReference, TimeSpan.FromSeconds(10));
            Assert.True(relay is not null, $"After Redis restarted, node B's queue still lists {relayReference} 10 s after node A escalated it: the cluster relay did not resume.");
            await ExpectStillSamePageAsync(page);

            timings.Add($"hub updates resumed {resumed.Value.TotalMilliseconds:0} ms after Redis answered again ({attempts} probe(s))");
            timings.Add($"relay A->B after restart: {relay.Value.TotalMilliseconds:0} ms");
            Report("Redis outage: " + string.Join("; ", timings));
        }
        catch
        {
            await Screenshots.SaveAsync(page, "multinode-outage-failed");
            throw;
        }
        finally
        {
            // The other tests of the class need Redis.
            await cluster.Redis.StartAsync(CancellationToken.None);
        }
    });

    /// <summary>Logs a communication on node A and waits until node B's hub client hears of it; returns the time taken.</summary>
    private static async Task<TimeSpan> ChangeOnAAndWaitOnBAsync(PortalNodeClient onA, HubWatcher onB, Guid id, TimeSpan limit)
    {
        var start = Stopwatch.GetTimestamp();
        await onA.LogCommunicationAsync(id, "Warm-up call (multi-node test).", Ct);
        var heard = await onB.WaitForAsync(id, start, limit, Ct);
        Assert.True(heard is not null, $"Node B's hub client heard nothing of complaint {id} within {limit.TotalSeconds} s of a change on node A (hub client {onB.State}).");
        return Stopwatch.GetElapsedTime(start, heard.Value.At);
    }

    /// <summary>
    /// Escalates a level-1 complaint to level 2 through <paramref name="client"/>'s node and waits (polling the DOM every
    /// 20 ms) until <paramref name="page"/>'s level-1 queue no longer lists it; returns the time from the POST, or null.
    /// </summary>
    private static async Task<TimeSpan?> EscalateAndWaitForQueueAsync(PortalNodeClient client, IPage page, Guid id, string reference, TimeSpan limit)
    {
        var version = (await client.GetComplaintAsync(id, Ct)).Version;
        var start = Stopwatch.GetTimestamp();
        await client.PostEscalationAsync(id, version, EscalationLevel.ChiefCustomerOfficer, "Escalated by the multi-node test.", Ct);
        var remaining = limit - Stopwatch.GetElapsedTime(start);
        try
        {
            await page.WaitForFunctionAsync(
                "reference => ![...document.querySelectorAll('[data-testid=queue-reference]')].some(a => a.textContent.trim() === reference)",
                reference,
                new() { PollingInterval = 20, Timeout = (float)Math.Max(remaining.TotalMilliseconds, 50) });
        }
        catch (TimeoutException)
        {
            return null;
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        // Not just a table that emptied while reloading: the reference is gone and the other rows are back.
        await Expect(page.Locator("[data-testid=queue-reference]").First).ToBeVisibleAsync();
        await Expect(QueueLink(page, reference)).ToHaveCountAsync(0);
        return elapsed;
    }

    /// <summary>Signs in on the browser's node and opens the level-1 queue, marked so that a reload would show.</summary>
    private static async Task OpenQueueAsync(IPage page, string email)
    {
        await page.GotoAsync("account/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(DbSeeder.DemoPassword);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await page.GotoAsync("queue");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=queue-reference]").First).ToBeVisibleAsync();
        await page.EvaluateAsync("() => { window.__zoworSamePage = true; }");
    }

    /// <summary>The first complaint the queue shows: its id (from the row's link) and reference.</summary>
    private static async Task<(Guid Id, string Reference)> PickQueueRowAsync(IPage page)
    {
        var link = page.Locator("[data-testid=queue-reference]").First;
        await Expect(link).ToBeVisibleAsync();
        var href = await link.GetAttributeAsync("href") ?? string.Empty;
        var reference = (await link.InnerTextAsync()).Trim();
        var id = Guid.Parse(href[(href.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
        return (id, reference);
    }

    private static ILocator QueueLink(IPage page, string reference) =>
        page.Locator("[data-testid=queue-reference]").Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(reference)}\\s*$") });

    /// <summary>The page was never reloaded or navigated away: the marker set when it opened is still there.</summary>
    private static async Task ExpectStillSamePageAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => window.__zoworSamePage === true"), "Node B's queue page was reloaded: the update must arrive live.");

    private static async Task GetLoginPageAsync(PortalNode node, PortalNodeClient client)
    {
        using var response = await client.Http.GetAsync(new Uri(node.BaseAddress, "account/login"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Runs <paramref name="action"/> and fails unless it finished within <see cref="ActionLimitWithRedisDown"/>.</summary>
    private static async Task<TimeSpan> TimeAsync(Func<Task> action, string what)
    {
        var clock = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = action();
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30), limit.Token));
        if (finished != run)
        {
            Assert.Fail($"{what} did not finish within 30 s: Redis being down blocks it.");
        }

        await limit.CancelAsync();
        await run;
        var elapsed = clock.Elapsed;
        Assert.True(elapsed < ActionLimitWithRedisDown, $"{what} took {elapsed.TotalMilliseconds:0} ms (limit {ActionLimitWithRedisDown.TotalSeconds} s): Redis being down must not slow it.");
        return elapsed;
    }

    private static void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}

/// <summary>redis-server, node A (seeds the demo data) and node B, on one SQLite file; started once for the test class.</summary>
public sealed class MultiNodeCluster : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Create();
    private RedisServer? _redis;
    private PortalNode? _nodeA;
    private PortalNode? _nodeB;

    public RedisServer Redis => _redis ?? throw new InvalidOperationException("The cluster has not started.");

    public PortalNode NodeA => _nodeA ?? throw new InvalidOperationException("The cluster has not started.");

    public PortalNode NodeB => _nodeB ?? throw new InvalidOperationException("The cluster has not started.");

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        try
        {
            _redis = await RedisServer.StartNewAsync(cancellationToken);
            // One node seeds, then the other starts on the seeded file (both apply migrations; the second finds nothing to do).
            _nodeA = await PortalNode.StartAsync("A", Settings(seed: true), cancellationToken);
            _nodeB = await PortalNode.StartAsync("B", Settings(seed: false), cancellationToken);
        }
        catch
        {
            // Nothing may outlive a cluster that failed to start.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Level-1 complaints in the shared file (unacknowledged first), read around the app.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Reference)>> Level1ComplaintsAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, Reference FROM Complaints WHERE EscalationLevel = 1 ORDER BY Status <> 'Received', Reference";
        var found = new List<(Guid, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add((Guid.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetString(1)));
        }

        return found;
    }

    /// <summary>Runs a test body; a failure carries both nodes' logs and Redis's state.</summary>
    public async Task RunAsync(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}{Environment.NewLine}{Environment.NewLine}{Describe()}", ex);
        }
    }

    public string Describe() =>
        string.Join(Environment.NewLine, new[]
        {
            $"--- redis on port {_redis?.Port}: {(_redis?.IsRunning == true ? "running" : "stopped")} ---",
            _nodeA?.Describe() ?? "(node A not started)",
            _nodeB?.Describe() ?? "(node B not started)",
        });

    /// <summary>Stops everything; safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        var (nodeB, nodeA, redis) = (_nodeB, _nodeA, _redis);
        (_nodeB, _nodeA, _redis) = (null, null, null);
        if (nodeB is not null)
        {
            await nodeB.DisposeAsync();
        }

        if (nodeA is not null)
        {
            await nodeA.DisposeAsync();
        }

        if (redis is not null)
        {
            await redis.DisposeAsync();
        }

        _database.Dispose();
    }

    private Dictionary<string, string> Settings(bool seed) => new()
    {
        ["Database__Provider"] = "Sqlite",
        ["Database__SqlitePath"] = _database.FilePath,
        ["Database__SeedDemoData"] = seed ? "true" : "false",
        ["Redis__Connection"] = Redis.Connection,
    };
}

/// <summary>A SignalR client of <c>/hubs/complaints</c> signed in by cookie, recording each ComplaintChanged with its arrival time.</summary>
public sealed class HubWatcher : IAsyncDisposable
{
    private readonly ConcurrentQueue<(ComplaintUpdate Update, long At)> _received = new();

    private HubWatcher(HubConnection connection)
    {
        Connection = connection;
        Connection.On<ComplaintUpdate>(nameof(IComplaintClient.ComplaintChanged), update => _received.Enqueue((update, Stopwatch.GetTimestamp())));
    }

    public HubConnection Connection { get; }

    public HubConnectionState State => Connection.State;

    public static async Task<HubWatcher> ConnectAsync(Uri baseAddress, CookieContainer cookies, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "hubs/complaints"), o => o.Cookies = cookies)
            .WithAutomaticReconnect(new EveryHalfSecond())
            .Build();
        var watcher = new HubWatcher(connection);
        await connection.StartAsync(cancellationToken);
        return watcher;
    }

    /// <summary>Restarts the connection if it gave up (reconnecting is the client's job, not the server's).</summary>
    public async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (Connection.State == HubConnectionState.Disconnected)
        {
            try
            {
                await Connection.StartAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException)
            {
                // Tried again on the next round.
            }
        }
    }

    /// <summary>The first ComplaintChanged for <paramref name="complaintId"/> that arrived at or after <paramref name="since"/> (a Stopwatch timestamp), waiting up to <paramref name="timeout"/>.</summary>
    public async Task<(ComplaintUpdate Update, long At)?> WaitForAsync(Guid complaintId, long since, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            foreach (var received in _received)
            {
                if (received.Update.ComplaintId == complaintId && received.At >= since)
                {
                    return received;
                }
            }

            if (clock.Elapsed >= timeout)
            {
                return null;
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private sealed class EveryHalfSecond : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) => TimeSpan.FromMilliseconds(500);
    }
}
