using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Zowor.Portal.Harness;

/// <summary>What every throw-away server of the harness (portal, Redis, Dovecot, nginx) needs: a port, a retry, a kill.</summary>
public static class ChildProcess
{
    /// <summary>A TCP port free on 127.0.0.1 right now (another process may take it before the server binds it).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Creates a server on a free port and starts it; a port found free may be taken before the server binds it, so a
    /// failed start is tried again on another port, three times in all.
    /// </summary>
    public static async Task<T> StartOnFreePortAsync<T>(Func<int, T> create, Func<T, Task> start, CancellationToken cancellationToken)
        where T : IAsyncDisposable
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = create(FreePort());
            try
            {
                await start(server);
                return server;
            }
            catch (Exception) when (attempt < 3 && !cancellationToken.IsCancellationRequested)
            {
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>Kills the process and its children; one that never started or is already gone is no error.</summary>
    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone (or disposed).
        }
    }

    /// <summary>Kills the process and its children, waits until it has exited, and releases it.</summary>
    public static async Task KillAndWaitAsync(Process process, CancellationToken cancellationToken = default)
    {
        Kill(process);
        await process.WaitForExitAsync(cancellationToken);
        process.Dispose();
    }
}
