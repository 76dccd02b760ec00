using System.Security.Claims;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Identity;

namespace Zowor.Portal.Realtime;

/// <summary>
/// The hub's groups and who may be in them: each escalation level is watched by the roles that work it
/// (level 1: Agent, CSM, CCO; levels 2 and 3: CCO and CEO — P-70 to P-72); any staff member may follow one complaint.
/// </summary>
public static class RealtimeGroups
{
    private static readonly IReadOnlyDictionary<EscalationLevel, string[]> LevelRoles = new Dictionary<EscalationLevel, string[]>
    {
        [EscalationLevel.CustomerServiceManager] = [PortalRoles.Agent, PortalRoles.Csm, PortalRoles.Cco],
        [EscalationLevel.ChiefCustomerOfficer] = [PortalRoles.Cco, PortalRoles.Ceo],
        [EscalationLevel.ChiefExecutive] = [PortalRoles.Cco, PortalRoles.Ceo],
    };

    public static string Level(EscalationLevel level) => $"level-{(int)level}";

    public static string Complaint(Guid id) => $"complaint-{id:N}";

    public static string User(string userId) => $"user-{userId}";

    /// <summary>The roles that receive a level's changes (and its escalation notifications).</summary>
    public static IReadOnlyList<string> RolesWatching(EscalationLevel level) => LevelRoles[level];

    public static bool MayWatch(ClaimsPrincipal user, EscalationLevel level) =>
        LevelRoles.TryGetValue(level, out var roles) && roles.Any(user.IsInRole);

    public static IEnumerable<EscalationLevel> LevelsFor(ClaimsPrincipal user) =>
        Enum.GetValues<EscalationLevel>().Where(level => MayWatch(user, level));
}
