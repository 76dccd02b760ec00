using Bunit;
using Zowor.Portal.Features.Capa;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Components.Capa;

/// <summary>
/// The CAPA editor's forms (P-62) check their fields before anything reaches the service: a title and problem
/// statement, severity and likelihood within 1–5, and an action's description, owner and due date, each with its
/// message under the field.
/// </summary>
public sealed class CapaEditorTests : PortalComponentTestBase
{
    private static readonly IReadOnlyList<StaffMember> Owners = [new("user-csm", "Saule Omarova", [PortalRoles.Csm]), new("user-quality", "Marat Quality", [PortalRoles.Quality])];

    private readonly List<CapaDetailsForm> _saved = [];
    private readonly List<CapaActionForm> _added = [];

    public CapaEditorTests()
    {
        SignInAs("user-quality", "Marat Quality", PortalRoles.Quality);
        RenderProviders();
    }

    protected override bool UsesDatabase => false;

    [Fact]
    public void SaveDetails_EmptyTitleAndProblem_ShowsMessagesAndSavesNothing()
    {
        var cut = RenderDetails(new CapaDetailsForm { Title = "", ProblemStatement = "" });

        cut.Find("[data-testid=capa-details-save]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("Enter a title.", ValidationMessageOf(cut, "#capa-title"));
            Assert.Equal("Describe the problem.", ValidationMessageOf(cut, "#capa-problem"));
        });
        Assert.Empty(_saved);
    }

    [Theory]
    [InlineData(0, 3, "#capa-severity", "Severity must be between 1 and 5.")]
    [InlineData(6, 3, "#capa-severity", "Severity must be between 1 and 5.")]
    [InlineData(3, 0, "#capa-likelihood", "Likelihood must be between 1 and 5.")]
    [InlineData(3, 9, "#capa-likelihood", "Likelihood must be between 1 and 5.")]
    public void SaveDetails_RiskOutOfRange_ShowsMessageAndSavesNothing(int severity, int likelihood, string field, string message)
    {
        var cut = RenderDetails(new CapaDetailsForm { Title = "Kettles leak", ProblemStatement = "Leaks at the base.", Severity = severity, Likelihood = likelihood });

        cut.Find("[data-testid=capa-details-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal(message, ValidationMessageOf(cut, field)));
        Assert.Empty(_saved);
        // No risk chip for a score that cannot exist.
        Assert.Empty(cut.FindAll("[data-testid=capa-risk]"));
    }

    [Fact]
    public void SaveDetails_ValidForm_IsSavedWithItsRisk()
    {
        var cut = RenderDetails(new CapaDetailsForm { Title = "Kettles leak", ProblemStatement = "Leaks at the base.", Severity = 4, Likelihood = 4 });

        Assert.Equal("High", cut.Find("[data-testid=capa-risk]").GetAttribute("data-level"));
        cut.Find("[data-testid=capa-details-save]").Click();

        cut.WaitForAssertion(() => Assert.Single(_saved));
        Assert.Equal(("Kettles leak", 4, 4), (_saved[0].Title, _saved[0].Severity, _saved[0].Likelihood));
    }

    [Fact]
    public void SaveDetails_ReadOnly_HasNoSaveButton()
    {
        var cut = Render<CapaDetailsEditor>(p => p.Add(e => e.Form, new CapaDetailsForm { Title = "T", ProblemStatement = "P" }).Add(e => e.ReadOnly, true));

        Assert.Empty(cut.FindAll("[data-testid=capa-details-save]"));
    }

    [Fact]
    public void AddAction_WithoutDescriptionOwnerOrDueDate_ShowsEachMessage()
    {
        var cut = RenderActionEditor(new CapaActionForm());

        cut.Find("[data-testid=capa-action-add]").Click();

        cut.WaitForAssertion(() =>
        {
            var messages = ValidationMessages(cut);
            Assert.Contains("Describe the action.", messages);
            Assert.Contains("Choose the owner of the action.", messages);
            Assert.Contains("Enter the due date of the action.", messages);
        });
        Assert.Empty(_added);
    }

    [Fact]
    public void AddAction_WithDescriptionButNoOwnerOrDueDate_IsRefused()
    {
        var cut = RenderActionEditor(new CapaActionForm());
        cut.Find("#capa-action-description").Change("Change the seal material");

        cut.Find("[data-testid=capa-action-add]").Click();

        cut.WaitForAssertion(() =>
        {
            var messages = ValidationMessages(cut);
            Assert.DoesNotContain("Describe the action.", messages);
            Assert.Contains("Choose the owner of the action.", messages);
            Assert.Contains("Enter the due date of the action.", messages);
        });
        Assert.Empty(_added);
    }

    [Fact]
    public void AddAction_Complete_IsAddedWithItsOwner()
    {
        var cut = RenderActionEditor(new CapaActionForm { DueOn = new DateTime(2026, 3, 20) });
        cut.Find("#capa-action-description").Change("Change the seal material");
        Choose(cut, "Owner", "Saule Omarova");

        cut.Find("[data-testid=capa-action-add]").Click();

        cut.WaitForAssertion(() => Assert.Single(_added));
        Assert.Equal(("Change the seal material", "user-csm", new DateTime(2026, 3, 20)), (_added[0].Description, _added[0].OwnerId, _added[0].DueOn));
    }

    private IRenderedComponent<CapaDetailsEditor> RenderDetails(CapaDetailsForm form) =>
        Render<CapaDetailsEditor>(p => p
            .Add(e => e.Form, form)
            .Add(e => e.OnSave, (CapaDetailsForm saved) => _saved.Add(saved)));

    private IRenderedComponent<CapaActionEditor> RenderActionEditor(CapaActionForm form) =>
        Render<CapaActionEditor>(p => p
            .Add(e => e.Form, form)
            .Add(e => e.Owners, Owners)
            .Add(e => e.OnAdd, (CapaActionForm added) => _added.Add(added)));
}
