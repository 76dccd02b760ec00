using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Zowor.Portal.Tests.Support;

/// <summary>
/// Debian's nginx in front of portal nodes, run by the test (<c>nginx -p PREFIX -c CONF</c>, not daemonized) with the
/// deployment's own configuration <c>deploy/nginx/zowor-portal.conf</c>: only the lines marked <c># test: …</c> are
/// replaced (the nodes' ports, loopback listeners, a throw-away self-signed certificate). Its access log names the node
/// that served each request. Disposing stops it.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _prefix;

    private NginxServer(Process process, string prefix, Uri address)
    {
        _process = process;
        _prefix = prefix;
        Address = address;
    }

    /// <summary><c>https://127.0.0.1:PORT/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The deployment's configuration, the one copy docs/DEPLOY.md describes.</summary>
    public static string ConfigurationFile => Path.Combine(RepositoryRoot.Path, "deploy", "nginx", "zowor-portal.conf");

    /// <summary>Lines of the access log: <c>METHOD URI STATUS UPSTREAM</c>.</summary>
    public IReadOnlyList<string> AccessLog =>
        File.Exists(Path.Combine(_prefix, "access.log")) ? File.ReadAllLines(Path.Combine(_prefix, "access.log")) : [];

    public static async Task<NginxServer> StartAsync(IReadOnlyList<Uri> nodes, CancellationToken cancellationToken)
    {
        const string executable = "/usr/sbin/nginx";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException("nginx is not installed, and the two-node failover test needs it: apt-get install -y nginx (test.sh does this when it is missing).");
        }

        var prefix = Path.Combine(Path.GetTempPath(), "zowor-tests", $"nginx-{Guid.NewGuid():N}");
        Directory.CreateDirectory(prefix);
        var (https, http) = (ChildProcess.FreePort(), ChildProcess.FreePort());
        await CreateCertificateAsync(prefix, cancellationToken);

        var site = await File.ReadAllTextAsync(ConfigurationFile, cancellationToken);
        var nodeLines = string.Join(Environment.NewLine, nodes.Select(n => $"    server {n.Host}:{n.Port} max_fails=1 fail_timeout=10s;"));
        site = Marked("node").Replace(site, string.Empty, 1);
        site = Marked("node").Replace(site, nodeLines, 1);
        site = Marked("listen http").Replace(site, $"    listen 127.0.0.1:{http};", 1);
        site = Marked("listen https").Replace(site, $"    listen 127.0.0.1:{https} ssl;", 1);
        site = Marked("certificate").Replace(site, $"    ssl_certificate {prefix}/portal.crt;", 1);
        site = Marked("certificate").Replace(site, $"    ssl_certificate_key {prefix}/portal.key;", 1);
        // Every marked directive was replaced (the header comment names the marks too, so only directives count).
        Assert.DoesNotMatch(new Regex(@"^\s*[^#\s].*# test:", RegexOptions.Multiline), site);
        await File.WriteAllTextAsync(Path.Combine(prefix, "zowor-portal.conf"), site, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(prefix, "nginx.conf"), $$"""
            daemon off;
            user root;
            worker_processes 1;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 256; }
            http {
                log_format upstream '$request_method $request_uri $status $upstream_addr';
                access_log {{prefix}}/access.log upstream;
                client_body_temp_path {{prefix}}/client_body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
                include {{prefix}}/zowor-portal.conf;
            }
            """, cancellationToken);

        var info = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-p", prefix, "-c", Path.Combine(prefix, "nginx.conf"), "-e", Path.Combine(prefix, "error.log") })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcess.Kill(process);
        var server = new NginxServer(process, prefix, new Uri($"https://127.0.0.1:{https}/"));
        var clock = Stopwatch.StartNew();
        while (!await AcceptsAsync(https, cancellationToken))
        {
            if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(15))
            {
                var log = File.Exists(Path.Combine(prefix, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(prefix, "error.log"), cancellationToken) : string.Empty;
                await server.DisposeAsync();
                throw new InvalidOperationException($"nginx did not start on port {https}: {log}");
            }

            await Task.Delay(100, cancellationToken);
        }

        return server;
    }

    /// <summary>The node (<c>host:port</c>) that served the last request matching <paramref name="request"/> (e.g. <c>POST /account/login</c>).</summary>
    public string? LastUpstreamOf(string request) =>
        AccessLog.LastOrDefault(l => l.StartsWith(request, StringComparison.Ordinal))?.Split(' ').Last();

    public string Describe() =>
        $"--- nginx {Address} ---{Environment.NewLine}" +
        string.Join(Environment.NewLine, AccessLog.TakeLast(40)) + Environment.NewLine +
        (File.Exists(Path.Combine(_prefix, "error.log")) ? string.Join(Environment.NewLine, File.ReadAllLines(Path.Combine(_prefix, "error.log")).TakeLast(20)) : string.Empty);

    public async ValueTask DisposeAsync()
    {
        ChildProcess.Kill(_process);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_prefix, recursive: true);
        }
        catch (IOException)
        {
            // Temp folder.
        }
    }

    private static Regex Marked(string mark) => new($"^.*# test: {Regex.Escape(mark)}\\s*$", RegexOptions.Multiline);

    private static async Task CreateCertificateAsync(string prefix, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("openssl") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                     "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", Path.Combine(prefix, "portal.key"), "-out", Path.Combine(prefix, "portal.crt"),
                 })
        {
            info.ArgumentList.Add(argument);
        }

        using var openssl = Process.Start(info)!;
        var error = openssl.StandardError.ReadToEndAsync(cancellationToken);
        await openssl.WaitForExitAsync(cancellationToken);
        if (openssl.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl could not make the test certificate: {await error}");
        }
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
