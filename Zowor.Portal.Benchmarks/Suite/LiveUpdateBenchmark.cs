using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Benchmarks.Suite;

/// <summary>
/// Benchmark 5 of issue 9: how long a committed complaint change takes to reach the complaints hub's subscribers, with
/// 1,000 and 2,000 of them on one node, and on two nodes sharing a Redis backplane (subscribers split evenly, changes
/// committed on node A). Subscribers are SignalR clients in this process, all signed in as the demo CSM, so every one of
/// them is in the level-1 group (<see cref="RealtimeGroups"/>) and hears each change of a level-1 complaint exactly once.
/// Changes (a logged phone call, through the JSON API) are committed one after another: the next one only after every
/// subscriber heard the last or <see cref="DeliveryWait"/> passed. Each configuration first makes
/// <see cref="WarmUpChanges"/> unmeasured changes and waits until the processes are quiet (<see cref="SettledCpu"/>).
/// </summary>
/// <remarks>
/// <see cref="ComplaintUpdate"/> carries no time of the change, so latency runs from just before the POST that commits
/// the change is sent to the moment the subscriber's handler runs, both on this process's <see cref="Stopwatch"/>. It
/// includes the request itself (authentication, loading and saving the complaint): an upper bound of commit-to-delivery.
/// The portal nodes, Redis and the clients share the machine's cores, so the clients' own work is kept to a timestamp.
/// </remarks>
public sealed class LiveUpdateBenchmark : IBenchmark
{
    private const string Figure = "5 live";
    private const double P95Target = 200;
    private const double P99Target = 1_000;

    /// <summary>How many subscribers connect at once.</summary>
    private const int ConnectBatch = 50;

    /// <summary>Changes rotate over this many complaints, so a straggler of one change is not counted as a delivery of the next.</summary>
    private const int RotatedComplaints = 5;

    /// <summary>Unmeasured changes before each configuration's measured ones (JIT, first queries, Redis subscriptions).</summary>
    private const int WarmUpChanges = 10;

    /// <summary>
    /// After the warm-up, the measured changes wait until the portal and the clients use less CPU than this (ms per
    /// second, together): right after 1,000 fresh connections and the first changes, tiered JIT kept the nodes 40-75 % of a
    /// core busy for seconds (the JIT thread of one node used 5.5 s of CPU), which is start-up, not the steady state the
    /// targets are about.
    /// </summary>
    private const double SettledCpu = 150;

    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan DeliveryWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan WarmUpWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly string CsmEmail = DbSeeder.DemoUsers.Single(u => u.Roles.SequenceEqual([PortalRoles.Csm])).Email;

    public string Name => "live";

    public string Title => "5 live: live-update latency, commit to delivery, 1,000 and 2,000 SignalR subscribers on one node and two nodes with Redis";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var folder = context.ScratchFolder("live");
        int[] sizes = context.Quick ? [100, 200] : [1_000, 2_000];
        var changes = context.Quick ? 10 : 40;
        Console.WriteLine($"  {changes} changes per configuration, one at a time; latency from just before the committing POST is sent to each subscriber's handler (updates carry no change time)");
        foreach (var nodeCount in new[] { 1, 2 })
        {
            await RunScenarioAsync(context.Report, folder, nodeCount, sizes, changes, cancellationToken);
        }
    }

    private static async Task RunScenarioAsync(Report report, string folder, int nodeCount, int[] sizes, int changes, CancellationToken cancellationToken)
    {
        var scenario = nodeCount == 1 ? "1 node" : "2 nodes";
        var database = Path.Combine(folder, nodeCount == 1 ? "one-node.db" : "two-nodes.db");
        RedisServer? redis = null;
        var nodes = new List<PortalNode>();
        var sessions = new List<StaffSession>();
        try
        {
            Dictionary<string, string>? settings = null;
            if (nodeCount > 1)
            {
                redis = await RedisServer.StartNewAsync(Path.Combine(folder, "redis"), cancellationToken);
                settings = new Dictionary<string, string> { ["Redis:Connection"] = redis.Connection };
            }

            // One after the other: the first node creates and seeds the shared database, the second finds it ready.
            for (var i = 0; i < nodeCount; i++)
            {
                nodes.Add(await PortalNode.StartAsync(((char)('A' + i)).ToString(), database, settings, cancellationToken));
            }

            // One session per node for its subscribers, and one more on node A that commits the changes.
            foreach (var node in nodes)
            {
                sessions.Add(await StaffSession.SignInAsync(node.BaseAddress, CsmEmail, cancellationToken));
            }

            sessions.Add(await StaffSession.SignInAsync(nodes[0].BaseAddress, CsmEmail, cancellationToken));
            var committer = sessions[^1];
            var complaints = await Level1ComplaintsAsync(database, cancellationToken);
            var number = 0;

            foreach (var size in sizes)
            {
                var label = $"{scenario}, {size:N0} subscribers";
                await using var subscribers = new Subscribers();
                var clock = Stopwatch.StartNew();
                await subscribers.ConnectAsync(size, i => (nodes[i % nodeCount].BaseAddress, sessions[i % nodeCount].Cookies), cancellationToken);
                report.Info(Figure, $"{label}: connecting", clock.Elapsed.TotalSeconds, "s");

                for (var i = 0; i < WarmUpChanges; i++)
                {
                    await ChangeAsync(committer, subscribers, complaints[number % complaints.Count], ++number, WarmUpWait, cancellationToken);
                    await Task.Delay(Pause, cancellationToken);
                }

                var settled = await SettleAsync(nodes, redis, cancellationToken);
                Console.WriteLine($"  {label}: {(settled is { } after ? $"settled after {after.TotalSeconds:0.0} s" : $"still busy after {SettleLimit.TotalSeconds:0} s")} ({SettledCpu:0} ms/s of CPU)");
                var latencies = new List<double>(changes * size);
                var onNodeB = new List<double>(changes * size / 2);
                var answers = new List<double>(changes);
                var firsts = new List<double>(changes);
                long delivered = 0;
                var (clientCpu, serverCpu) = (ClientCpu(), ServerCpu(nodes, redis));
                for (var c = 0; c < changes; c++)
                {
                    var round = await ChangeAsync(committer, subscribers, complaints[number % complaints.Count], ++number, DeliveryWait, cancellationToken);
                    answers.Add(Stopwatch.GetElapsedTime(round.Sent, round.Answered).TotalMilliseconds);
                    firsts.Add(round.Arrivals.Where(a => a != 0).Select(a => Stopwatch.GetElapsedTime(round.Sent, a).TotalMilliseconds).DefaultIfEmpty(double.PositiveInfinity).Min());
                    for (var s = 0; s < size; s++)
                    {
                        // A delivery missing after the wait counts as slower than any target, not as no sample.
                        var arrived = Volatile.Read(ref round.Arrivals[s]);
                        var latency = arrived == 0 ? double.PositiveInfinity : Stopwatch.GetElapsedTime(round.Sent, arrived).TotalMilliseconds;
                        delivered += arrived == 0 ? 0 : 1;
                        latencies.Add(latency);
                        if (s % nodeCount == 1)
                        {
                            onNodeB.Add(latency);
                        }
                    }

                    await Task.Delay(Pause, cancellationToken);
                }

                (clientCpu, serverCpu) = (ClientCpu() - clientCpu, ServerCpu(nodes, redis) - serverCpu);
                var expected = (long)changes * size;
                report.Info(Figure, $"{label}: p50 latency", Percentiles.Of(latencies, 50), "ms");
                report.AtMost(Figure, $"{label}: p95 latency", Percentiles.Of(latencies, 95), "ms", P95Target);
                report.AtMost(Figure, $"{label}: p99 latency", Percentiles.Of(latencies, 99), "ms", P99Target);
                if (nodeCount > 1)
                {
                    report.Info(Figure, $"{label}: p95 latency, node B", Percentiles.Of(onNodeB, 95), "ms");
                }

                report.Check(Figure, $"{label}: delivered", 100.0 * delivered / expected, "%", "100 %", delivered == expected);
                if (delivered < expected)
                {
                    Console.WriteLine($"  {label}: {expected - delivered:N0} of {expected:N0} deliveries missing after {DeliveryWait.TotalSeconds:0} s");
                }

                // Where the time goes: the commit request, the first subscriber (commit and publish path), and the CPU the
                // fan-out costs the portal (nodes and Redis) and this process's clients for each change (the GET and POST of
                // the change included, about 25-30 ms of a node's CPU without subscribers).
                report.Info(Figure, $"{label}: POST answered, p50", Percentiles.Of(answers, 50), "ms");
                report.Info(Figure, $"{label}: first delivery, p50", Percentiles.Of(firsts, 50), "ms");
                report.Info(Figure, $"{label}: CPU per change, portal", serverCpu.TotalMilliseconds / changes, "ms");
                report.Info(Figure, $"{label}: CPU per change, clients", clientCpu.TotalMilliseconds / changes, "ms");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            foreach (var node in nodes)
            {
                Console.WriteLine(node.Describe(30));
            }

            throw;
        }
        finally
        {
            foreach (var session in sessions)
            {
                session.Dispose();
            }

            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            if (redis is not null)
            {
                await redis.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Commits one change (an outbound phone call logged on <paramref name="complaintId"/>, at the version read just before)
    /// and waits until every subscriber heard of it or <paramref name="wait"/> passed. A conflict (someone else changed
    /// the complaint in between) is retried on the new version.
    /// </summary>
    private static async Task<Round> ChangeAsync(StaffSession committer, Subscribers subscribers, Guid complaintId, int number, TimeSpan wait, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            long version;
            using (var read = await committer.Http.GetAsync($"api/complaints/{complaintId}", cancellationToken))
            {
                await EnsureAsync(read, cancellationToken);
                version = (await read.Content.ReadFromJsonAsync<ComplaintState>(Json, cancellationToken))!.Version;
            }

            var round = new Round(complaintId, subscribers.Count);
            subscribers.Current = round;
            round.Sent = Stopwatch.GetTimestamp();
            using var response = await committer.Http.PostAsJsonAsync($"api/complaints/{complaintId}/communications",
                new CommunicationRequest(CommunicationDirection.Outbound, CommunicationChannel.Phone, $"Benchmark call {number}.", version), Json, cancellationToken);
            round.Answered = Stopwatch.GetTimestamp();
            if (response.StatusCode == HttpStatusCode.Conflict && attempt < 3)
            {
                subscribers.Current = null;
                continue;
            }

            await EnsureAsync(response, cancellationToken);
            try
            {
                await round.AllArrived.WaitAsync(wait, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Counted as missing deliveries.
            }

            subscribers.Current = null;
            return round;
        }
    }

    /// <summary>Waits until the portal's processes and this one together use less than <see cref="SettledCpu"/> over a second; null when they never did.</summary>
    private static async Task<TimeSpan?> SettleAsync(IReadOnlyList<PortalNode> nodes, RedisServer? redis, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < SettleLimit)
        {
            var (before, started) = (ServerCpu(nodes, redis) + ClientCpu(), Stopwatch.GetTimestamp());
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var used = ServerCpu(nodes, redis) + ClientCpu() - before;
            if (used.TotalMilliseconds / Stopwatch.GetElapsedTime(started).TotalSeconds < SettledCpu)
            {
                return clock.Elapsed;
            }
        }

        return null;
    }

    /// <summary>The CPU time this process (the subscribers and the committer) has used so far.</summary>
    private static TimeSpan ClientCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>The CPU time the portal's processes (nodes and Redis) have used so far.</summary>
    private static TimeSpan ServerCpu(IEnumerable<PortalNode> nodes, RedisServer? redis)
    {
        var total = TimeSpan.Zero;
        foreach (var id in nodes.Select(n => n.ProcessId).Concat(redis is null ? [] : [redis.ProcessId]))
        {
            using var process = Process.GetProcessById(id);
            total += process.TotalProcessorTime;
        }

        return total;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered HTTP {(int)response.StatusCode}: {body}");
        }
    }

    /// <summary>Level-1 demo complaints, whose changes go to every CSM connection.</summary>
    private static async Task<IReadOnlyList<Guid>> Level1ComplaintsAsync(string database, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT Id FROM Complaints WHERE EscalationLevel = 1 ORDER BY Reference LIMIT {RotatedComplaints}";
        var found = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(Guid.Parse(reader.GetString(0)));
        }

        return found.Count >= 2 ? found : throw new InvalidOperationException($"The demo data should hold at least two level-1 complaints; found {found.Count}.");
    }

    /// <summary>One committed change: when it was sent and when each subscriber heard of it.</summary>
    private sealed class Round(Guid complaintId, int subscribers)
    {
        private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _remaining = subscribers;

        public Guid ComplaintId { get; } = complaintId;

        /// <summary><see cref="Stopwatch"/> timestamps of arrival by subscriber; 0 while it has not arrived.</summary>
        public long[] Arrivals { get; } = new long[subscribers];

        /// <summary>Just before the committing POST was sent.</summary>
        public long Sent { get; set; }

        /// <summary>When the POST was answered.</summary>
        public long Answered { get; set; }

        public Task AllArrived => _allArrived.Task;

        /// <summary>Called by a subscriber's handler (one at a time per connection): a timestamp, nothing more.</summary>
        public void Arrived(int subscriber)
        {
            if (Arrivals[subscriber] == 0)
            {
                Volatile.Write(ref Arrivals[subscriber], Stopwatch.GetTimestamp());
                if (Interlocked.Decrement(ref _remaining) == 0)
                {
                    _allArrived.TrySetResult();
                }
            }
        }
    }

    /// <summary>The hub connections of one configuration, and the change they are listening for.</summary>
    private sealed class Subscribers : IAsyncDisposable
    {
        private readonly List<HubConnection> _connections = [];
        private volatile Round? _current;

        public int Count => _connections.Count;

        /// <summary>The change being measured; null between changes.</summary>
        public Round? Current
        {
            get => _current;
            set => _current = value;
        }

        /// <summary>
        /// Connects <paramref name="count"/> subscribers over WebSockets, <see cref="ConnectBatch"/> at a time; subscriber
        /// <c>i</c> goes to the node and signs in with the cookie that <paramref name="target"/> gives for <c>i</c>.
        /// </summary>
        public async Task ConnectAsync(int count, Func<int, (Uri Node, CookieContainer Cookies)> target, CancellationToken cancellationToken)
        {
            var first = _connections.Count;
            for (var i = first; i < first + count; i++)
            {
                var (node, cookies) = target(i);
                _connections.Add(Create(i, node, cookies));
            }

            foreach (var batch in _connections.Skip(first).Chunk(ConnectBatch))
            {
                await Task.WhenAll(batch.Select(c => c.StartAsync(cancellationToken)));
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var batch in _connections.Chunk(ConnectBatch * 4))
            {
                await Task.WhenAll(batch.Select(async c =>
                {
                    try
                    {
                        await c.DisposeAsync();
                    }
                    catch (Exception)
                    {
                        // Closing: a node that is already gone makes no difference.
                    }
                }));
            }

            _connections.Clear();
        }

        private HubConnection Create(int index, Uri node, CookieContainer cookies)
        {
            // A copy of the session's cookies for each connection: the sign-in cookie goes with the WebSocket request.
            // WebSockets straight away (no negotiate request), as the realistic transport of a live page.
            var jar = new CookieContainer();
            jar.Add(cookies.GetCookies(node));
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(node, "hubs/complaints"), HttpTransportType.WebSockets, o =>
                {
                    o.SkipNegotiation = true;
                    o.Cookies = jar;
                })
                .Build();

            // Minimal work per message: the nodes, Redis and these clients share the machine's two cores, so the client
            // records a timestamp into a preallocated array and does nothing else that would add to the measured time.
            connection.On<ComplaintUpdate>(nameof(IComplaintClient.ComplaintChanged), update =>
            {
                if (_current is { } round && round.ComplaintId == update.ComplaintId)
                {
                    round.Arrived(index);
                }
            });
            connection.On<NotificationUpdate>(nameof(IComplaintClient.Notified), _ => { });
            return connection;
        }
    }
}
