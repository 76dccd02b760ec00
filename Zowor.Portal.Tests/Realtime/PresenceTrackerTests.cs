using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Tests.Realtime;

/// <summary>
/// Presence follows the circuit's connection: a viewer whose browser went away (connection down) no longer counts,
/// here or in what this node announces to the others, and counts again when the browser comes back; either way the
/// open case pages hear of it at once. The time it takes the server to call a silent browser gone is the Blazor hub's
/// client timeout (<see cref="PresenceTracker.VanishedBrowserTimeout"/>), checked with a real browser in LiveUpdatesTests.
/// </summary>
public sealed class PresenceTrackerTests : IDisposable
{
    private static readonly Guid Case = Guid.NewGuid();
    private static readonly Viewer Cco = new("user-cco", "Dana CCO");
    private static readonly Viewer Csm = new("user-csm", "Saule CSM");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
    private readonly PortalNotifier _notifier = new(NullLogger<PortalNotifier>.Instance);
    private readonly RecordingRelay _relay = new();
    private readonly PresenceTracker _tracker;
    private readonly List<Guid> _changes = [];
    private readonly IDisposable _subscription;

    public PresenceTrackerTests()
    {
        _tracker = new PresenceTracker(_notifier, _relay, _clock, NullLogger<PresenceTracker>.Instance);
        _subscription = _notifier.Subscribe<PresenceChanged>(c =>
        {
            lock (_changes)
            {
                _changes.Add(c.ComplaintId);
            }

            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task ConnectionDown_RemovesTheViewerAtOnce_AndConnectionUpBringsThemBack()
    {
        var ccoCircuit = new CircuitPresence(_tracker);
        using var cco = _tracker.Enter(Case, Cco, ccoCircuit);
        using var csm = _tracker.Enter(Case, Csm, new CircuitPresence(_tracker));
        Assert.Equal(["Dana CCO", "Saule CSM"], Names());
        var before = ChangeCount();

        await ccoCircuit.OnConnectionDownAsync(null!, TestContext.Current.CancellationToken);

        // No time passes: gone as soon as the connection is down, not when the circuit is given up minutes later.
        Assert.Equal(["Saule CSM"], Names());
        Assert.True(await HeardAsync(() => ChangeCount() > before), "The case pages were not told that the CCO left.");
        Assert.DoesNotContain(_relay.Snapshots.Last(s => s.ComplaintId == Case).Viewers, v => v.UserId == Cco.UserId);

        await ccoCircuit.OnConnectionUpAsync(null!, TestContext.Current.CancellationToken);

        Assert.Equal(["Dana CCO", "Saule CSM"], Names());
        Assert.Contains(_relay.Snapshots.Last(s => s.ComplaintId == Case).Viewers, v => v.UserId == Cco.UserId);
    }

    [Fact]
    public void ViewerWithoutACircuit_AlwaysCounts_UntilTheyLeave()
    {
        var entered = _tracker.Enter(Case, Cco);
        Assert.Equal(["Dana CCO"], Names());

        entered.Dispose();

        Assert.Empty(Names());
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _tracker.Dispose();
    }

    private string[] Names() => _tracker.ViewersOf(Case).Select(v => v.Name).ToArray();

    /// <summary>The notifier calls its subscribers on the thread pool: wait (briefly) for the page's notification.</summary>
    private static async Task<bool> HeardAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        return condition();
    }

    private int ChangeCount()
    {
        lock (_changes)
        {
            return _changes.Count(c => c == Case);
        }
    }

    private sealed class RecordingRelay : IClusterRelay
    {
        private readonly List<PresenceSnapshot> _snapshots = [];

        public string NodeId { get; } = "node-a";

        public IReadOnlyList<PresenceSnapshot> Snapshots
        {
            get
            {
                lock (_snapshots)
                {
                    return _snapshots.ToList();
                }
            }
        }

        public Task PublishAsync(LiveEvent liveEvent)
        {
            if (liveEvent is PresenceSnapshot snapshot)
            {
                lock (_snapshots)
                {
                    _snapshots.Add(snapshot);
                }
            }

            return Task.CompletedTask;
        }
    }
}
