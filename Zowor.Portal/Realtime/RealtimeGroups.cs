using System.Security.Claims;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Realtime;

/// <summary>
/// The hub's groups and who may be in them: each escalation level is watched by the roles that work it
/// (level 1: Agent, CSM, CCO; levels 2 and 3: CCO and CEO — P-70 to P-72); any staff member may follow one complaint.
/// A connection is in exactly one level group, named by the set of levels it watches, and follows a complaint through a
/// group named by the complaint and that same set; so a change goes to each connection once, even when it concerns
/// two levels the connection watches, or a followed complaint at a watched level.
/// </summary>
public static class RealtimeGroups
{
    private const int AllLevels = 0b111;

    private static readonly IReadOnlyDictionary<EscalationLevel, string[]> LevelRoles = new Dictionary<EscalationLevel, string[]>
    {
        [EscalationLevel.CustomerServiceManager] = [PortalRoles.Agent, PortalRoles.Csm, PortalRoles.Cco],
        [EscalationLevel.ChiefCustomerOfficer] = [PortalRoles.Cco, PortalRoles.Ceo],
        [EscalationLevel.ChiefExecutive] = [PortalRoles.Cco, PortalRoles.Ceo],
    };

    /// <summary>The bit of one level in a set of watched levels.</summary>
    public static int Bit(EscalationLevel level) => 1 << ((int)level - 1);

    /// <summary>The levels a user's roles watch, as a set of bits.</summary>
    public static int WatchedBy(ClaimsPrincipal user) => LevelsFor(user).Aggregate(0, (set, level) => set | Bit(level));

    /// <summary>The levels a change concerns, as a set of bits: the level it is at and the one it left.</summary>
    public static int Affected(ComplaintChanged change) => Bit(change.Level) | (change.PreviousLevel is { } previous ? Bit(previous) : 0);

    /// <summary>The group of the connections that watch exactly the levels in <paramref name="watched"/>.</summary>
    public static string Levels(int watched) => $"levels-{watched}";

    /// <summary>The group of the connections that follow a complaint and watch exactly the levels in <paramref name="watched"/>.</summary>
    public static string Complaint(Guid id, int watched) => $"complaint-{id:N}-{watched}";

    public static string User(string userId) => $"user-{userId}";

    /// <summary>Every group a change that concerns <paramref name="affected"/> levels goes to, each connection in exactly one of them.</summary>
    public static IEnumerable<string> ForChange(Guid complaintId, int affected)
    {
        for (var watched = 0; watched <= AllLevels; watched++)
        {
            yield return (watched & affected) != 0 ? Levels(watched) : Complaint(complaintId, watched);
        }
    }

    /// <summary>The roles that receive a level's changes (and its escalation notifications).</summary>
    public static IReadOnlyList<string> RolesWatching(EscalationLevel level) => LevelRoles[level];

    public static bool MayWatch(ClaimsPrincipal user, EscalationLevel level) =>
        LevelRoles.TryGetValue(level, out var roles) && roles.Any(user.IsInRole);

    public static IEnumerable<EscalationLevel> LevelsFor(ClaimsPrincipal user) =>
        Enum.GetValues<EscalationLevel>().Where(level => MayWatch(user, level));
}
