using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Complaints.Actions;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Components.Complaints;

/// <summary>
/// The case workspace's one map from action to form component: every action the workflow table knows has a form
/// (a new action cannot be forgotten), and each form opens on a complaint where the action is allowed.
/// </summary>
public sealed class ComplaintActionFormTests : PortalComponentTestBase
{
    public ComplaintActionFormTests() => RenderProviders();

    public static TheoryData<ComplaintAction> TableActions => [.. ComplaintWorkflow.Table.Actions];

    [Fact]
    public void Map_EveryActionInTheWorkflowTable_HasAFormComponent()
    {
        var missing = ComplaintWorkflow.Table.Actions.Where(a => !ComplaintActionForm.Components.ContainsKey(a)).ToList();

        Assert.Empty(missing);
        Assert.All(ComplaintActionForm.Components.Values, type => Assert.True(type.IsSubclassOf(typeof(ComplaintActionComponent)), type.Name));
        Assert.Equal(ComplaintActionForm.Components.Count, ComplaintActionForm.Components.Values.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(TableActions))]
    public async Task Render_ActionAllowedInSomeStatus_OpensItsOwnForm(ComplaintAction action)
    {
        SignInAsCsm();
        var status = Enum.GetValues<ComplaintStatus>().First(s => ComplaintWorkflow.Allows(s, action));
        var complaint = await SaveAsync(ComplaintBuilder.AtStatus(status));
        var summary = await Services.GetRequiredService<ComplaintService>().OpenCaseAsync(complaint.Id, Cancellation);

        var cut = Render<ComplaintActionForm>(p => p
            .Add(x => x.Action, action)
            .Add(x => x.Case, summary!));

        Assert.Equal(action.ToString(), cut.Find("[data-testid=action-form]").GetAttribute("data-action"));
        Assert.Single(cut.FindAll("[data-testid=action-submit]"));
    }
}
