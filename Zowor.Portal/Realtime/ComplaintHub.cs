using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Identity;

namespace Zowor.Portal.Realtime;

/// <summary>
/// Live complaint changes for non-Blazor clients at <c>/hubs/complaints</c>. Only signed-in staff connect;
/// each connection joins the level groups its roles allow and its own user group; joining anything else is checked here.
/// </summary>
[Authorize(Policy = PortalRoles.Policies.Staff)]
public sealed class ComplaintHub(ILogger<ComplaintHub> logger) : Hub<IComplaintClient>
{
    public override async Task OnConnectedAsync()
    {
        foreach (var level in RealtimeGroups.LevelsFor(Context.User!))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeGroups.Level(level));
        }

        if (Context.User!.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeGroups.User(userId));
        }

        await base.OnConnectedAsync();
    }

    /// <summary>Follows one complaint (any staff member may open any case).</summary>
    public Task JoinComplaint(Guid complaintId) => Groups.AddToGroupAsync(Context.ConnectionId, RealtimeGroups.Complaint(complaintId));

    public Task LeaveComplaint(Guid complaintId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, RealtimeGroups.Complaint(complaintId));

    /// <summary>Watches an escalation level; refused unless the caller's roles work that level.</summary>
    public Task JoinLevel(int level)
    {
        var escalationLevel = (EscalationLevel)level;
        if (!Enum.IsDefined(escalationLevel) || !RealtimeGroups.MayWatch(Context.User!, escalationLevel))
        {
            logger.LogWarning("User {UserId} was refused level {Level}", Context.UserIdentifier, level);
            throw new HubException("You are not allowed to watch this escalation level.");
        }

        return Groups.AddToGroupAsync(Context.ConnectionId, RealtimeGroups.Level(escalationLevel));
    }

    public Task LeaveLevel(int level) => Groups.RemoveFromGroupAsync(Context.ConnectionId, RealtimeGroups.Level((EscalationLevel)level));
}
