using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Zowor.Portal.Tests.Support;

/// <summary>A real SMTP listener on loopback (the SmtpServer package) that keeps every message it accepts.</summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly Store _store = new();
    private CancellationTokenSource? _running;
    private Task? _listening;

    private SmtpTestServer(int port) => Port = port;

    /// <summary>The port it listens on (also while stopped, so a portal can be pointed at it first).</summary>
    public int Port { get; }

    /// <summary>Messages accepted so far.</summary>
    public IReadOnlyCollection<MimeMessage> Messages => _store.Messages;

    /// <summary>After accepting this many messages the server refuses every further one (451, "try again later").</summary>
    public int? RefuseAfter
    {
        get => _store.RefuseAfter;
        set => _store.RefuseAfter = value;
    }

    /// <summary>Reserves a free port without listening yet.</summary>
    public static SmtpTestServer OnFreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new SmtpTestServer(port);
    }

    /// <summary>Starts listening.</summary>
    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        var server = new SmtpServer.SmtpServer(options, services);
        _running = new CancellationTokenSource();
        _listening = server.StartAsync(_running.Token);
        // The listener binds at once; wait until a connection succeeds.
        for (var i = 0; i < 50; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"The SMTP test server did not start on port {Port}.");
    }

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_store.Messages.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} messages, got {_store.Messages.Count} in {timeout.TotalSeconds} s.");
            }

            await Task.Delay(50);
        }

        return _store.Messages.ToList();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_running is not null)
        {
            await _running.CancelAsync();
            try
            {
                await _listening!;
            }
            catch (OperationCanceledException)
            {
            }

            _running.Dispose();
        }
    }

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Queue { get; } = new();

        public IReadOnlyCollection<MimeMessage> Messages => Queue;

        public int? RefuseAfter { get; set; }

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Queue.Count >= RefuseAfter)
            {
                return new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "Try again later");
            }

            using var stream = new MemoryStream(buffer.ToArray());
            Queue.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
