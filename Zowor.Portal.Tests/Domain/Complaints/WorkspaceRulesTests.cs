using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;

namespace Zowor.Portal.Tests.Domain.Complaints;

/// <summary>The defaults the case workspace and the CAPA page offer, decided in the domain rather than in the pages.</summary>
public sealed class WorkspaceRulesTests
{
    [Theory]
    [InlineData(EscalationLevel.CustomerServiceManager, EscalationLevel.ChiefCustomerOfficer)]
    [InlineData(EscalationLevel.ChiefCustomerOfficer, EscalationLevel.ChiefExecutive)]
    [InlineData(EscalationLevel.ChiefExecutive, EscalationLevel.ChiefExecutive)]
    public void P71_P72_NextLevel_IsOneUpAndTheCeoIsTheTop(EscalationLevel current, EscalationLevel next)
    {
        Assert.Equal(next, EscalationLevels.Next(current));
    }

    [Fact]
    public void P70_P72_LevelsAbove_AreTheHigherLevelsOnly()
    {
        Assert.Equal([EscalationLevel.ChiefCustomerOfficer, EscalationLevel.ChiefExecutive], EscalationLevels.Above(EscalationLevel.CustomerServiceManager));
        Assert.Equal([EscalationLevel.ChiefExecutive], EscalationLevels.Above(EscalationLevel.ChiefCustomerOfficer));
        Assert.Empty(EscalationLevels.Above(EscalationLevel.ChiefExecutive));
    }

    [Fact]
    public void P62_NewCapaAction_IsDueTwoWeeksFromTheBusinessDay()
    {
        Assert.Equal(new DateOnly(2026, 3, 16), CapaAction.DefaultDueOn(new DateOnly(2026, 3, 2)));
        Assert.Equal(new DateOnly(2027, 1, 11), CapaAction.DefaultDueOn(new DateOnly(2026, 12, 28)));
    }

    [Fact]
    public void P21_AcknowledgementForm_ProposesAResolutionAWeekAhead()
    {
        Assert.Equal(new DateOnly(2026, 3, 9), Acknowledgement.DefaultEstimate(new DateOnly(2026, 3, 2)));
    }
}
