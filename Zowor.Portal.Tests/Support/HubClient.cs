using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Tests.Support;

/// <summary>
/// A SignalR .NET client of the complaints hub (<c>/hubs/complaints</c>) over WebSockets on the Kestrel host, signed in
/// with the cookie of a <see cref="PortalClient"/> that logged in through the real form. It records every
/// <see cref="IComplaintClient.ComplaintChanged"/> and <see cref="IComplaintClient.Notified"/> message; tests wait for
/// the ones they expect (bounded, never a sleep) and then assert on everything that arrived.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    /// <summary>How long a test waits for a message it expects: generous, because the test machine is busy.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly List<object> _received = [];
    private readonly List<(Func<object, bool> Match, TaskCompletionSource Arrived)> _waiters = [];

    private HubClient(HubConnection connection, string name)
    {
        Connection = connection;
        Name = name;
        connection.On<ComplaintUpdate>(nameof(IComplaintClient.ComplaintChanged), Record);
        connection.On<NotificationUpdate>(nameof(IComplaintClient.Notified), Record);
    }

    public HubConnection Connection { get; }

    /// <summary>Who this client is, for failure messages.</summary>
    public string Name { get; }

    /// <summary>Every complaint change received so far, in order of arrival.</summary>
    public IReadOnlyList<ComplaintUpdate> Changes
    {
        get
        {
            lock (_gate)
            {
                return _received.OfType<ComplaintUpdate>().ToList();
            }
        }
    }

    /// <summary>Every personal notification received so far, in order of arrival.</summary>
    public IReadOnlyList<NotificationUpdate> Notifications
    {
        get
        {
            lock (_gate)
            {
                return _received.OfType<NotificationUpdate>().ToList();
            }
        }
    }

    /// <summary>
    /// A client that is not started yet, carrying the cookies of <paramref name="signedIn"/> (null: anonymous).
    /// WebSockets only and no automatic reconnect: the realistic transport, and a dropped connection fails the test.
    /// </summary>
    public static HubClient Create(Uri serverAddress, PortalClient? signedIn, string name) =>
        new(new HubConnectionBuilder()
            .WithUrl(new Uri(serverAddress, "hubs/complaints"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.Cookies = signedIn?.Cookies ?? new CookieContainer();
            })
            .Build(), name);

    /// <summary>Connects as the user signed in on <paramref name="signedIn"/>.</summary>
    public static async Task<HubClient> ConnectAsync(Uri serverAddress, PortalClient signedIn, string name, CancellationToken cancellationToken = default)
    {
        var client = Create(serverAddress, signedIn, name);
        try
        {
            await client.Connection.StartAsync(cancellationToken);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Follows one complaint (<see cref="ComplaintHub.JoinComplaint"/>).</summary>
    public Task JoinComplaintAsync(Guid complaintId, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync(nameof(ComplaintHub.JoinComplaint), complaintId, cancellationToken);

    /// <summary>Asks to watch an escalation level (<see cref="ComplaintHub.JoinLevel"/>); a refusal throws <see cref="HubException"/>.</summary>
    public Task JoinLevelAsync(int level, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync(nameof(ComplaintHub.JoinLevel), level, cancellationToken);

    /// <summary>Waits until a matching complaint change has arrived (before or after the call) and returns it.</summary>
    public async Task<ComplaintUpdate> WaitForChangeAsync(Func<ComplaintUpdate, bool> match, string description, CancellationToken cancellationToken = default) =>
        (ComplaintUpdate)await WaitForAsync(m => m is ComplaintUpdate u && match(u), description, cancellationToken);

    /// <summary>Waits until a matching notification has arrived (before or after the call) and returns it.</summary>
    public async Task<NotificationUpdate> WaitForNotificationAsync(Func<NotificationUpdate, bool> match, string description, CancellationToken cancellationToken = default) =>
        (NotificationUpdate)await WaitForAsync(m => m is NotificationUpdate n && match(n), description, cancellationToken);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private async Task<object> WaitForAsync(Func<object, bool> match, string description, CancellationToken cancellationToken)
    {
        TaskCompletionSource arrived;
        lock (_gate)
        {
            if (_received.FirstOrDefault(match) is { } already)
            {
                return already;
            }

            arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, arrived));
        }

        try
        {
            await arrived.Task.WaitAsync(DefaultWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"{Name} did not receive {description} within {DefaultWait.TotalSeconds:0} s (connection {Connection.State}). Received: {Describe()}");
        }

        lock (_gate)
        {
            return _received.First(match);
        }
    }

    private void Record(object message)
    {
        lock (_gate)
        {
            _received.Add(message);
            foreach (var waiter in _waiters.Where(w => w.Match(message)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Arrived.TrySetResult();
            }
        }
    }

    private string Describe()
    {
        lock (_gate)
        {
            return _received.Count == 0 ? "nothing" : string.Join("; ", _received);
        }
    }
}
