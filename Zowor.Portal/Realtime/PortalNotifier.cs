namespace Zowor.Portal.Realtime;

/// <summary>
/// In-process fan-out of live events to open pages (Blazor circuits) on this node. Subscribing returns an
/// <see cref="IDisposable"/>; components dispose it with themselves, or the circuit leaks.
/// Handlers run on the publisher's thread: components marshal with <c>InvokeAsync</c>.
/// </summary>
public sealed class PortalNotifier(ILogger<PortalNotifier> logger)
{
    private readonly Lock _gate = new();

    // Copy-on-write: publishing reads a snapshot without taking the lock.
    private volatile Func<LiveEvent, Task>[] _handlers = [];
    private long _sequence;

    /// <summary>
    /// How many events this node has published since it started, presence (who has a case open) aside: a page that renders
    /// it can later ask whether anything it may show happened since (an idle page's socket, <see cref="IdlePageEvents"/>).
    /// </summary>
    public long Sequence => Interlocked.Read(ref _sequence);

    public IDisposable Subscribe(Func<LiveEvent, Task> handler)
    {
        lock (_gate)
        {
            _handlers = [.. _handlers, handler];
        }

        return new Subscription(this, handler);
    }

    /// <summary>
    /// Subscribes to one kind of event. A <see cref="ComplaintChanged"/> subscriber also hears each change of a
    /// <see cref="ComplaintsChanged"/> batch, one after the other: such subscribers filter for their own complaint (the
    /// case page), so a batch costs them at most one reload. Pages that reload on any change subscribe with
    /// <see cref="SubscribeToComplaints"/> instead.
    /// </summary>
    public IDisposable Subscribe<TEvent>(Func<TEvent, Task> handler)
        where TEvent : LiveEvent =>
        Subscribe(e => e switch
        {
            TEvent typed => handler(typed),
            ComplaintsChanged batch when handler is Func<ComplaintChanged, Task> single => EachAsync(batch.Changes, single),
            _ => Task.CompletedTask,
        });

    /// <summary>
    /// Subscribes to complaint changes as lists: one change, or a whole batch (<see cref="ComplaintsChanged"/>) at once,
    /// so a page that reloads on a change reloads once for a bulk action of 200 complaints, not 200 times.
    /// </summary>
    public IDisposable SubscribeToComplaints(Func<IReadOnlyList<ComplaintChanged>, Task> handler) =>
        Subscribe(e => e switch
        {
            ComplaintChanged change => handler([change]),
            ComplaintsChanged { Changes.Count: > 0 } batch => handler(batch.Changes),
            _ => Task.CompletedTask,
        });

    private static async Task EachAsync(IReadOnlyList<ComplaintChanged> changes, Func<ComplaintChanged, Task> handler)
    {
        foreach (var change in changes)
        {
            await handler(change);
        }
    }

    public void Publish(LiveEvent liveEvent)
    {
        if (liveEvent is not (PresenceSnapshot or PresenceChanged))
        {
            Interlocked.Increment(ref _sequence);
        }
        // Each page reloads on the thread pool: a circuit's InvokeAsync runs inline when the circuit is idle, so calling
        // the handlers here would make the user who saved wait for every other open page's reload.
        foreach (var handler in _handlers)
        {
            _ = Task.Run(() => InvokeAsync(handler, liveEvent));
        }
    }

    private async Task InvokeAsync(Func<LiveEvent, Task> handler, LiveEvent liveEvent)
    {
        try
        {
            await handler(liveEvent);
        }
        catch (Exception ex)
        {
            // One broken page must not stop the others from hearing about the change.
            logger.LogWarning(ex, "A live-update subscriber failed for {Event}", liveEvent.GetType().Name);
        }
    }

    private void Unsubscribe(Func<LiveEvent, Task> handler)
    {
        lock (_gate)
        {
            _handlers = _handlers.Where(h => h != handler).ToArray();
        }
    }

    private sealed class Subscription(PortalNotifier owner, Func<LiveEvent, Task> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(handler);
            }
        }
    }
}
