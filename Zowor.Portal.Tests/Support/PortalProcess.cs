using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Complaints;

namespace Zowor.Portal.Tests.Support;

/// <summary>
/// The built portal (<c>Zowor.Portal.dll</c>) running as its own OS process on a loopback port: one web node of a
/// cluster. Its console output is kept (last lines) for failure messages; disposing kills the process tree.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    /// <summary>How long a node may take to start: migrations, seeding and JIT on a busy two-core machine.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private const int MaxLogLines = 600;

    private readonly ConcurrentQueue<(long Number, string Line)> _log = new();
    private readonly Process _process;
    private long _lines;

    private PortalProcess(string name, Uri baseAddress, Process process)
    {
        Name = name;
        BaseAddress = baseAddress;
        _process = process;
    }

    public string Name { get; }

    /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>How many lines the node has written so far: a mark for <see cref="LogSince"/>.</summary>
    public long LogMark => Interlocked.Read(ref _lines);

    /// <summary>The lines written after <paramref name="mark"/> (as far as they are still kept).</summary>
    public IReadOnlyList<string> LogSince(long mark) => _log.Where(l => l.Number > mark).Select(l => l.Line).ToList();

    /// <summary>
    /// Starts a node with <paramref name="settings"/> as environment variables (<c>Section__Key</c>) on a free port, in
    /// Development unless the settings say otherwise, and waits until it answers.
    /// </summary>
    public static async Task<PortalProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default)
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
        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        info.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        info.Environment["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";
        // Every test and benchmark client signs in from 127.0.0.1, far more often than one person could.
        info.Environment["Identity__SignInPermitLimit"] = "100000";
        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var node = new PortalProcess(name, baseAddress, process);
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
        while (clock.Elapsed < StartTimeout)
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

        throw new TimeoutException($"Portal node {Name} did not answer /health/live within {StartTimeout.TotalSeconds} s (last: {last}).{Environment.NewLine}{Describe(200)}");
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
        var configuration = typeof(PortalProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// A signed-in HTTP client for one <see cref="PortalProcess"/>: signs in through the real login form (antiforgery
/// token included) and calls the JSON complaint API. <see cref="PortalClient"/> only targets in-process hosts.
/// </summary>
public sealed class PortalNodeClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private PortalNodeClient(HttpClient http, CookieContainer cookies)
    {
        Http = http;
        Cookies = cookies;
    }

    public HttpClient Http { get; }

    /// <summary>The cookie jar, with the sign-in cookie; hand it to a SignalR client.</summary>
    public CookieContainer Cookies { get; }

    public static async Task<PortalNodeClient> SignInAsync(Uri baseAddress, string email, string password = DbSeeder.DemoPassword, CancellationToken cancellationToken = default)
    {
        var cookies = new CookieContainer();
        var handler = new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false };
        var client = new PortalNodeClient(new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) }, cookies);
        try
        {
            using var page = await client.Http.GetAsync("account/login", cancellationToken);
            page.EnsureSuccessStatusCode();
            var document = PortalClient.ParseHtml(await page.Content.ReadAsStringAsync(cancellationToken));
            var form = document.QuerySelectorAll<IHtmlFormElement>("form")
                .Single(f => f.QuerySelector("input[type=hidden][name=_handler][value='login']") is not null);
            var fields = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]")
                .Where(i => !string.IsNullOrEmpty(i.Name))
                .ToDictionary(i => i.Name!, i => i.Value);
            fields["Input.Email"] = email;
            fields["Input.Password"] = password;
            var pageUri = page.RequestMessage!.RequestUri!;
            var baseUri = document.QuerySelector("base")?.GetAttribute("href") is { Length: > 0 } href ? new Uri(pageUri, href) : pageUri;
            var action = form.GetAttribute("action") is { Length: > 0 } target ? new Uri(baseUri, target) : pageUri;

            using var response = await client.Http.PostAsync(action, new FormUrlEncodedContent(fields), cancellationToken);
            var signedIn = cookies.GetCookies(baseAddress).Any(c => c.Name == PortalClient.AuthCookie && !c.Expired);
            if (response.StatusCode != HttpStatusCode.Redirect || !signedIn)
            {
                throw new InvalidOperationException($"Sign-in as {email} on {baseAddress} failed: HTTP {(int)response.StatusCode}, auth cookie {(signedIn ? "set" : "missing")}.");
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async Task<ComplaintState> GetComplaintAsync(Guid id, CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync($"api/complaints/{id}", cancellationToken);
        await EnsureAsync(response, $"GET api/complaints/{id}", cancellationToken);
        return (await response.Content.ReadFromJsonAsync<ComplaintState>(Json, cancellationToken))!;
    }

    /// <summary>Logs an outbound phone call on the complaint at its current version (read first).</summary>
    public async Task LogCommunicationAsync(Guid id, string summary, CancellationToken cancellationToken = default) =>
        await PostCommunicationAsync(id, (await GetComplaintAsync(id, cancellationToken)).Version, summary, cancellationToken);

    /// <summary>Logs an outbound phone call on the complaint, which must be at <paramref name="version"/>.</summary>
    public async Task PostCommunicationAsync(Guid id, long version, string summary, CancellationToken cancellationToken = default)
    {
        using var response = await Http.PostAsJsonAsync($"api/complaints/{id}/communications",
            new CommunicationRequest(CommunicationDirection.Outbound, CommunicationChannel.Phone, summary, version), Json, cancellationToken);
        await EnsureAsync(response, $"POST api/complaints/{id}/communications", cancellationToken);
    }

    /// <summary>Escalates the complaint at its current version (read first).</summary>
    public async Task EscalateAsync(Guid id, EscalationLevel level, string reason, CancellationToken cancellationToken = default) =>
        await PostEscalationAsync(id, (await GetComplaintAsync(id, cancellationToken)).Version, level, reason, cancellationToken);

    /// <summary>Escalates the complaint, which must be at <paramref name="version"/>.</summary>
    public async Task PostEscalationAsync(Guid id, long version, EscalationLevel level, string reason, CancellationToken cancellationToken = default)
    {
        using var response = await Http.PostAsJsonAsync($"api/complaints/{id}/escalations",
            new EscalationRequest(level, reason, version), Json, cancellationToken);
        await EnsureAsync(response, $"POST api/complaints/{id}/escalations", cancellationToken);
    }

    public void Dispose() => Http.Dispose();

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"{what} answered HTTP {(int)response.StatusCode}: {body}");
        }
    }
}
