using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Realtime;
using Zowor.Portal.Tests.Features.Search;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration;

/// <summary>
/// Issue 21: the WebSocket a queue listens on while its circuit is paused (Realtime/IdlePageEvents), on a real loopback
/// port with the cookie of a real form login. It says "ready" when it opens and "changed" when something the page shows
/// changes; without a sign-in there is no socket. Which changes wake which page: Realtime/IdlePageEventsTests.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class IdlePageSocketTests : IAsyncLifetime
{
    private static readonly string CsmEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Csm);

    private readonly PortalAppFactory _app = new();
    private Uri _address = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _address = await _app.StartKestrelAsync(Ct);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task ACsmsPausedQueue_HearsReady_ThenChanged_WhenALevel1ComplaintIsRegistered()
    {
        using var csm = await PortalClient.SignedInAsync(_app, CsmEmail, cancellationToken: Ct);
        var notifier = _app.Services.GetRequiredService<PortalNotifier>();

        // Nothing was published since the page's rows were read (data-live-since): "ready", no fetch needed. A "changed"
        // is right only when an event was published meanwhile (the portal's own jobs); then the page listens again.
        var socket = await ListenAsync(csm, notifier.Sequence);
        for (var attempt = 1; socket.First != IdlePageEvents.Ready && attempt < 5; attempt++)
        {
            Assert.NotEqual(socket.Since, notifier.Sequence);
            socket.Socket.Dispose();
            socket = await ListenAsync(csm, notifier.Sequence);
        }

        Assert.Equal(IdlePageEvents.Ready, socket.First);
        using var listening = socket.Socket;

        // P-20: a phone complaint registered at level 1 is on the CSM's queue: the paused page must fetch it.
        await using (var staff = await _app.SignInAsync(CsmEmail))
        {
            await staff.Complaints.RegisterAsync(
                SearchFixtures.Form("Socket Live", null, "+7 777 555 03 41", "Iron leaves marks", "The iron leaves brown marks on white shirts.", daysAgo: 1), Ct);
        }

        Assert.Equal(IdlePageEvents.Changed, await ReceiveAsync(listening));
        await listening.CloseAsync(WebSocketCloseStatus.NormalClosure, null, Ct);
    }

    /// <summary>A paused page's socket, opened with the event count its rows were read at, and its first message.</summary>
    private async Task<(ClientWebSocket Socket, long Since, string First)> ListenAsync(PortalClient client, long since)
    {
        var socket = new ClientWebSocket();
        socket.Options.Cookies = client.Cookies;
        await socket.ConnectAsync(SocketAddress($"levels=1&since={since}"), Ct);
        return (socket, since, await ReceiveAsync(socket));
    }

    [Fact]
    public async Task APageDrawnBeforeTheLastEvent_IsToldToFetch_AsSoonAsItListens()
    {
        // Events published after the page's rows were read, or by a node that has restarted since: the page fetches.
        using var csm = await PortalClient.SignedInAsync(_app, CsmEmail, cancellationToken: Ct);
        var notifier = _app.Services.GetRequiredService<PortalNotifier>();
        notifier.Publish(new SettingsChanged());
        using var socket = new ClientWebSocket();
        socket.Options.Cookies = csm.Cookies;

        await socket.ConnectAsync(SocketAddress($"levels=1&since={notifier.Sequence - 1}"), Ct);

        Assert.Equal(IdlePageEvents.Changed, await ReceiveAsync(socket));
    }

    [Fact]
    public async Task WithoutASignIn_ThereIsNoSocket()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(SocketAddress("levels=1"), Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    private Uri SocketAddress(string query) =>
        new UriBuilder(new Uri(_address, IdlePageEvents.Path.TrimStart('/'))) { Scheme = "ws", Query = query }.Uri;

    /// <summary>The next text message, within a bound generous for a busy test machine.</summary>
    private static async Task<string> ReceiveAsync(WebSocket socket)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var buffer = new byte[64];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.Equal(WebSocketMessageType.Text, received.MessageType);
        return Encoding.UTF8.GetString(buffer, 0, received.Count);
    }
}
