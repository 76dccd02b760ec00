using System.Collections.Concurrent;

namespace Zowor.Portal.Realtime;

/// <summary>
/// Who has which case open, across web nodes. Local viewers are registered by the case page and removed when it is
/// disposed (so a closed tab or a dropped circuit leaves); while their circuit's browser is disconnected
/// (<see cref="CircuitPresence"/>) they do not count, so a vanished browser leaves within
/// <see cref="VanishedBrowserTimeout"/> instead of when its circuit is finally given up. Each node announces its local viewers of a case whenever
/// they change and every <see cref="HeartbeatInterval"/>; another node's announcement counts until it is older than
/// <see cref="RemoteTimeout"/>, so a crashed node's viewers fade away.
/// </summary>
public sealed class PresenceTracker : BackgroundService
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan RemoteTimeout = TimeSpan.FromSeconds(35);

    /// <summary>
    /// How long the server waits for a silent browser before its circuit's connection counts as down (the Blazor hub's
    /// ClientTimeoutInterval; the browser pings every 15 s). A closed socket counts at once.
    /// </summary>
    public static readonly TimeSpan VanishedBrowserTimeout = TimeSpan.FromSeconds(25);

    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, LocalViewer>> _local = new();
    private readonly ConcurrentDictionary<(string NodeId, Guid ComplaintId), (IReadOnlyList<Viewer> Viewers, DateTime ReceivedAt)> _remote = new();
    private readonly PortalNotifier _notifier;
    private readonly IClusterRelay _relay;
    private readonly TimeProvider _time;
    private readonly ILogger<PresenceTracker> _logger;
    private readonly IDisposable _subscription;

    public PresenceTracker(PortalNotifier notifier, IClusterRelay relay, TimeProvider time, ILogger<PresenceTracker> logger)
    {
        _notifier = notifier;
        _relay = relay;
        _time = time;
        _logger = logger;
        _subscription = notifier.Subscribe<PresenceSnapshot>(ApplyRemoteAsync);
    }

    /// <summary>
    /// Registers a viewer of a case, on <paramref name="connection"/>'s circuit (null: always connected); dispose the
    /// result when the page closes.
    /// </summary>
    public IDisposable Enter(Guid complaintId, Viewer viewer, CircuitPresence? connection = null)
    {
        var key = Guid.NewGuid();
        _local.GetOrAdd(complaintId, _ => new ConcurrentDictionary<Guid, LocalViewer>())[key] = new LocalViewer(viewer, connection);
        Changed(complaintId);
        return new Leave(this, complaintId, key);
    }

    /// <summary>Everyone viewing the case now, on any node, each person once.</summary>
    public IReadOnlyList<Viewer> ViewersOf(Guid complaintId)
    {
        var cutoff = _time.GetUtcNow().UtcDateTime - RemoteTimeout;
        var local = LocalViewersOf(complaintId);
        var remote = _remote.Where(r => r.Key.ComplaintId == complaintId && r.Value.ReceivedAt >= cutoff).SelectMany(r => r.Value.Viewers);
        return local.Concat(remote).DistinctBy(v => v.UserId).OrderBy(v => v.Name, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>A circuit's browser went away or came back: the cases it has open show its viewers again or no more.</summary>
    public void ConnectionChanged(CircuitPresence connection)
    {
        foreach (var complaintId in _local.Where(l => l.Value.Values.Any(v => v.Connection == connection)).Select(l => l.Key).ToList())
        {
            Changed(complaintId);
        }
    }

    public override void Dispose()
    {
        _subscription.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(HeartbeatInterval, _time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var complaintId in _local.Where(l => !l.Value.IsEmpty).Select(l => l.Key))
            {
                await AnnounceAsync(complaintId);
            }

            var cutoff = _time.GetUtcNow().UtcDateTime - RemoteTimeout;
            foreach (var stale in _remote.Where(r => r.Value.ReceivedAt < cutoff).ToList())
            {
                if (_remote.TryRemove(stale.Key, out _))
                {
                    _notifier.Publish(new PresenceChanged(stale.Key.ComplaintId));
                }
            }
        }
    }

    private void Changed(Guid complaintId)
    {
        _notifier.Publish(new PresenceChanged(complaintId));
        _ = AnnounceAsync(complaintId);
    }

    private async Task AnnounceAsync(Guid complaintId)
    {
        try
        {
            await _relay.PublishAsync(new PresenceSnapshot(_relay.NodeId, complaintId, LocalViewersOf(complaintId)));
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "Presence of {ComplaintId} not announced to other nodes", complaintId);
        }
    }

    private Task ApplyRemoteAsync(PresenceSnapshot snapshot)
    {
        if (snapshot.NodeId != _relay.NodeId)
        {
            var key = (snapshot.NodeId, snapshot.ComplaintId);
            var unchanged = _remote.TryGetValue(key, out var known)
                && known.Viewers.Select(v => v.UserId).Order().SequenceEqual(snapshot.Viewers.Select(v => v.UserId).Order());
            _remote[key] = (snapshot.Viewers, _time.GetUtcNow().UtcDateTime);
            // Heartbeats repeat the same viewers every few seconds; only a real change re-renders the case pages.
            if (!unchanged)
            {
                _notifier.Publish(new PresenceChanged(snapshot.ComplaintId));
            }
        }

        return Task.CompletedTask;
    }

    private List<Viewer> LocalViewersOf(Guid complaintId) =>
        _local.TryGetValue(complaintId, out var viewers)
            ? viewers.Values.Where(v => v.Connection?.IsConnected != false).Select(v => v.Viewer).ToList()
            : [];

    private sealed record LocalViewer(Viewer Viewer, CircuitPresence? Connection);

    private sealed class Leave(PresenceTracker owner, Guid complaintId, Guid key) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0
                && owner._local.TryGetValue(complaintId, out var viewers)
                && viewers.TryRemove(key, out _))
            {
                owner.Changed(complaintId);
            }
        }
    }
}
