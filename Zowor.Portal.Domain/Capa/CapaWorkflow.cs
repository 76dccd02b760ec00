using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Domain.Capa;

/// <summary>
/// The only table of what may happen to a CAPA in each status (P-62). Status moves and the activities allowed without a
/// move are both read from here, so the pages never repeat the rules.
/// </summary>
public static class CapaWorkflow
{
    private static readonly Dictionary<(CapaStatus From, CapaStep Step), CapaStatus> Moves =
        new()
        {
            [(CapaStatus.Open, CapaStep.StartInvestigation)] = CapaStatus.Investigating,
            [(CapaStatus.Investigating, CapaStep.PlanActions)] = CapaStatus.ActionPlan,
            [(CapaStatus.ActionPlan, CapaStep.StartImplementation)] = CapaStatus.Implementing,
            [(CapaStatus.Implementing, CapaStep.StartEffectivenessCheck)] = CapaStatus.EffectivenessCheck,
            // The problem came back: the root cause was wrong or incomplete, so the analysis starts again.
            [(CapaStatus.EffectivenessCheck, CapaStep.RecordNotEffective)] = CapaStatus.Investigating,
            [(CapaStatus.EffectivenessCheck, CapaStep.Close)] = CapaStatus.Closed,
        };

    private static readonly Dictionary<CapaStep, CapaStatus[]> Activities =
        new()
        {
            [CapaStep.EditDetails] = [CapaStatus.Open, CapaStatus.Investigating, CapaStatus.ActionPlan, CapaStatus.Implementing],
            [CapaStep.EditRootCause] = [CapaStatus.Open, CapaStatus.Investigating, CapaStatus.ActionPlan],
            [CapaStep.AddAction] = [CapaStatus.Investigating, CapaStatus.ActionPlan, CapaStatus.Implementing],
            [CapaStep.FinishAction] = [CapaStatus.ActionPlan, CapaStatus.Implementing],
            [CapaStep.SetEffectivenessCheck] = [CapaStatus.ActionPlan, CapaStatus.Implementing, CapaStatus.EffectivenessCheck],
            [CapaStep.RecordEffective] = [CapaStatus.EffectivenessCheck],
        };

    /// <summary>The table itself: moves and activities.</summary>
    public static WorkflowTable<CapaStatus, CapaStep> Table { get; } = new(Moves, Activities);

    /// <summary>Every status move in the table, for documentation and tests.</summary>
    public static IEnumerable<(CapaStatus From, CapaStep Step, CapaStatus To)> AllMoves => Table.AllMoves;

    /// <summary>Whether the step moves the status (as opposed to recording something in place).</summary>
    public static bool IsMove(CapaStep step) => Table.IsMove(step);

    /// <summary>The status a step leads to from <paramref name="from"/>, or null when the table has no such move.</summary>
    public static CapaStatus? Target(CapaStatus from, CapaStep step) => Table.Target(from, step);

    /// <summary>Whether the step is allowed in the status.</summary>
    public static bool Allows(CapaStatus status, CapaStep step) => Table.Allows(status, step);

    /// <summary>The steps allowed in a status, in the order the page offers them.</summary>
    public static IReadOnlyList<CapaStep> AllowedIn(CapaStatus status) => Table.AllowedIn(status);

    /// <summary>
    /// The moves the editor offers as buttons from a status: the forward path. The effectiveness decision's two moves
    /// (close, or back to investigation) are made by the decision form, with the note that justifies them.
    /// </summary>
    public static IEnumerable<CapaStep> ButtonMovesFrom(CapaStatus status) =>
        AllowedIn(status).Where(step => IsMove(step) && step is not (CapaStep.Close or CapaStep.RecordNotEffective));

    /// <summary>Whether the CAPA still needs work (counts as open in lists and badges).</summary>
    public static bool IsOpen(CapaStatus status) => status != CapaStatus.Closed;
}
