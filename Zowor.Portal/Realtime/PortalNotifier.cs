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

    public IDisposable Subscribe(Func<LiveEvent, Task> handler)
    {
        lock (_gate)
        {
            _handlers = [.. _handlers, handler];
        }

        return new Subscription(this, handler);
    }

    /// <summary>Subscribes to one kind of event.</summary>
    public IDisposable Subscribe<TEvent>(Func<TEvent, Task> handler)
        where TEvent : LiveEvent =>
        Subscribe(e => e is TEvent typed ? handler(typed) : Task.CompletedTask);

    public void Publish(LiveEvent liveEvent)
    {
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
