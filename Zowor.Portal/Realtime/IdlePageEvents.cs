using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using System.Threading.Channels;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Realtime;

/// <summary>
/// What keeps a live page live while its circuit is paused (issue 21). A queue or board left untouched hands its circuit
/// back to the server (wwwroot/js/portal.js, "idle circuits") and listens here instead: a WebSocket at /hubs/live that
/// says only "something this page shows may have changed". The page then fetches itself, as a new request would, and
/// puts the fresh rows, counts and badges in place; the first touch resumes the circuit. No complaint data goes out on
/// this socket, and the fetch is a normal page request, authorized as the page is.
/// </summary>
/// <remarks>
/// A WebSocket, not a server-sent event stream: browsers open at most six HTTP/1.1 connections to one host, and a
/// CSM's seventh idle tab would have waited for one (with every fetch of the portal behind it); WebSockets are not
/// counted there. An open socket costs the server a connection and one notifier subscription, where a circuit keeps the
/// page's components, their render trees and its own WebSocket. The events a page hears are those a queue, the
/// navigation's badges and the bell react to: complaint changes at the levels the page lists (those the user may watch),
/// the user's own notifications, memos, CAPAs and settings; never presence.
/// </remarks>
public static class IdlePageEvents
{
    public const string Path = "/hubs/live";

    /// <summary>
    /// What the socket sends: the page is listening and nothing happened since it was rendered, or something may have
    /// changed (then, or at its opening when events were published after the page's <c>since</c>: it refreshes).
    /// </summary>
    public const string Ready = "ready";

    public const string Changed = "changed";

    // WebSocket pings, below the idle timeouts of proxies (deploy/nginx: 120 s).
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(25);

    // The page opens a new socket when one ends: ending each after a while checks the sign-in again.
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public static IEndpointRouteBuilder MapIdlePageEvents(this IEndpointRouteBuilder endpoints)
    {
        // The WebSocket middleware for this endpoint only, as SignalR's hubs have it.
        var pipeline = endpoints.CreateApplicationBuilder();
        pipeline.UseWebSockets(new WebSocketOptions { KeepAliveInterval = KeepAlive });
        pipeline.Run(ServeAsync);
        endpoints.Map(Path, pipeline.Build()).RequireAuthorization(PortalRoles.Policies.Staff);
        return endpoints;
    }

    /// <summary>The levels a page asked for (<c>levels=1,2</c>; none: every level), only those the user's roles may watch.</summary>
    public static int Watched(ClaimsPrincipal user, string? levels)
    {
        var allowed = RealtimeGroups.WatchedBy(user);
        if (string.IsNullOrWhiteSpace(levels))
        {
            return allowed;
        }

        var asked = levels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(text => int.TryParse(text, out var number) && Enum.IsDefined((EscalationLevel)number) ? RealtimeGroups.Bit((EscalationLevel)number) : 0)
            .Aggregate(0, (set, bit) => set | bit);
        return asked & allowed;
    }

    /// <summary>Whether an event may change what an idle page shows: its rows, the navigation's badges, the user's bell.</summary>
    public static bool Concerns(LiveEvent liveEvent, int watched, string? userId) => liveEvent switch
    {
        ComplaintChanged change => Touches(change, watched),
        ComplaintsChanged batch => batch.Changes.Any(c => Touches(c, watched)) || batch.Notifications.Any(n => n.UserId == userId),
        UserNotified notified => notified.UserId == userId,
        MemoChanged or CapaChanged or SettingsChanged => true,
        _ => false,
    };

    private static bool Touches(ComplaintChanged change, int watched) => (RealtimeGroups.Affected(change) & watched) != 0;

    private static async Task ServeAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var watched = Watched(http.User, http.Request.Query["levels"]);
        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var notifier = http.RequestServices.GetRequiredService<PortalNotifier>();
        // One pending signal at most: a burst of changes while the page is fetching is one more refresh, not one each.
        var signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        using var subscription = notifier.Subscribe(e =>
        {
            if (Concerns(e, watched, userId))
            {
                signals.Writer.TryWrite(true);
            }

            return Task.CompletedTask;
        });
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        lifetime.CancelAfter(Lifetime);
        // The page sends nothing; reading tells when it closes (it resumed its circuit, or went away).
        var closed = ReadUntilClosedAsync(socket, lifetime, http.RequestAborted);
        try
        {
            // Subscribed first: an event published from here on is signalled, one before is counted in the sequence. The
            // page renders the sequence it was drawn at (data-live-since); any other (a restart too) means "fetch".
            var since = long.TryParse(http.Request.Query["since"], out var rendered) ? rendered : -1;
            await SendAsync(socket, since == notifier.Sequence ? Ready : Changed, lifetime.Token);
            while (true)
            {
                await signals.Reader.ReadAsync(lifetime.Token);
                await SendAsync(socket, Changed, lifetime.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The page went, or the socket's time is up: the page opens another.
        }

        // Ours to end (its time is up), or the page's close to answer: either way the close handshake completes, or the
        // socket is dropped after a few seconds without it.
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, closing.Token);
            }

            await closed.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or TimeoutException)
        {
            socket.Abort();
        }

        // The reader ends with the socket (it catches its own failures), before the lifetime it cancels is disposed.
        await closed;
    }

    private static Task SendAsync(WebSocket socket, string text, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    /// <summary>
    /// Reads until the page closes the socket (or the connection drops), then ends the lifetime. Not cancelled by the
    /// lifetime itself: a cancelled read would abort the socket before its close handshake.
    /// </summary>
    private static async Task ReadUntilClosedAsync(WebSocket socket, CancellationTokenSource lifetime, CancellationToken aborted)
    {
        var buffer = new byte[16];
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, aborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Gone.
        }
        finally
        {
            await lifetime.CancelAsync();
        }
    }
}
