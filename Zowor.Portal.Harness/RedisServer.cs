using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Zowor.Portal.Harness;

/// <summary>
/// A throw-away <c>redis-server</c> on 127.0.0.1, run as a child process of the test or benchmark (not daemonized), with
/// no persistence: the backplane of a multi-node run. It can be stopped and started again on the same port to simulate an
/// outage; disposing kills it. A missing <c>redis-server</c> fails with instructions: the multi-node tests never skip.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly string _executable;
    private readonly string _directory;
    private readonly ConcurrentQueue<string> _log = new();
    private Process? _process;

    private RedisServer(string executable, int port, string? directory)
    {
        _executable = executable;
        Port = port;
        _directory = directory ?? Path.Combine(Path.GetTempPath(), "zowor-tests", $"redis-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
    }

    public int Port { get; }

    /// <summary>The value of the portal's <c>Redis:Connection</c> setting.</summary>
    public string Connection => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The running server's process id (for its CPU time).</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("redis-server is not running.");

    /// <summary>The server's own output (last lines), for failure messages.</summary>
    public string Log => string.Join(Environment.NewLine, _log);

    /// <summary>Starts a server on a free loopback port, in a new folder under the temp folder, and waits until it answers PING.</summary>
    public static Task<RedisServer> StartNewAsync(CancellationToken cancellationToken = default) => StartNewAsync(null, cancellationToken);

    /// <summary>
    /// Starts a server on a free loopback port and waits until it answers PING. Its working folder is
    /// <paramref name="directory"/>, else a new one under the temp folder; disposing deletes it.
    /// </summary>
    public static async Task<RedisServer> StartNewAsync(string? directory, CancellationToken cancellationToken = default)
    {
        var executable = FindExecutable() ?? throw new InvalidOperationException(
            "redis-server is not installed, and the multi-node tests need it: install it with 'apt-get install -y redis-server' " +
            "(test.sh and bench.sh do this when it is missing).");

        return await ChildProcess.StartOnFreePortAsync(port => new RedisServer(executable, port, directory), server => server.StartAsync(cancellationToken), cancellationToken);
    }

    /// <summary>Starts the server (again) on <see cref="Port"/> and waits until it answers PING.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var process = Launch();
            while (deadline.Elapsed < StartTimeout)
            {
                if (await PingAsync(Port, cancellationToken))
                {
                    _process = process;
                    return;
                }

                if (process.HasExited)
                {
                    break;
                }

                await Task.Delay(50, cancellationToken);
            }

            // Exited (the port may still be held a moment after a restart) or never answered: retry until the deadline.
            ChildProcess.Kill(process);
            if (deadline.Elapsed >= StartTimeout)
            {
                throw new InvalidOperationException($"redis-server did not answer PING on port {Port} within {StartTimeout.TotalSeconds} s. Its output:{Environment.NewLine}{Log}");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>Kills the server (an outage, not a graceful shutdown) and waits until the port refuses connections.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_process is { } process)
        {
            _process = null;
            await ChildProcess.KillAndWaitAsync(process, cancellationToken);
        }

        var deadline = Stopwatch.StartNew();
        while (await PingAsync(Port, cancellationToken))
        {
            if (deadline.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException($"Something still answers PING on port {Port} after redis-server was stopped.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Whether a Redis server answers <c>PING</c> with <c>+PONG</c> on the loopback port (raw RESP, no client library).</summary>
    public static async Task<bool> PingAsync(int port, CancellationToken cancellationToken = default)
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

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            await ChildProcess.KillAndWaitAsync(process);
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Temp folder: nothing depends on it.
        }
    }

    private Process Launch()
    {
        var info = new ProcessStartInfo(_executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var argument in new[]
                 {
                     "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--save", string.Empty, "--appendonly", "no", "--daemonize", "no", "--dir", _directory,
                 })
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        // A test host that exits without disposing (a crash, a cancelled run) must not leave redis-server running.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcess.Kill(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue(line);
        while (_log.Count > 200 && _log.TryDequeue(out _))
        {
        }
    }

    private static string? FindExecutable()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/local/bin").Append("/usr/sbin")
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);
    }
}
