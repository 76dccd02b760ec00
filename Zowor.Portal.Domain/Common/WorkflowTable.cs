using System.Collections.Frozen;

namespace Zowor.Portal.Domain.Common;

/// <summary>
/// A state machine's one table: status moves ((from, action) → to) and activities (actions that record something
/// without moving the status, allowed in a set of statuses). An action is either a move or an activity, never both,
/// so "is this a move?" has one answer. Both aggregates (<c>ComplaintWorkflow</c>, <c>CapaWorkflow</c>) keep their
/// rules in one of these.
/// </summary>
/// <typeparam name="TStatus">The aggregate's status.</typeparam>
/// <typeparam name="TAction">What a user can do to it.</typeparam>
public sealed class WorkflowTable<TStatus, TAction>
    where TStatus : struct, Enum
    where TAction : struct, Enum
{
    private readonly FrozenDictionary<(TStatus From, TAction Action), TStatus> _moves;
    private readonly FrozenDictionary<TAction, FrozenSet<TStatus>> _activities;

    /// <summary>Builds the table; throws <see cref="ArgumentException"/> when an action is listed both as a move and as an activity.</summary>
    public WorkflowTable(
        IReadOnlyDictionary<(TStatus From, TAction Action), TStatus> moves,
        IReadOnlyDictionary<TAction, TStatus[]> activities)
    {
        ArgumentNullException.ThrowIfNull(moves);
        ArgumentNullException.ThrowIfNull(activities);
        var both = moves.Keys.Select(k => k.Action).Intersect(activities.Keys).ToList();
        if (both.Count > 0)
        {
            throw new ArgumentException($"An action is either a move or an activity: {string.Join(", ", both)} is both.", nameof(activities));
        }

        _moves = moves.ToFrozenDictionary();
        _activities = activities.ToFrozenDictionary(a => a.Key, a => a.Value.ToFrozenSet());
    }

    /// <summary>Every status move in the table, for documentation and tests.</summary>
    public IEnumerable<(TStatus From, TAction Action, TStatus To)> AllMoves =>
        _moves.Select(m => (m.Key.From, m.Key.Action, m.Value));

    /// <summary>Every action the table mentions (as a move or an activity), in enum order.</summary>
    public IReadOnlyList<TAction> Actions =>
        Enum.GetValues<TAction>().Where(a => _activities.ContainsKey(a) || _moves.Keys.Any(k => EqualityComparer<TAction>.Default.Equals(k.Action, a))).ToArray();

    /// <summary>
    /// Whether the action moves the status (as opposed to recording something in place). An action the table does
    /// not list as an activity counts as a move, one that is allowed nowhere.
    /// </summary>
    public bool IsMove(TAction action) => !_activities.ContainsKey(action);

    /// <summary>The status an action leads to from <paramref name="from"/>, or null when the table has no such move.</summary>
    public TStatus? Target(TStatus from, TAction action) =>
        _moves.TryGetValue((from, action), out var to) ? to : null;

    /// <summary>Whether the action is allowed in the status.</summary>
    public bool Allows(TStatus status, TAction action) =>
        _activities.TryGetValue(action, out var statuses) ? statuses.Contains(status) : _moves.ContainsKey((status, action));

    /// <summary>The actions allowed in a status, in enum order (the order the UI offers them).</summary>
    public IReadOnlyList<TAction> AllowedIn(TStatus status) =>
        Enum.GetValues<TAction>().Where(a => Allows(status, a)).ToArray();
}
