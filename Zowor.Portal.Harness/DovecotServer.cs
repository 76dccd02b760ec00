using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace Zowor.Portal.Harness;

/// <summary>
/// A throw-away Dovecot IMAP server (Debian's <c>dovecot-imapd</c>) on 127.0.0.1: its own configuration, state and
/// maildir in a temp folder, one user with a plain password, run in the foreground as a child of the test. It can be
/// stopped and started again on the same port (an outage); disposing kills it and deletes the folder. Tests put mail in
/// with IMAP APPEND. Shared by the mailbox tests and the <c>imap</c> benchmark. As root, Dovecot runs its login and mail processes as the <c>dovenull</c>/<c>dovecot</c> users
/// (ENVIRONMENT.md); a missing <c>dovecot</c> fails the test with instructions, it never skips.
/// </summary>
public sealed class DovecotServer : IAsyncDisposable
{
    public const string User = "complaints";
    public const string Password = "Mailbox-test-2026";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly string _directory;
    private Process? _process;

    private DovecotServer(int port)
    {
        Port = port;
        _directory = Path.Combine(Path.GetTempPath(), "zowor-tests", $"dovecot-{Guid.NewGuid():N}");
    }

    public int Port { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Dovecot's log, for failure messages.</summary>
    public string Log => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "(no log)";

    private string LogPath => Path.Combine(_directory, "dovecot.log");

    /// <summary>The portal's <c>Mail:Inbound</c> settings for this server (host settings, <c>:</c> keys).</summary>
    public Dictionary<string, string?> PortalSettings(string? processedFolder = null) => new()
    {
        ["Mail:Inbound:Host"] = "127.0.0.1",
        ["Mail:Inbound:Port"] = Port.ToString(CultureInfo.InvariantCulture),
        ["Mail:Inbound:Security"] = "None",
        ["Mail:Inbound:UserName"] = User,
        ["Mail:Inbound:Password"] = Password,
        ["Mail:Inbound:ProcessedFolder"] = processedFolder,
        ["Mail:Inbound:PollSeconds"] = "1",
        ["Mail:Inbound:LeaseSeconds"] = "3",
        ["Mail:Inbound:RetrySeconds"] = "0.5",
        ["Mail:Inbound:MaxRetrySeconds"] = "2",
    };

    /// <summary>The same settings as environment variables for a <see cref="PortalNode"/>.</summary>
    public Dictionary<string, string> ProcessSettings() =>
        PortalSettings().Where(s => s.Value is not null).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);

    public static async Task<DovecotServer> StartNewAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists("/usr/sbin/dovecot"))
        {
            throw new InvalidOperationException("Dovecot is not installed, and the mailbox tests need it: 'apt-get install -y dovecot-imapd' (test.sh does this when it is missing).");
        }

        return await ChildProcess.StartOnFreePortAsync(port => new DovecotServer(port), server =>
        {
            server.WriteConfiguration();
            return server.StartAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Starts Dovecot (again) and waits for its IMAP greeting.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        var info = new ProcessStartInfo("/usr/sbin/dovecot") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-F", "-c", Path.Combine(_directory, "dovecot.conf") })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcess.Kill(process);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"dovecot exited with {process.ExitCode}. Log:{Environment.NewLine}{Log}");
            }

            if (await GreetsAsync(cancellationToken))
            {
                _process = process;
                return;
            }

            await Task.Delay(100, cancellationToken);
        }

        ChildProcess.Kill(process);
        throw new TimeoutException($"dovecot did not answer on port {Port} within {StartTimeout.TotalSeconds} s. Log:{Environment.NewLine}{Log}");
    }

    /// <summary>Kills Dovecot (an outage) and waits until the port refuses connections.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_process is { } process)
        {
            _process = null;
            await ChildProcess.KillAndWaitAsync(process, cancellationToken);
        }

        var clock = Stopwatch.StartNew();
        while (await GreetsAsync(cancellationToken) && clock.Elapsed < StartTimeout)
        {
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>A client signed in to the mailbox.</summary>
    public async Task<ImapClient> ConnectAsync(CancellationToken cancellationToken = default)
    {
        var client = new ImapClient { Timeout = 30_000 };
        await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None, cancellationToken);
        await client.AuthenticateAsync(User, Password, cancellationToken);
        return client;
    }

    /// <summary>Delivers a message into a folder (APPEND), as a mail server would; returns its UID.</summary>
    public async Task<uint> AppendAsync(MimeMessage message, string folder = "INBOX", DateTimeOffset? arrivedAt = null, CancellationToken cancellationToken = default)
    {
        using var client = await ConnectAsync(cancellationToken);
        var target = await client.GetFolderAsync(folder, cancellationToken);
        var uid = await target.AppendAsync(new AppendRequest(message) { InternalDate = arrivedAt }, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
        return uid?.Id ?? 0;
    }

    /// <summary>Delivers many messages in one connection (MULTIAPPEND), as a backlog.</summary>
    public async Task AppendManyAsync(IReadOnlyList<MimeMessage> messages, string folder = "INBOX", CancellationToken cancellationToken = default)
    {
        using var client = await ConnectAsync(cancellationToken);
        var target = await client.GetFolderAsync(folder, cancellationToken);
        foreach (var chunk in messages.Chunk(100))
        {
            await target.AppendAsync(chunk.Select(m => (IAppendRequest)new AppendRequest(m)).ToList(), cancellationToken);
        }

        await client.DisconnectAsync(true, cancellationToken);
    }

    /// <summary>Delivers raw bytes (a message MimeKit would not write: malformed MIME) with a plain IMAP APPEND.</summary>
    public async Task AppendRawAsync(byte[] raw, string folder = "INBOX", CancellationToken cancellationToken = default)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
        var stream = tcp.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await reader.ReadLineAsync(cancellationToken); // greeting
        async Task<string> CommandAsync(string line, string tag)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), cancellationToken);
            while (true)
            {
                var answer = await reader.ReadLineAsync(cancellationToken) ?? throw new IOException("Dovecot closed the connection.");
                if (answer.StartsWith(tag + " ", StringComparison.Ordinal) || answer.StartsWith('+'))
                {
                    return answer;
                }
            }
        }

        Check(await CommandAsync($"a LOGIN {User} \"{Password}\"", "a"), "LOGIN");
        Check(await CommandAsync($"b APPEND {folder} {{{raw.Length}}}", "b"), "APPEND", continuation: true);
        await stream.WriteAsync(raw, cancellationToken);
        await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
        string done;
        do
        {
            done = await reader.ReadLineAsync(cancellationToken) ?? throw new IOException("Dovecot closed the connection.");
        }
        while (!done.StartsWith("b ", StringComparison.Ordinal));
        Check(done, "APPEND");
        await CommandAsync("c LOGOUT", "c");
    }

    /// <summary>
    /// Delivers a message the way the mail server's local delivery does, straight into the maildir's <c>new</c> folder:
    /// it works while the IMAP service is down.
    /// </summary>
    public void DeliverToMaildir(MimeMessage message)
    {
        var folder = Path.Combine(_directory, "mail", User, "new");
        Directory.CreateDirectory(folder);
        var name = $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.M{Guid.NewGuid():N}.zowor-tests";
        var temp = Path.Combine(_directory, name + ".tmp");
        message.WriteTo(temp);
        File.Move(temp, Path.Combine(folder, name));
        Run("chown", "-R", "dovecot:dovecot", Path.Combine(_directory, "mail"));
    }

    /// <summary>How many messages of a folder carry \Seen, and how many there are.</summary>
    public async Task<(int Seen, int Total)> CountAsync(string folder = "INBOX", CancellationToken cancellationToken = default)
    {
        using var client = await ConnectAsync(cancellationToken);
        var target = await client.GetFolderAsync(folder, cancellationToken);
        await target.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
        var seen = (await target.SearchAsync(SearchQuery.Seen, cancellationToken)).Count;
        var total = target.Count;
        await client.DisconnectAsync(true, cancellationToken);
        return (seen, total);
    }

    /// <summary>Creates a folder (e.g. the processed folder).</summary>
    public async Task CreateFolderAsync(string name, CancellationToken cancellationToken = default)
    {
        using var client = await ConnectAsync(cancellationToken);
        var root = client.GetFolder(client.PersonalNamespaces[0]);
        await root.CreateAsync(name, true, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Check(string answer, string what, bool continuation = false)
    {
        if (!(continuation ? answer.StartsWith('+') : answer.Split(' ').ElementAtOrDefault(1) == "OK"))
        {
            throw new InvalidOperationException($"IMAP {what} failed: {answer}");
        }
    }

    private async Task<bool> GreetsAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            var buffer = new byte[64];
            var read = await tcp.GetStream().ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("* OK", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void WriteConfiguration()
    {
        var mail = Path.Combine(_directory, "mail");
        Directory.CreateDirectory(mail);
        Directory.CreateDirectory(Path.Combine(_directory, "run"));
        Directory.CreateDirectory(Path.Combine(_directory, "state"));
        File.WriteAllText(Path.Combine(_directory, "passwd"), $"{User}:{{PLAIN}}{Password}\n");
        var (uid, gid) = (Id("-u"), Id("-g"));
        // The mail processes run as the dovecot user: it must own the maildir and reach it through the temp folders.
        Run("chown", "-R", "dovecot:dovecot", mail);
        Run("chmod", "755", _directory, Path.GetDirectoryName(_directory)!);
        File.WriteAllText(Path.Combine(_directory, "dovecot.conf"), $$"""
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            base_dir = {{_directory}}/run
            state_dir = {{_directory}}/state
            log_path = {{LogPath}}
            default_internal_user = dovecot
            default_login_user = dovenull
            first_valid_uid = 0
            mail_location = maildir:{{mail}}/%u
            passdb {
              driver = passwd-file
              args = scheme=PLAIN {{_directory}}/passwd
            }
            userdb {
              driver = static
              args = uid={{uid}} gid={{gid}} home={{mail}}/%u
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
              inet_listener imaps {
                port = 0
              }
              chroot =
            }
            service anvil {
              chroot =
            }
            """);
    }

    private static string Id(string flag) => Run("id", flag, "dovecot").Trim();

    private static string Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {error}");
    }
}
