using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Tests.Domain.Capa;

/// <summary>
/// P-80, P-81, P-62: a CAPA's memo and training actions finish only on the evidence (everyone in the memo's audience
/// acknowledged, every required staff member completed the course), never by hand.
/// </summary>
public sealed class CapaTeachingActionTests
{
    private static readonly DateTime At = CapaBuilder.Start.AddDays(5);
    private static readonly DateOnly Today = CapaBuilder.Today.AddDays(5);

    private static TeachingEvidence Evidence(params bool[] done) =>
        new(done.Select((d, i) => new TeachingEvidencePerson($"user-{i}", $"Person {i}", d ? At : null)).ToList());

    private static (CapaRecord Capa, int Number) WithTraining()
    {
        var capa = CapaBuilder.AtStatus(CapaStatus.ActionPlan);
        var action = capa.AddTrainingAction(7, "Empathy and conflict resolution", ["CSM", "Agent"], CapaBuilder.Owner, Today.AddDays(14), Today, CapaBuilder.Quality, At);
        return (capa, action.Number);
    }

    private static (CapaRecord Capa, int Number) WithMemo()
    {
        var capa = CapaBuilder.AtStatus(CapaStatus.ActionPlan);
        var action = capa.AddMemoAction(Guid.NewGuid(), "Check the seal before shipping", ["Agent"], CapaBuilder.Owner, Today.AddDays(7), Today, CapaBuilder.Quality, At);
        return (capa, action.Number);
    }

    [Fact]
    public void AddTrainingAction_LinksTheCourseAndRolesAndStaysOpen_P80()
    {
        var (capa, number) = WithTraining();
        var action = capa.Actions.Single(a => a.Number == number);

        Assert.Equal(CapaActionKind.Training, action.Kind);
        Assert.Equal(7, action.TrainingCourseId);
        Assert.Equal(["Agent", "CSM"], action.RequiredRoleList);
        Assert.Equal(Today, action.AddedOn);
        Assert.Equal(CapaActionStatus.Open, action.Status);
        Assert.True(action.CompletesOnEvidence);
    }

    [Fact]
    public void FinishAction_DoneByHandOnATrainingAction_IsRefused_P80()
    {
        var (capa, number) = WithTraining();
        var changes = capa.History.Count;

        var refusal = Assert.Throws<CapaWorkflowException>(() => capa.FinishAction(number, CapaActionStatus.Done, Today, CapaBuilder.Quality, At));

        Assert.Contains("cannot be marked done by hand", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(CapaActionStatus.Open, capa.Actions.Single(a => a.Number == number).Status);
        Assert.Equal(changes, capa.History.Count);
    }

    [Fact]
    public void FinishAction_DoneByHandOnAMemoAction_IsRefused_P81()
    {
        var (capa, number) = WithMemo();

        Assert.Throws<CapaWorkflowException>(() => capa.FinishAction(number, CapaActionStatus.Done, Today, CapaBuilder.Quality, At));
        Assert.Equal(CapaActionStatus.Open, capa.Actions.Single(a => a.Number == number).Status);
    }

    [Fact]
    public void FinishAction_CancellingATeachingAction_IsAllowed()
    {
        var (capa, number) = WithMemo();

        capa.FinishAction(number, CapaActionStatus.Cancelled, Today, CapaBuilder.Quality, At);

        Assert.Equal(CapaActionStatus.Cancelled, capa.Actions.Single(a => a.Number == number).Status);
    }

    [Theory]
    [InlineData(new bool[0])]
    [InlineData(new[] { false })]
    [InlineData(new[] { true, false })]
    [InlineData(new[] { false, true, true })]
    public void CompleteOnEvidence_IncompleteEvidence_LeavesTheActionOpen_P80(bool[] done)
    {
        var (capa, number) = WithTraining();
        var changes = capa.History.Count;

        Assert.False(capa.CompleteOnEvidence(number, Evidence(done), Today, At));

        Assert.Equal(CapaActionStatus.Open, capa.Actions.Single(a => a.Number == number).Status);
        Assert.Equal(changes, capa.History.Count);
    }

    [Fact]
    public void CompleteOnEvidence_EveryoneCompleted_FinishesTheTrainingActionAsTheSystem_P80()
    {
        var (capa, number) = WithTraining();

        Assert.True(capa.CompleteOnEvidence(number, Evidence(true, true), Today, At));

        var action = capa.Actions.Single(a => a.Number == number);
        Assert.Equal(CapaActionStatus.Done, action.Status);
        Assert.Equal(Today, action.FinishedOn);
        var entry = capa.History[^1];
        Assert.Equal("Action done on evidence", entry.What);
        Assert.Equal(Actor.SystemId, entry.ActorId);
        Assert.Contains("completed 2 of 2", entry.Details, StringComparison.Ordinal);
    }

    /// <summary>
    /// The CAPA's only action was a memo the whole audience acknowledged while the plan was drawn up: the plan is carried
    /// out, so implementation starts (it used to need an open action, and the CAPA was stuck until someone added one).
    /// </summary>
    [Fact]
    public void StartImplementation_WhenTheOnlyActionIsAlreadyDoneOnEvidence_IsAllowed_P62()
    {
        var capa = CapaBuilder.AtStatus(CapaStatus.Investigating);
        capa.PlanActions(CapaBuilder.Quality, At);
        var number = capa.AddMemoAction(Guid.NewGuid(), "Check the seal before shipping", ["Agent"], CapaBuilder.Owner, Today.AddDays(7), Today, CapaBuilder.Quality, At).Number;
        Assert.True(capa.CompleteOnEvidence(number, Evidence(true), Today, At));

        capa.StartImplementation(CapaBuilder.Quality, At);

        Assert.Equal(CapaStatus.Implementing, capa.Status);
    }

    [Fact]
    public void CompleteOnEvidence_WholeAudienceAcknowledged_FinishesTheMemoAction_P81()
    {
        var (capa, number) = WithMemo();

        Assert.True(capa.CompleteOnEvidence(number, Evidence(true, true, true), Today, At));

        Assert.Equal(CapaActionStatus.Done, capa.Actions.Single(a => a.Number == number).Status);
        Assert.Contains("acknowledged 3 of 3", capa.History[^1].Details, StringComparison.Ordinal);
    }

    [Fact]
    public void CompleteOnEvidence_TwiceOrOnATask_ChangesNothing()
    {
        var (capa, number) = WithTraining();
        capa.CompleteOnEvidence(number, Evidence(true), Today, At);
        var changes = capa.History.Count;

        Assert.False(capa.CompleteOnEvidence(number, Evidence(true), Today, At));
        Assert.False(capa.CompleteOnEvidence(1, Evidence(true), Today, At));
        Assert.Equal(changes, capa.History.Count);
        Assert.Equal(CapaActionStatus.Open, capa.Actions.Single(a => a.Number == 1).Status);
    }

    [Fact]
    public void AddTrainingAction_WithoutRoles_IsRefused()
    {
        var capa = CapaBuilder.AtStatus(CapaStatus.ActionPlan);

        Assert.Throws<DomainException>(() => capa.AddTrainingAction(7, "Course", [], CapaBuilder.Owner, Today.AddDays(3), Today, CapaBuilder.Quality, At));
    }
}
