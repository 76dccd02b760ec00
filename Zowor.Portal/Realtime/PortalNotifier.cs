using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;

namespace Zowor.Portal.Realtime;

/// <summary>A complaint changed; enough for a page to decide whether to reload what it shows.</summary>
public sealed record ComplaintChanged(Guid ComplaintId, string Reference, ComplaintStatus Status, EscalationLevel Level, string ChangedById, IReadOnlyList<string> Events);

/// <summary>
/// In-process fan-out of complaint changes to open pages (Blazor circuits). Subscribing returns an
/// <see cref="IDisposable"/>; components dispose it with themselves, or the circuit leaks.
/// Handlers run on the publisher's thread: components marshal with <c>InvokeAsync</c>.
/// </summary>
public sealed class PortalNotifier(ILogger<PortalNotifier> logger)
{
    private readonly Lock _gate = new();
    // Copy-on-write: publishing reads a snapshot without taking the lock.
    private volatile Func<ComplaintChanged, Task>[] _handlers = [];

    public int SubscriberCount => _handlers.Length;

    public IDisposable Subscribe(Func<ComplaintChanged, Task> handler)
    {
        lock (_gate)
        {
            _handlers = [.. _handlers, handler];
        }

        return new Subscription(this, handler);
    }

    public void Publish(ComplaintChanged change)
    {
        foreach (var handler in _handlers)
        {
            _ = InvokeAsync(handler, change);
        }
    }

    private async Task InvokeAsync(Func<ComplaintChanged, Task> handler, ComplaintChanged change)
    {
        try
        {
            await handler(change);
        }
        catch (Exception ex)
        {
            // One broken page must not stop the others from hearing about the change.
            logger.LogWarning(ex, "A live-update subscriber failed for {Reference}", change.Reference);
        }
    }

    private void Unsubscribe(Func<ComplaintChanged, Task> handler)
    {
        lock (_gate)
        {
            _handlers = _handlers.Where(h => h != handler).ToArray();
        }
    }

    private sealed class Subscription(PortalNotifier owner, Func<ComplaintChanged, Task> handler) : IDisposable
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
