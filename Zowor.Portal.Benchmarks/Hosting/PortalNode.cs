using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Zowor.Portal.Benchmarks.Hosting;

/// <summary>
/// The Release build of the portal (<c>Zowor.Portal/bin/Release/net10.0/Zowor.Portal.dll</c>) running as its own OS
/// process on a loopback port, as in production: the benchmark drives it over HTTP, SignalR or a browser and reads its
/// memory from <c>/proc</c>. It runs in the Development environment only so that its sign-in cookie travels over plain
/// HTTP on loopback (production cookies are Secure-only); logging is cut to warnings so the console costs nothing.
/// </summary>
public sealed class PortalNode : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    private readonly ConcurrentQueue<string> _log = new();
    private readonly Process _process;

    private PortalNode(string name, Uri baseAddress, Process process)
    {
        Name = name;
        BaseAddress = baseAddress;
        _process = process;
    }

    public string Name { get; }

    /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts a node on <paramref name="databasePath"/> with extra <paramref name="settings"/> (configuration keys such
    /// as <c>Redis:Connection</c>) and waits until it serves the sign-in page. Demo users are seeded (idempotent).
    /// </summary>
    public static async Task<PortalNode> StartAsync(string name, string databasePath, IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        var dll = FindPortalDll();
        var folder = Path.GetDirectoryName(dll)!;
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var argument in new[] { dll, "--urls", baseAddress.GetLeftPart(UriPartial.Authority), "--contentRoot", folder })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        info.Environment["Database__SqlitePath"] = Path.GetFullPath(databasePath);
        info.Environment["Storage__DataPath"] = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, $"{Path.GetFileNameWithoutExtension(databasePath)}-files");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = info };
        var node = new PortalNode(name, baseAddress, process);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.Start();
        AppDomain.CurrentDomain.ProcessExit += node.KillOnExit;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await node.WaitUntilReadyAsync(cancellationToken);
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>The node's resident memory (VmRSS) in bytes, from <c>/proc/PID/status</c>.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                return kb * 1024;
            }
        }

        throw new InvalidOperationException($"No VmRSS for process {_process.Id}.");
    }

    /// <summary>The node's last log lines, for an error message.</summary>
    public string Describe(int lines = 60) => $"--- node {Name} ({BaseAddress}) ---{Environment.NewLine}{string.Join(Environment.NewLine, _log.TakeLast(lines))}";

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Never started or already gone.
        }

        _process.Dispose();
    }

    private void KillOnExit(object? sender, EventArgs e)
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Portal node {Name} exited with code {_process.ExitCode}.{Environment.NewLine}{Describe()}");
            }

            try
            {
                using var response = await http.GetAsync("account/login", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"Portal node {Name} did not start within {StartTimeout.TotalSeconds} s.{Environment.NewLine}{Describe()}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue(line);
        while (_log.Count > 400 && _log.TryDequeue(out _))
        {
        }
    }

    /// <summary>The Release build beside the solution (<c>./bench.sh</c> builds it first).</summary>
    private static string FindPortalDll()
    {
        var configuration = typeof(PortalNode).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var framework = Path.GetFileName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var solution = SolutionFolder.Find();
        var dll = Path.Combine(solution, "Zowor.Portal", "bin", configuration, framework, "Zowor.Portal.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the portal first ({dll} is missing): ./bench.sh does.");
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The folder that holds <c>Zowor.Portal.sln</c>.</summary>
public static class SolutionFolder
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Zowor.Portal.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
