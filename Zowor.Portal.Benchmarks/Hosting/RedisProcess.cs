using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Zowor.Portal.Benchmarks.Hosting;

/// <summary>
/// A throw-away <c>redis-server</c> on a free loopback port, run as a child process (not daemonized) with no
/// persistence: the backplane of a two-node run. Disposing kills it; so does this process exiting.
/// </summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private readonly ConcurrentQueue<string> _log = new();
    private readonly Process _process;

    private RedisProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    /// <summary>The value of the portal's <c>Redis:Connection</c> setting.</summary>
    public string Connection => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>Starts a server whose working folder is <paramref name="folder"/> and waits until it answers PING.</summary>
    public static async Task<RedisProcess> StartAsync(string folder, CancellationToken cancellationToken = default)
    {
        var executable = new[] { "/usr/bin", "/usr/local/bin", "/usr/sbin" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: 'apt-get install -y redis-server' (./bench.sh does).");
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var argument in new[]
                 {
                     "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty,
                     "--appendonly", "no", "--daemonize", "no", "--dir", folder,
                 })
        {
            info.ArgumentList.Add(argument);
        }

        var redis = new RedisProcess(new Process { StartInfo = info }, port);
        redis._process.OutputDataReceived += (_, e) => redis.Append(e.Data);
        redis._process.ErrorDataReceived += (_, e) => redis.Append(e.Data);
        redis._process.Start();
        AppDomain.CurrentDomain.ProcessExit += redis.KillOnExit;
        redis._process.BeginOutputReadLine();
        redis._process.BeginErrorReadLine();
        try
        {
            var clock = Stopwatch.StartNew();
            while (!await PingAsync(port, cancellationToken))
            {
                if (redis._process.HasExited || clock.Elapsed > StartTimeout)
                {
                    throw new InvalidOperationException($"redis-server did not answer PING on port {port}:{Environment.NewLine}{string.Join(Environment.NewLine, redis._log)}");
                }

                await Task.Delay(50, cancellationToken);
            }

            return redis;
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        KillOnExit(this, EventArgs.Empty);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Never started or slow to go.
        }

        _process.Dispose();
    }

    /// <summary>Whether something answers <c>PING</c> with <c>+PONG</c> on the loopback port (raw RESP).</summary>
    private static async Task<bool> PingAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void KillOnExit(object? sender, EventArgs e)
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Never started or already gone.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue(line);
        while (_log.Count > 100 && _log.TryDequeue(out _))
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
