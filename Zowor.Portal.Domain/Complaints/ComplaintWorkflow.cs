using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Domain.Complaints;

/// <summary>
/// The only table of what may happen to a complaint in each status. Status moves and the
/// activities allowed without a move are both read from here, so the UI never repeats the rules.
/// </summary>
public static class ComplaintWorkflow
{
    private static readonly Dictionary<(ComplaintStatus From, ComplaintAction Action), ComplaintStatus> Moves =
        new()
        {
            [(ComplaintStatus.Received, ComplaintAction.Acknowledge)] = ComplaintStatus.Acknowledged,
            [(ComplaintStatus.Acknowledged, ComplaintAction.StartInvestigation)] = ComplaintStatus.Investigating,
            [(ComplaintStatus.Reopened, ComplaintAction.StartInvestigation)] = ComplaintStatus.Investigating,
            // The customer rejected the offer or new facts came up: back to the investigation.
            [(ComplaintStatus.Resolving, ComplaintAction.StartInvestigation)] = ComplaintStatus.Investigating,
            [(ComplaintStatus.Investigating, ComplaintAction.ProposeResolution)] = ComplaintStatus.Resolving,
            [(ComplaintStatus.Resolving, ComplaintAction.Resolve)] = ComplaintStatus.Resolved,
            [(ComplaintStatus.Resolved, ComplaintAction.Close)] = ComplaintStatus.Closed,
            [(ComplaintStatus.Received, ComplaintAction.Withdraw)] = ComplaintStatus.Withdrawn,
            [(ComplaintStatus.Acknowledged, ComplaintAction.Withdraw)] = ComplaintStatus.Withdrawn,
            [(ComplaintStatus.Investigating, ComplaintAction.Withdraw)] = ComplaintStatus.Withdrawn,
            [(ComplaintStatus.Resolving, ComplaintAction.Withdraw)] = ComplaintStatus.Withdrawn,
            [(ComplaintStatus.Reopened, ComplaintAction.Withdraw)] = ComplaintStatus.Withdrawn,
            // The same problem reported twice: the duplicate is withdrawn while still open; the primary carries on.
            [(ComplaintStatus.Received, ComplaintAction.MarkDuplicate)] = ComplaintStatus.Withdrawn,
            [(ComplaintStatus.Acknowledged, ComplaintAction.MarkDuplicate)] = ComplaintStatus.Withdrawn,
            [(ComplaintStatus.Investigating, ComplaintAction.MarkDuplicate)] = ComplaintStatus.Withdrawn,
            [(ComplaintStatus.Resolving, ComplaintAction.MarkDuplicate)] = ComplaintStatus.Withdrawn,
            [(ComplaintStatus.Reopened, ComplaintAction.MarkDuplicate)] = ComplaintStatus.Withdrawn,
            [(ComplaintStatus.Resolved, ComplaintAction.Reopen)] = ComplaintStatus.Reopened,
            [(ComplaintStatus.Closed, ComplaintAction.Reopen)] = ComplaintStatus.Reopened,
            [(ComplaintStatus.Withdrawn, ComplaintAction.Reopen)] = ComplaintStatus.Reopened,
        };

    private static readonly ComplaintStatus[] Unresolved =
    [
        ComplaintStatus.Received, ComplaintStatus.Acknowledged, ComplaintStatus.Investigating,
        ComplaintStatus.Resolving, ComplaintStatus.Reopened,
    ];

    private static readonly Dictionary<ComplaintAction, ComplaintStatus[]> Activities =
        new()
        {
            [ComplaintAction.AddEvidence] = [ComplaintStatus.Investigating, ComplaintStatus.Resolving],
            [ComplaintAction.AddInterview] = [ComplaintStatus.Investigating, ComplaintStatus.Resolving],
            [ComplaintAction.RecordRootCause] = [ComplaintStatus.Investigating, ComplaintStatus.Resolving],
            [ComplaintAction.RecordCustomerResponse] = [ComplaintStatus.Resolving],
            [ComplaintAction.RecordNoAnswer] = [ComplaintStatus.Resolving],
            // Only once there is an estimate to revise, i.e. after the acknowledgement, and while the complaint is open (P-21).
            [ComplaintAction.ReviseEstimate] = Unresolved.Where(s => s != ComplaintStatus.Received).ToArray(),
            [ComplaintAction.Escalate] = Unresolved,
            [ComplaintAction.Assign] = Unresolved.Append(ComplaintStatus.Resolved).ToArray(),
            // A customer may call about a closed complaint too; every contact is logged.
            [ComplaintAction.LogCommunication] = Enum.GetValues<ComplaintStatus>(),
        };

    /// <summary>The table itself: moves and activities.</summary>
    public static WorkflowTable<ComplaintStatus, ComplaintAction> Table { get; } = new(Moves, Activities);

    /// <summary>Every status move in the table, for documentation and tests.</summary>
    public static IEnumerable<(ComplaintStatus From, ComplaintAction Action, ComplaintStatus To)> AllMoves => Table.AllMoves;

    /// <summary>Whether the action moves the status (as opposed to recording something in place).</summary>
    public static bool IsMove(ComplaintAction action) => Table.IsMove(action);

    /// <summary>True while the complaint still needs work: it counts in queues and deadlines.</summary>
    public static bool IsUnresolved(ComplaintStatus status) => Unresolved.Contains(status);

    /// <summary>The statuses in which a complaint is still open, for queries.</summary>
    public static IReadOnlyList<ComplaintStatus> UnresolvedStatuses => Unresolved;

    /// <summary>The status an action leads to from <paramref name="from"/>, or null when the table has no such move.</summary>
    public static ComplaintStatus? Target(ComplaintStatus from, ComplaintAction action) => Table.Target(from, action);

    /// <summary>Whether the action is allowed in the status.</summary>
    public static bool Allows(ComplaintStatus status, ComplaintAction action) => Table.Allows(status, action);

    /// <summary>The actions allowed in a status, in the order the UI offers them.</summary>
    public static IReadOnlyList<ComplaintAction> AllowedIn(ComplaintStatus status) => Table.AllowedIn(status);

    /// <summary>
    /// The status's name as the UI shows it ("Investigating"); also a localization key, the same one the status chips use.
    /// A lower-case sentence form ("under investigation") cannot be a second key: resx names differ by more than case.
    /// </summary>
    public static string Describe(ComplaintStatus status) => status switch
    {
        ComplaintStatus.Received => "Received",
        ComplaintStatus.Acknowledged => "Acknowledged",
        ComplaintStatus.Investigating => "Investigating",
        ComplaintStatus.Resolving => "Resolving",
        ComplaintStatus.Resolved => "Resolved",
        ComplaintStatus.Closed => "Closed",
        ComplaintStatus.Withdrawn => "Withdrawn",
        ComplaintStatus.Reopened => "Reopened",
        _ => status.ToString(),
    };

    /// <summary>The action's name as the UI's button shows it ("Start investigation"); also a localization key.</summary>
    public static string Describe(ComplaintAction action)
    {
        var name = action.ToString();
        var words = string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
        return words;
    }
}
