using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Realtime;

/// <summary>
/// Live complaint changes for non-Blazor clients at <c>/hubs/complaints</c>. Only signed-in staff connect;
/// each connection watches the levels its roles allow and gets its own user group; joining anything else is checked here.
/// </summary>
[Authorize(Policy = PortalRoles.Policies.Staff)]
public sealed class ComplaintHub(ILogger<ComplaintHub> logger) : Hub<IComplaintClient>
{
    private const string WatchedKey = "watched-levels";
    private const string FollowedKey = "followed-complaints";

    private int Watched
    {
        get => Context.Items.TryGetValue(WatchedKey, out var value) ? (int)value! : 0;
        set => Context.Items[WatchedKey] = value;
    }

    private HashSet<Guid> Followed => (HashSet<Guid>)(Context.Items.TryGetValue(FollowedKey, out var value) ? value! : Context.Items[FollowedKey] = new HashSet<Guid>());

    public override async Task OnConnectedAsync()
    {
        await WatchAsync(RealtimeGroups.WatchedBy(Context.User!));
        if (Context.User!.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeGroups.User(userId));
        }

        await base.OnConnectedAsync();
    }

    /// <summary>Follows one complaint (any staff member may open any case).</summary>
    public async Task JoinComplaint(Guid complaintId)
    {
        if (Followed.Add(complaintId))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeGroups.Complaint(complaintId, Watched));
        }
    }

    public async Task LeaveComplaint(Guid complaintId)
    {
        if (Followed.Remove(complaintId))
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, RealtimeGroups.Complaint(complaintId, Watched));
        }
    }

    /// <summary>Watches an escalation level; refused unless the caller's roles work that level.</summary>
    public Task JoinLevel(int level)
    {
        var escalationLevel = (EscalationLevel)level;
        if (!Enum.IsDefined(escalationLevel) || !RealtimeGroups.MayWatch(Context.User!, escalationLevel))
        {
            logger.LogWarning("User {UserId} was refused level {Level}", Context.UserIdentifier, level);
            throw new HubException("You are not allowed to watch this escalation level.");
        }

        return WatchAsync(Watched | RealtimeGroups.Bit(escalationLevel));
    }

    public Task LeaveLevel(int level) =>
        Enum.IsDefined((EscalationLevel)level) ? WatchAsync(Watched & ~RealtimeGroups.Bit((EscalationLevel)level)) : Task.CompletedTask;

    /// <summary>Moves the connection to the groups of a new set of watched levels, its followed complaints included.</summary>
    private async Task WatchAsync(int watched)
    {
        var before = Watched;
        if (watched == before && Context.Items.ContainsKey(WatchedKey))
        {
            return;
        }

        await Groups.RemoveFromGroupAsync(Context.ConnectionId, RealtimeGroups.Levels(before));
        await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeGroups.Levels(watched));
        foreach (var complaintId in Followed)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, RealtimeGroups.Complaint(complaintId, before));
            await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeGroups.Complaint(complaintId, watched));
        }

        Watched = watched;
    }
}
