using Bunit;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Components.Complaints;

/// <summary>
/// The case page's action bar offers what the workflow table allows in the status (ComplaintWorkflow.AllowedIn) and
/// the user's policies permit (ComplaintActionPolicies), nothing more and nothing less.
/// </summary>
public sealed class WorkflowActionsTests : PortalComponentTestBase
{
    /// <summary>The level-owner actions (PRODUCT.md roles): close, withdraw, reopen and assign need ManageComplaints.</summary>
    private static readonly ComplaintAction[] ManageActions =
        [ComplaintAction.Close, ComplaintAction.Withdraw, ComplaintAction.Reopen, ComplaintAction.Assign, ComplaintAction.MarkDuplicate];

    private static readonly IReadOnlySet<string> AllPolicies = PortalRoles.PolicyRoles.Keys.ToHashSet();

    /// <summary>The component takes its status and policies as parameters: no database involved.</summary>
    protected override bool UsesDatabase => false;

    public static TheoryData<ComplaintStatus> Statuses => [.. Enum.GetValues<ComplaintStatus>()];

    public static TheoryData<ComplaintStatus, ComplaintAction> AllowedPairs =>
        [.. Enum.GetValues<ComplaintStatus>().SelectMany(s => ComplaintWorkflow.AllowedIn(s).Select(a => (s, a)))];

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Render_UserWithEveryPolicy_ShowsExactlyTheActionsTheWorkflowAllows(ComplaintStatus status)
    {
        var cut = RenderActions(status, AllPolicies);

        Assert.Equal(ComplaintWorkflow.AllowedIn(status), ActionButtons(cut));
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Render_AgentPolicies_HidesCloseWithdrawReopenAndAssign(ComplaintStatus status)
    {
        var agent = PoliciesOf(PortalRoles.Agent);
        Assert.Contains(PortalRoles.Policies.HandleComplaints, agent);
        Assert.DoesNotContain(PortalRoles.Policies.ManageComplaints, agent);

        var cut = RenderActions(status, agent);

        var shown = ActionButtons(cut);
        Assert.Equal(ComplaintWorkflow.AllowedIn(status).Except(ManageActions), shown);
        Assert.Empty(shown.Intersect(ManageActions));
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Render_NoComplaintPolicy_ShowsNoButtonsAndSaysSo(ComplaintStatus status)
    {
        // Quality staff may read cases but not work them.
        var cut = RenderActions(status, PoliciesOf(PortalRoles.Quality));

        Assert.Empty(ActionButtons(cut));
        Assert.Contains("No actions are available to you at this stage.", cut.Find("[data-testid=workflow-actions]").TextContent);
    }

    [Theory]
    [MemberData(nameof(AllowedPairs))]
    public void Click_ActionButton_RaisesSelectedWithThatAction(ComplaintStatus status, ComplaintAction action)
    {
        var selected = new List<ComplaintAction>();
        var cut = Render<WorkflowActions>(p => p
            .Add(x => x.Status, status)
            .Add(x => x.UserPolicies, AllPolicies)
            .Add(x => x.Selected, a => selected.Add(a)));

        cut.Find($"[data-testid=action-{action}]").Click();

        Assert.Equal([action], selected);
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Render_Disabled_DisablesEveryButton(ComplaintStatus status)
    {
        var cut = Render<WorkflowActions>(p => p
            .Add(x => x.Status, status)
            .Add(x => x.UserPolicies, AllPolicies)
            .Add(x => x.Disabled, true));

        var buttons = ActionButtonElements(cut);
        Assert.Equal(ComplaintWorkflow.AllowedIn(status).Count, buttons.Count);
        Assert.All(buttons, b => Assert.True(b.HasAttribute("disabled"), $"{b.GetAttribute("data-testid")} is enabled"));
    }

    [Fact]
    public void Render_ResolvingComplaint_OffersStartInvestigationAsReturnToInvestigation()
    {
        var cut = RenderActions(ComplaintStatus.Resolving, AllPolicies);

        Assert.Equal("Return to investigation", cut.Find("[data-testid=action-StartInvestigation]").TextContent.Trim());
    }

    private IRenderedComponent<WorkflowActions> RenderActions(ComplaintStatus status, IReadOnlySet<string> policies) =>
        Render<WorkflowActions>(p => p
            .Add(x => x.Status, status)
            .Add(x => x.UserPolicies, policies));
}
