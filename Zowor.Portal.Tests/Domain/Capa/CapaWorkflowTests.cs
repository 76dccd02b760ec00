using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Tests.Domain.Capa;

/// <summary>
/// P-62: every CAPA step in every status, legal and illegal, against a table written out here (not read from
/// <see cref="CapaWorkflow"/>), so a change to the workflow fails a test.
/// </summary>
public sealed class CapaWorkflowTests
{
    /// <summary>Status moves: (from, step) → to.</summary>
    private static readonly Dictionary<(CapaStatus, CapaStep), CapaStatus> ExpectedMoves = new()
    {
        [(CapaStatus.Open, CapaStep.StartInvestigation)] = CapaStatus.Investigating,
        [(CapaStatus.Investigating, CapaStep.PlanActions)] = CapaStatus.ActionPlan,
        [(CapaStatus.ActionPlan, CapaStep.StartImplementation)] = CapaStatus.Implementing,
        [(CapaStatus.Implementing, CapaStep.StartEffectivenessCheck)] = CapaStatus.EffectivenessCheck,
        [(CapaStatus.EffectivenessCheck, CapaStep.RecordNotEffective)] = CapaStatus.Investigating,
        [(CapaStatus.EffectivenessCheck, CapaStep.Close)] = CapaStatus.Closed,
    };

    /// <summary>Activities allowed without a move.</summary>
    private static readonly Dictionary<CapaStep, CapaStatus[]> ExpectedActivities = new()
    {
        [CapaStep.EditDetails] = [CapaStatus.Open, CapaStatus.Investigating, CapaStatus.ActionPlan, CapaStatus.Implementing],
        [CapaStep.EditRootCause] = [CapaStatus.Open, CapaStatus.Investigating, CapaStatus.ActionPlan],
        [CapaStep.AddAction] = [CapaStatus.Investigating, CapaStatus.ActionPlan, CapaStatus.Implementing],
        [CapaStep.FinishAction] = [CapaStatus.ActionPlan, CapaStatus.Implementing],
        [CapaStep.SetEffectivenessCheck] = [CapaStatus.ActionPlan, CapaStatus.Implementing, CapaStatus.EffectivenessCheck],
        [CapaStep.RecordEffective] = [CapaStatus.EffectivenessCheck],
    };

    public static TheoryData<CapaStatus, CapaStep> EveryPair()
    {
        var data = new TheoryData<CapaStatus, CapaStep>();
        foreach (var status in Enum.GetValues<CapaStatus>())
        {
            foreach (var step in Enum.GetValues<CapaStep>())
            {
                data.Add(status, step);
            }
        }

        return data;
    }

    [Fact]
    public void Table_MatchesTheExpectedTable()
    {
        Assert.Equal(ExpectedMoves.OrderBy(m => m.Key).Select(m => (m.Key.Item1, m.Key.Item2, m.Value)), CapaWorkflow.AllMoves.OrderBy(m => (m.From, m.Step)));
    }

    // P-62: the editor's move buttons are the forward path only; closing or reopening the analysis needs the decision form.
    [Theory]
    [InlineData(CapaStatus.Open, CapaStep.StartInvestigation)]
    [InlineData(CapaStatus.Investigating, CapaStep.PlanActions)]
    [InlineData(CapaStatus.ActionPlan, CapaStep.StartImplementation)]
    [InlineData(CapaStatus.Implementing, CapaStep.StartEffectivenessCheck)]
    [InlineData(CapaStatus.EffectivenessCheck, null)]
    [InlineData(CapaStatus.Closed, null)]
    public void ButtonMovesFrom_AStatus_OffersOnlyTheNextForwardMove(CapaStatus status, CapaStep? expected)
    {
        Assert.Equal(expected is { } step ? [step] : [], CapaWorkflow.ButtonMovesFrom(status));
    }

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void Builder_AnyStatus_ReachesItThroughDomainMethods(CapaStatus status)
    {
        Assert.Equal(status, CapaBuilder.AtStatus(status).Status);
    }

    public static TheoryData<CapaStatus> EveryStatus() => new(Enum.GetValues<CapaStatus>());

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Step_InEveryStatus_SucceedsOnlyWhereTheTableAllowsIt(CapaStatus status, CapaStep step)
    {
        // P-62: one table decides; an illegal step is refused with a readable message and changes nothing.
        var capa = CapaBuilder.AtStatus(status);
        var legal = ExpectedMoves.ContainsKey((status, step)) || (ExpectedActivities.TryGetValue(step, out var statuses) && statuses.Contains(status));
        var historyBefore = capa.History.Count;

        if (legal)
        {
            CapaBuilder.Apply(capa, step);
            Assert.Equal(ExpectedMoves.TryGetValue((status, step), out var to) ? to : status, capa.Status);
            Assert.True(capa.History.Count > historyBefore, "every change appends a history entry");
            // Closing is signed by the second person who approved it; every other step is Quality's.
            Assert.Equal(step == CapaStep.Close ? CapaBuilder.Cco.Id : CapaBuilder.Quality.Id, capa.History[^1].ActorId);
        }
        else
        {
            var statusBefore = capa.Status;
            var refusal = Assert.ThrowsAny<DomainException>(() => CapaBuilder.Apply(capa, step));
            Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
            Assert.Equal(statusBefore, capa.Status);
        }
    }

    [Fact]
    public void StartImplementation_WithoutAnAction_IsRefused()
    {
        var capa = CapaBuilder.AtStatus(CapaStatus.Investigating);
        capa.PlanActions(CapaBuilder.Quality, CapaBuilder.Start.AddDays(1));

        var refusal = Assert.Throws<CapaWorkflowException>(() => capa.StartImplementation(CapaBuilder.Quality, CapaBuilder.Start.AddDays(1)));

        Assert.Equal("Implementation needs at least one action.", refusal.Message);
        Assert.Equal(CapaStatus.ActionPlan, capa.Status);
    }

    [Fact]
    public void StartEffectivenessCheck_WithAnOpenAction_IsRefused()
    {
        var capa = CapaBuilder.AtStatus(CapaStatus.Implementing);
        capa.AddAction("Audit the supplier", CapaBuilder.Owner, CapaBuilder.Today.AddDays(30), CapaBuilder.Today, CapaBuilder.Quality, CapaBuilder.Start.AddDays(1));

        var refusal = Assert.Throws<CapaWorkflowException>(() => capa.StartEffectivenessCheck(CapaBuilder.Quality, CapaBuilder.Start.AddDays(2)));

        Assert.Equal("Every action must be done or cancelled before the effectiveness check.", refusal.Message);
    }

    [Fact]
    public void StartEffectivenessCheck_WithoutCriterion_IsRefused()
    {
        var capa = CapaBuilder.AtStatus(CapaStatus.Investigating);
        var at = CapaBuilder.Start.AddDays(1);
        capa.PlanActions(CapaBuilder.Quality, at);
        capa.AddAction("Change the seal", CapaBuilder.Owner, CapaBuilder.Today.AddDays(5), CapaBuilder.Today, CapaBuilder.Quality, at);
        capa.StartImplementation(CapaBuilder.Quality, at);
        capa.FinishAction(1, CapaActionStatus.Done, CapaBuilder.Today.AddDays(2), CapaBuilder.Quality, at);

        var refusal = Assert.Throws<CapaWorkflowException>(() => capa.StartEffectivenessCheck(CapaBuilder.Quality, at));

        Assert.Equal("Set the effectiveness criterion before the effectiveness check.", refusal.Message);
    }

    [Fact]
    public void Close_WithoutAnEffectiveDecision_IsRefused()
    {
        var capa = CapaBuilder.AtStatus(CapaStatus.EffectivenessCheck);

        var refusal = Assert.Throws<CapaWorkflowException>(() => capa.Close(CapaBuilder.Approval(CapaBuilder.Start.AddDays(100)), CapaBuilder.Start.AddDays(100)));

        Assert.Equal("A CAPA is closed only after it was found effective.", refusal.Message);
    }

    [Fact]
    public void PlanActions_WithoutRootCauseAnalysis_IsRefused()
    {
        var capa = CapaBuilder.Open();
        capa.StartInvestigation(CapaBuilder.Quality, CapaBuilder.Start.AddHours(1));

        var refusal = Assert.Throws<CapaWorkflowException>(() => capa.PlanActions(CapaBuilder.Quality, CapaBuilder.Start.AddHours(2)));

        Assert.Contains("root-cause analysis", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 3, "Severity must be between 1 and 5.")]
    [InlineData(6, 3, "Severity must be between 1 and 5.")]
    [InlineData(3, 0, "Likelihood must be between 1 and 5.")]
    [InlineData(3, 6, "Likelihood must be between 1 and 5.")]
    public void Risk_OutOfRange_IsRefused(int severity, int likelihood, string message)
    {
        Assert.Equal(message, Assert.Throws<DomainException>(() => CapaRisk.Create(severity, likelihood)).Message);
    }

    [Theory]
    [InlineData(1, 1, 1, RiskLevel.Low)]
    [InlineData(1, 5, 5, RiskLevel.Low)]
    [InlineData(2, 3, 6, RiskLevel.Medium)]
    [InlineData(3, 4, 12, RiskLevel.Medium)]
    [InlineData(3, 5, 15, RiskLevel.High)]
    [InlineData(5, 5, 25, RiskLevel.High)]
    public void Risk_IsSeverityTimesLikelihoodWithItsLevel(int severity, int likelihood, int score, RiskLevel level)
    {
        var risk = CapaRisk.Create(severity, likelihood);

        Assert.Equal((score, level), (risk.Score, risk.Level));
    }

    [Fact]
    public void AddAction_WithoutOwnerOrDueDateOrInThePast_IsRefused()
    {
        var capa = CapaBuilder.AtStatus(CapaStatus.Investigating);
        var at = CapaBuilder.Start.AddDays(1);

        Assert.Equal("Choose the owner of the action.", Assert.Throws<DomainException>(() => capa.AddAction("Fix", null, CapaBuilder.Today, CapaBuilder.Today, CapaBuilder.Quality, at)).Message);
        Assert.Equal("Enter the due date of the action.", Assert.Throws<DomainException>(() => capa.AddAction("Fix", CapaBuilder.Owner, null, CapaBuilder.Today, CapaBuilder.Quality, at)).Message);
        Assert.Equal("The due date cannot be in the past.", Assert.Throws<DomainException>(() => capa.AddAction("Fix", CapaBuilder.Owner, CapaBuilder.Today.AddDays(-1), CapaBuilder.Today, CapaBuilder.Quality, at)).Message);
        Assert.Empty(capa.Actions);
    }

    [Fact]
    public void RootCauseAnalysis_MoreThanFiveWhys_IsRefused()
    {
        var capa = CapaBuilder.Open();

        Assert.Throws<DomainException>(() => capa.RecordRootCauseAnalysis(["1", "2", "3", "4", "5", "6"], [], CapaBuilder.Quality, CapaBuilder.Start));
    }

    [Fact]
    public void Effectiveness_RecurrenceFell_SuggestsEffectiveAndTheCapaCloses()
    {
        // P-61: 4 leak complaints in the 90 days before the fix, 1 in the 90 days after.
        var evidence = new EffectivenessEvidence(Before: 4, After: 1, WindowDays: 90, WindowComplete: true);
        var capa = CapaBuilder.AtStatus(CapaStatus.EffectivenessCheck);

        Assert.True(evidence.SuggestsEffective);
        Assert.Equal(-75m, evidence.ChangePercent);
        capa.RecordEffectiveness(true, "Leaks stopped.", evidence, CapaBuilder.Quality, CapaBuilder.Start.AddDays(100));
        capa.Close(CapaBuilder.Approval(CapaBuilder.Start.AddDays(100)), CapaBuilder.Start.AddDays(100));

        Assert.Equal(CapaStatus.Closed, capa.Status);
        Assert.Equal((true, 4, 1), (capa.Decision!.Effective, capa.Decision.Before, capa.Decision.After));
    }

    [Fact]
    public void Effectiveness_RecurrenceDidNotFall_SuggestsNotEffectiveAndGoesBackToInvestigating()
    {
        // 2 before, 3 after: +50 %, the fix did not work; the analysis starts again and the CAPA cannot close.
        var evidence = new EffectivenessEvidence(Before: 2, After: 3, WindowDays: 90, WindowComplete: true);
        var capa = CapaBuilder.AtStatus(CapaStatus.EffectivenessCheck);

        Assert.False(evidence.SuggestsEffective);
        Assert.Equal(50m, evidence.ChangePercent);
        Assert.Throws<DomainException>(() => capa.RecordEffectiveness(false, "  ", evidence, CapaBuilder.Quality, CapaBuilder.Start.AddDays(100)));
        capa.RecordEffectiveness(false, "Leaks continue: the seal is not the whole cause.", evidence, CapaBuilder.Quality, CapaBuilder.Start.AddDays(100));

        Assert.Equal(CapaStatus.Investigating, capa.Status);
        Assert.Null(capa.Decision);
        Assert.Null(capa.ImplementedAt);
        Assert.Contains("before 2, after 3", capa.History[^1].Details, StringComparison.Ordinal);
        Assert.Throws<CapaWorkflowException>(() => capa.Close(CapaBuilder.Approval(CapaBuilder.Start.AddDays(101)), CapaBuilder.Start.AddDays(101)));
    }

    [Theory]
    [InlineData(0, 0, true, null)]
    [InlineData(0, 2, false, null)]
    [InlineData(3, 3, false, 0.0)]
    [InlineData(5, 0, true, -100.0)]
    public void Evidence_ComparesBeforeAndAfter(int before, int after, bool suggestsEffective, double? change)
    {
        var evidence = new EffectivenessEvidence(before, after, 90, true);

        Assert.Equal(suggestsEffective, evidence.SuggestsEffective);
        Assert.Equal(change is null ? null : (decimal)change.Value, evidence.ChangePercent);
    }

    [Fact]
    public void FlagOverdueAction_OnlyOncePerAction()
    {
        var capa = CapaBuilder.AtStatus(CapaStatus.ActionPlan);
        var late = CapaBuilder.Today.AddDays(15);

        Assert.False(capa.FlagOverdueAction(1, CapaBuilder.Today.AddDays(14), CapaBuilder.Start));
        Assert.True(capa.FlagOverdueAction(1, late, CapaBuilder.Start.AddDays(15)));
        Assert.False(capa.FlagOverdueAction(1, late, CapaBuilder.Start.AddDays(16)));
        Assert.Equal("Action overdue", capa.History[^1].What);
    }

    [Fact]
    public void Number_IsCapaYearSequence()
    {
        Assert.Equal("CAPA-2026-0001", CapaBuilder.Open().Number);
    }
}
