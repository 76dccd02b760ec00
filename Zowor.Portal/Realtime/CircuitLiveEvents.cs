namespace Zowor.Portal.Realtime;

/// <summary>
/// The live events of one circuit, from one <see cref="PortalNotifier"/> subscription shared by everything the layout
/// keeps live (the menu's badges, the bell, the headline counts; issue 21), instead of one subscription each.
/// Scoped, so the subscription lives and dies with the circuit; each listener is removed with the component that added it.
/// Listeners run one after the other on the notifier's thread (components marshal with <c>InvokeAsync</c>); one that
/// fails is logged and the others still hear the event.
/// </summary>
public sealed class CircuitLiveEvents(PortalNotifier notifier, ILogger<CircuitLiveEvents> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private Func<LiveEvent, Task>[] _listeners = [];
    private IDisposable? _subscription;
    private bool _disposed;

    /// <summary>Adds a listener; disposing the result removes it. The circuit subscribes to the notifier on the first one.</summary>
    public IDisposable Listen(Func<LiveEvent, Task> listener)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _listeners = [.. _listeners, listener];
            _subscription ??= notifier.Subscribe(DispatchAsync);
        }

        return new Listening(this, listener);
    }

    private async Task DispatchAsync(LiveEvent liveEvent)
    {
        foreach (var listener in _listeners)
        {
            try
            {
                await listener(liveEvent);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A live listener of the layout failed for {Event}", liveEvent.GetType().Name);
            }
        }
    }

    private void Remove(Func<LiveEvent, Task> listener)
    {
        lock (_gate)
        {
            _listeners = Array.FindAll(_listeners, l => l != listener);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _listeners = [];
            _subscription?.Dispose();
            _subscription = null;
        }
    }

    private sealed class Listening(CircuitLiveEvents owner, Func<LiveEvent, Task> listener) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(listener);
            }
        }
    }
}
