using System.Security.Claims;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Tests.Realtime;

/// <summary>
/// Issue 21: which changes wake a paused page (Realtime/IdlePageEvents). A page hears the levels it lists, only those
/// its user's roles watch (P-70 to P-72: level 1 by Agent, CSM and CCO; levels 2 and 3 by CCO and CEO), complaints
/// leaving those levels, the user's own notifications and the navigation's memo, CAPA and settings changes; never
/// presence, and never another user's notification.
/// </summary>
public sealed class IdlePageEventsTests
{
    private const int Level1 = 0b001;
    private const int Level2 = 0b010;
    private const int Level3 = 0b100;

    [Theory]
    [InlineData(PortalRoles.Csm, "1", Level1)]
    [InlineData(PortalRoles.Csm, "1,2,3", Level1)]
    [InlineData(PortalRoles.Csm, "", Level1)]
    [InlineData(PortalRoles.Cco, "2,3", Level2 | Level3)]
    [InlineData(PortalRoles.Cco, null, Level1 | Level2 | Level3)]
    [InlineData(PortalRoles.Ceo, "1", 0)]
    [InlineData(PortalRoles.Ceo, "", Level2 | Level3)]
    [InlineData(PortalRoles.Quality, "1,2,3", 0)]
    [InlineData(PortalRoles.Cco, "0,4,x,,2", Level2)]
    public void APage_WatchesTheLevelsItAsksFor_OnlyThoseItsUserMayWatch(string role, string? levels, int expected) =>
        Assert.Equal(expected, IdlePageEvents.Watched(User(role), levels));

    [Fact]
    public void AComplaintChange_WakesThePagesOfItsLevel_AndOfTheLevelItLeft()
    {
        var atLevel1 = Change(EscalationLevel.CustomerServiceManager, previous: null);
        var escalated = Change(EscalationLevel.ChiefCustomerOfficer, previous: EscalationLevel.CustomerServiceManager);
        var atLevel3 = Change(EscalationLevel.ChiefExecutive, previous: null);

        Assert.True(IdlePageEvents.Concerns(atLevel1, Level1, "csm"));
        Assert.False(IdlePageEvents.Concerns(atLevel1, Level2 | Level3, "cco"));
        // P-71: the complaint leaves the level-1 queue and reaches the board.
        Assert.True(IdlePageEvents.Concerns(escalated, Level1, "csm"));
        Assert.True(IdlePageEvents.Concerns(escalated, Level2, "cco"));
        Assert.False(IdlePageEvents.Concerns(atLevel3, Level1 | Level2, "cco"));
        Assert.False(IdlePageEvents.Concerns(atLevel1, 0, "quality"));
    }

    [Fact]
    public void ABatch_WakesAPage_WhenOneOfItsChangesOrNotificationsIsForIt()
    {
        var batch = new ComplaintsChanged(
            [Change(EscalationLevel.ChiefExecutive, previous: null)],
            [new UserNotified("csm", Guid.NewGuid(), "ZW-2026-000001", "assigned")]);

        Assert.True(IdlePageEvents.Concerns(batch, Level1, "csm"));
        Assert.False(IdlePageEvents.Concerns(batch, Level1, "agent"));
        Assert.True(IdlePageEvents.Concerns(batch, Level3, "agent"));
    }

    [Fact]
    public void TheBellsAndBadgesEvents_WakeAPage_ButPresenceAndOtherUsersNotificationsDoNot()
    {
        Assert.True(IdlePageEvents.Concerns(new UserNotified("csm", null, "ZW-2026-000001", "breached"), 0, "csm"));
        Assert.False(IdlePageEvents.Concerns(new UserNotified("cco", null, "ZW-2026-000001", "breached"), Level1, "csm"));
        Assert.True(IdlePageEvents.Concerns(new MemoChanged(Guid.NewGuid(), MemoChange.Published, [PortalRoles.Csm], "quality", "quality"), 0, "csm"));
        Assert.True(IdlePageEvents.Concerns(new CapaChanged(Guid.NewGuid(), "overdue", [], "system"), 0, "quality"));
        Assert.True(IdlePageEvents.Concerns(new SettingsChanged(), 0, "csm"));
        Assert.False(IdlePageEvents.Concerns(new PresenceChanged(Guid.NewGuid()), Level1, "csm"));
        Assert.False(IdlePageEvents.Concerns(new PresenceSnapshot("node", Guid.NewGuid(), []), Level1, "csm"));
    }

    private static ClaimsPrincipal User(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, role), new Claim(ClaimTypes.Role, role)], "test"));

    private static ComplaintChanged Change(EscalationLevel level, EscalationLevel? previous) =>
        new(Guid.NewGuid(), "ZW-2026-000001", ComplaintStatus.Investigating, level, previous, "someone", ["noted"]);
}
