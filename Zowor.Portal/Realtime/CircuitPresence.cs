using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Zowor.Portal.Realtime;

/// <summary>
/// Whether one Blazor circuit's browser is still connected (scoped: one per circuit). A browser that crashes or loses
/// the network leaves its circuit waiting for a reconnect for minutes (DisconnectedCircuitRetentionPeriod), so the case
/// page's presence would outlive it by as much; this tells <see cref="PresenceTracker"/> as soon as the connection goes
/// down (at once when the socket closes, within <see cref="PresenceTracker.VanishedBrowserTimeout"/> when it goes
/// silent) and again if the browser comes back.
/// </summary>
public sealed class CircuitPresence(PresenceTracker tracker) : CircuitHandler
{
    private volatile bool _connected = true;

    public bool IsConnected => _connected;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _connected = false;
        tracker.ConnectionChanged(this);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _connected = true;
        tracker.ConnectionChanged(this);
        return Task.CompletedTask;
    }
}
