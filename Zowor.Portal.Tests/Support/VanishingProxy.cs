using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Zowor.Portal.Tests.Support;

/// <summary>
/// A TCP relay on a loopback port in front of a portal, for a browser that must vanish the way a crashed machine or a
/// pulled cable does: after <see cref="Vanish"/> nothing more passes in either direction and no socket is closed, so the
/// server hears neither a close nor a ping (a closed tab would say goodbye; this one does not).
/// </summary>
public sealed class VanishingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<TcpClient> _sockets = [];
    private volatile bool _vanished;

    public VanishingProxy(Uri target)
    {
        _target = target;
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _ = AcceptAsync();
    }

    /// <summary>Where the browser goes instead of the portal.</summary>
    public Uri Address { get; }

    /// <summary>From now on every byte is swallowed, on open connections and new ones alike.</summary>
    public void Vanish() => _vanished = true;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var server = new TcpClient();
                _sockets.Add(client);
                _sockets.Add(server);
                await server.ConnectAsync(_target.Host, _target.Port, _stop.Token);
                _ = PumpAsync(client.GetStream(), server.GetStream());
                _ = PumpAsync(server.GetStream(), client.GetStream());
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stop.Token);
                if (_vanished)
                {
                    // Hold everything, forever, and close nothing.
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }

                if (read == 0)
                {
                    to.Socket.Shutdown(SocketShutdown.Send);
                    return;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or IOException or SocketException)
        {
            // Stopped, or one side went away before the vanishing.
        }
    }
}
