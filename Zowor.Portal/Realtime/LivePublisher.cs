using Microsoft.AspNetCore.SignalR;

namespace Zowor.Portal.Realtime;

/// <summary>
/// Sends a live event everywhere it must go: this node's open pages (at once), the other nodes' pages (through the
/// cluster relay) and hub clients on every node (through the hub, whose Redis backplane spans nodes). The remote legs
/// run in the background and only log when they fail, so a Redis outage never slows or fails a user's action.
/// </summary>
public sealed class LivePublisher(
    PortalNotifier notifier,
    IClusterRelay relay,
    IHubContext<ComplaintHub, IComplaintClient> hub,
    ILogger<LivePublisher> logger)
{
    // The batch open in this asynchronous flow (a bulk action), if any: it flows into the awaited service calls.
    private static readonly AsyncLocal<Batch?> OpenBatch = new();

    private int _failing;

    /// <summary>
    /// Holds back the complaint changes and notifications published in this asynchronous flow until the returned scope
    /// is disposed, then publishes them as one <see cref="ComplaintsChanged"/>: a bulk action over 200 complaints makes
    /// every open page reload once and sends one message to the other nodes, not 200. Call it synchronously in the
    /// method that runs the changes (an async helper would lose the scope when it returns). A nested call joins the open batch.
    /// </summary>
    public IDisposable BeginBatch()
    {
        if (OpenBatch.Value is not null)
        {
            return NoBatch.Instance;
        }

        var batch = new Batch(this);
        OpenBatch.Value = batch;
        return batch;
    }

    public void Publish(LiveEvent liveEvent)
    {
        if (OpenBatch.Value is { } batch && batch.TryHold(liveEvent))
        {
            return;
        }

        PublishNow(liveEvent);
    }

    private void PublishNow(LiveEvent liveEvent)
    {
        notifier.Publish(liveEvent);
        // On the thread pool: without Redis nothing in SendRemoteAsync awaits anything incomplete, so called here it would
        // write the update to every hub connection before the saving request could answer (benchmark 5: the POST took
        // 150-180 ms instead of 25-35 ms with 1,000-2,000 hub subscribers on one node).
        _ = Task.Run(() => SendRemoteAsync(liveEvent));
    }

    private async Task SendRemoteAsync(LiveEvent liveEvent)
    {
        try
        {
            await relay.PublishAsync(liveEvent);
            await SendToHubAsync(liveEvent);
            if (Interlocked.Exchange(ref _failing, 0) == 1)
            {
                logger.LogInformation("Live updates reach the other web nodes and hub clients again");
            }
        }
        catch (Exception ex)
        {
            // One warning with the cause per outage, not a stack trace per change while Redis is down.
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                logger.LogWarning(ex, "Live updates cannot reach the other web nodes and hub clients (Redis unreachable?); pages on this node still update");
            }
            else
            {
                logger.LogDebug("Live update {Event} not relayed: {Reason}", liveEvent.GetType().Name, ex.Message);
            }
        }
    }

    private Task SendToHubAsync(LiveEvent liveEvent)
    {
        switch (liveEvent)
        {
            case ComplaintChanged change:
                // The old level's board must learn that the complaint left it; each connection hears of it once.
                var affected = RealtimeGroups.Affected(change);
                var groups = RealtimeGroups.ForChange(change.ComplaintId, affected).ToList();
                return hub.Clients.Groups(groups).ComplaintChanged(new ComplaintUpdate(
                    change.ComplaintId, change.Reference, change.Status.ToString(), (int)change.Level, (int?)change.PreviousLevel, change.Events));
            case UserNotified notified:
                return hub.Clients.Group(RealtimeGroups.User(notified.UserId)).Notified(new NotificationUpdate(notified.ComplaintId, notified.Reference, notified.Kind));
            case ComplaintsChanged batch:
                // Hub clients follow single complaints and levels: each still hears of its own changes.
                return Task.WhenAll(batch.Changes.Concat<LiveEvent>(batch.Notifications).Select(SendToHubAsync));
            default:
                return Task.CompletedTask;
        }
    }

    /// <summary>The changes held back by <see cref="BeginBatch"/>, published when it is disposed.</summary>
    private sealed class Batch(LivePublisher owner) : IDisposable
    {
        private readonly Lock _gate = new();
        private readonly List<ComplaintChanged> _changes = [];
        private readonly List<UserNotified> _notifications = [];
        private bool _closed;

        public bool TryHold(LiveEvent liveEvent)
        {
            lock (_gate)
            {
                if (_closed)
                {
                    return false;
                }

                switch (liveEvent)
                {
                    case ComplaintChanged change:
                        _changes.Add(change);
                        return true;
                    case UserNotified notified:
                        _notifications.Add(notified);
                        return true;
                    default:
                        return false;
                }
            }
        }

        public void Dispose()
        {
            ComplaintsChanged held;
            lock (_gate)
            {
                if (_closed)
                {
                    return;
                }

                _closed = true;
                held = new ComplaintsChanged([.. _changes], [.. _notifications]);
            }

            OpenBatch.Value = null;
            if (held.Changes.Count + held.Notifications.Count > 0)
            {
                owner.PublishNow(held);
            }
        }
    }

    private sealed class NoBatch : IDisposable
    {
        public static readonly NoBatch Instance = new();

        public void Dispose()
        {
        }
    }
}
