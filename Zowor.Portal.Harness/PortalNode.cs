using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;

namespace Zowor.Portal.Harness;

/// <summary>
/// The built portal (<c>Zowor.Portal.dll</c>) running as its own OS process on a loopback port: one web node of a
/// cluster for the tests, the measured server for the benchmarks. It runs in the Development environment unless the
/// settings say otherwise (so that its sign-in cookie travels over plain HTTP on loopback). Its console output is kept
/// (last lines) for failure messages; disposing kills the process tree.
/// </summary>
public sealed class PortalNode : IAsyncDisposable
{
    /// <summary>How long a node may take to start: migrations, seeding and JIT on a busy two-core machine.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    /// <summary>A benchmark's node may start on a large generated database.</summary>
    private static readonly TimeSpan BenchmarkStartTimeout = TimeSpan.FromSeconds(180);

    private const int MaxLogLines = 600;

    private readonly ConcurrentQueue<(long Number, string Line)> _log = new();
    private readonly Process _process;
    private long _lines;

    private readonly TimeSpan _startTimeout;

    private PortalNode(string name, Uri baseAddress, Process process, TimeSpan startTimeout)
    {
        Name = name;
        BaseAddress = baseAddress;
        _process = process;
        _startTimeout = startTimeout;
    }

    public string Name { get; }

    /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    /// <summary>How many lines the node has written so far: a mark for <see cref="LogSince"/>.</summary>
    public long LogMark => Interlocked.Read(ref _lines);

    /// <summary>The lines written after <paramref name="mark"/> (as far as they are still kept).</summary>
    public IReadOnlyList<string> LogSince(long mark) => _log.Where(l => l.Number > mark).Select(l => l.Line).ToList();

    /// <summary>
    /// Starts a node with <paramref name="settings"/> as environment variables (<c>Section__Key</c>; <c>:</c> in a key
    /// becomes <c>__</c>) on a free port, in Development unless the settings say otherwise, and waits until it answers.
    /// </summary>
    public static Task<PortalNode> StartAsync(string name, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default) =>
        StartAsync(name, settings, StartTimeout, cancellationToken);

    /// <summary>
    /// A benchmark's node: on <paramref name="databasePath"/> (its files in a folder beside it) with extra
    /// <paramref name="settings"/> (configuration keys such as <c>Redis:Connection</c>), logging cut to warnings so the
    /// console costs nothing.
    /// </summary>
    public static Task<PortalNode> StartAsync(string name, string databasePath, IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        var path = Path.GetFullPath(databasePath);
        var all = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["Database__SqlitePath"] = path,
            ["Storage__DataPath"] = Path.Combine(Path.GetDirectoryName(path)!, $"{Path.GetFileNameWithoutExtension(path)}-files"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return StartAsync(name, all, BenchmarkStartTimeout, cancellationToken);
    }

    private static async Task<PortalNode> StartAsync(string name, IReadOnlyDictionary<string, string> settings, TimeSpan startTimeout, CancellationToken cancellationToken)
    {
        var dll = FindPortalDll();
        var folder = Path.GetDirectoryName(dll)!;
        var baseAddress = new Uri($"http://127.0.0.1:{ChildProcess.FreePort()}/");
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
        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        info.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        info.Environment["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";
        // Every test and benchmark client signs in from 127.0.0.1, far more often than one person could.
        info.Environment["Identity__SignInPermitLimit"] = "100000";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = info };
        var node = new PortalNode(name, baseAddress, process, startTimeout);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.Start();
        // A test host that exits without disposing (a crash, a cancelled run) must not leave the node running.
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
                var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb * 1024;
            }
        }

        throw new InvalidOperationException($"No VmRSS for process {_process.Id}.");
    }

    /// <summary>The CPU time the node has used so far (user and system), from <c>/proc/PID/stat</c>.</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        // Fields after the command name, which is in parentheses and may contain spaces: utime and stime are the 12th and 13th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>The node's name and last log lines, for a failure message.</summary>
    public string Describe(int lines = 120) =>
        $"--- node {Name} ({BaseAddress}){(HasExited ? " EXITED" : string.Empty)}, last {lines} log lines ---{Environment.NewLine}" +
        string.Join(Environment.NewLine, _log.TakeLast(lines).Select(l => l.Line));

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
            // Never started, already gone, or slow to go: nothing more to do.
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
        string? last = null;
        while (clock.Elapsed < _startTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Portal node {Name} exited with code {_process.ExitCode} before it was ready.{Environment.NewLine}{Describe(200)}");
            }

            try
            {
                // Migrations and seeding finish before the server listens; /health/live also answers over plain HTTP in Production.
                using var response = await http.GetAsync("health/live", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = ex.Message;
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"Portal node {Name} did not answer /health/live within {_startTimeout.TotalSeconds} s (last: {last}).{Environment.NewLine}{Describe(200)}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue((Interlocked.Increment(ref _lines), line));
        while (_log.Count > MaxLogLines && _log.TryDequeue(out _))
        {
        }
    }

    /// <summary>
    /// The app as the build left it: <c>Zowor.Portal/bin/{Configuration}/{tfm}/Zowor.Portal.dll</c> beside the solution,
    /// else the copy in the test's own output folder.
    /// </summary>
    private static string FindPortalDll()
    {
        const string FileName = "Zowor.Portal.dll";
        var testFolder = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var framework = Path.GetFileName(testFolder);
        var configuration = typeof(PortalNode).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        for (var dir = new DirectoryInfo(testFolder); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Zowor.Portal.sln")))
            {
                var built = Path.Combine(dir.FullName, "Zowor.Portal", "bin", configuration, framework, FileName);
                if (File.Exists(built) && File.Exists(Path.ChangeExtension(built, ".runtimeconfig.json")))
                {
                    return built;
                }

                break;
            }
        }

        var local = Path.Combine(testFolder, FileName);
        if (File.Exists(local) && File.Exists(Path.ChangeExtension(local, ".runtimeconfig.json")))
        {
            return local;
        }

        throw new FileNotFoundException($"Cannot find the built portal ({FileName} with its runtimeconfig) under Zowor.Portal/bin/{configuration}/{framework} or {testFolder}: build the solution first.");
    }

    /// <summary>The dotnet host running this test, else <c>dotnet</c> from PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        if (Environment.ProcessPath is { } processPath && Path.GetFileNameWithoutExtension(processPath) == "dotnet")
        {
            return processPath;
        }

        return "dotnet";
    }
}
