using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Domain.Complaints;

public sealed class ComplaintWorkflowTests
{
    // How the refusal message names each status: as the status chip shows it, quoted ("in the status “Investigating”").
    private static readonly Dictionary<ComplaintStatus, string> StatusWording = new()
    {
        [ComplaintStatus.Received] = "Received",
        [ComplaintStatus.Acknowledged] = "Acknowledged",
        [ComplaintStatus.Investigating] = "Investigating",
        [ComplaintStatus.Resolving] = "Resolving",
        [ComplaintStatus.Resolved] = "Resolved",
        [ComplaintStatus.Closed] = "Closed",
        [ComplaintStatus.Withdrawn] = "Withdrawn",
        [ComplaintStatus.Reopened] = "Reopened",
    };

    public static TheoryData<ComplaintStatus, ComplaintAction> LegalMoves() =>
        Pairs(ComplaintActionRunner.Moves, (status, action) => ComplaintWorkflow.Target(status, action) is not null);

    public static TheoryData<ComplaintStatus, ComplaintAction> IllegalMoves() =>
        Pairs(ComplaintActionRunner.Moves, (status, action) => ComplaintWorkflow.Target(status, action) is null);

    public static TheoryData<ComplaintStatus, ComplaintAction> AllowedActivities() =>
        Pairs(ComplaintActionRunner.Activities, ComplaintWorkflow.Allows);

    public static TheoryData<ComplaintStatus, ComplaintAction> RefusedActivities() =>
        Pairs(ComplaintActionRunner.Activities, (status, action) => !ComplaintWorkflow.Allows(status, action));

    public static TheoryData<ComplaintStatus> EveryStatus() => new(Enum.GetValues<ComplaintStatus>());

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void Builder_AnyStatus_ReachesItThroughDomainMethods(ComplaintStatus status)
    {
        var complaint = ComplaintBuilder.AtStatus(status);

        Assert.Equal(status, complaint.Status);
        // Every status change went through MoveTo, so the timeline ends in the status the builder aimed at.
        var lastMove = complaint.History.LastOrDefault(h => h.Kind == ComplaintHistoryKinds.StatusChanged);
        Assert.Equal(status.ToString(), lastMove?.After ?? ComplaintStatus.Received.ToString());
    }

    [Fact]
    public void LegalMoves_AndIllegalMoves_CoverEveryStatusAndMoveOnce()
    {
        var legal = PairsWhere(ComplaintActionRunner.Moves, (status, action) => ComplaintWorkflow.Target(status, action) is not null);
        var illegal = PairsWhere(ComplaintActionRunner.Moves, (status, action) => ComplaintWorkflow.Target(status, action) is null);

        var all = legal.Concat(illegal).ToList();

        Assert.Equal(Enum.GetValues<ComplaintStatus>().Length * ComplaintActionRunner.Moves.Length, all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(LegalMoves))]
    public void Move_AllowedByWorkflow_LandsInTargetStatus(ComplaintStatus from, ComplaintAction action)
    {
        var builder = ComplaintBuilder.New().InStatus(from);
        var complaint = builder.Build();
        var expected = ComplaintWorkflow.Target(from, action)!.Value;
        var at = builder.Advance();

        ComplaintActionRunner.Perform(complaint, action, builder.Actor, at);

        Assert.Equal(expected, complaint.Status);
        var entry = complaint.History[^1];
        Assert.Equal(ComplaintHistoryKinds.StatusChanged, entry.Kind);
        Assert.Equal(from.ToString(), entry.Before);
        Assert.Equal(expected.ToString(), entry.After);
        Assert.Equal(at, entry.At);
        Assert.Equal(builder.Actor.Id, entry.ActorId);
        Assert.Equal(new ComplaintStatusChanged(complaint.Id, from, expected, at), complaint.DomainEvents[^1]);
    }

    [Theory]
    [MemberData(nameof(IllegalMoves))]
    public void Move_NotAllowedByWorkflow_ThrowsNamingStatusAndChangesNothing(ComplaintStatus from, ComplaintAction action)
    {
        var builder = ComplaintBuilder.New().InStatus(from);
        var complaint = builder.Build();
        var before = ComplaintSnapshot.Of(complaint);

        var ex = Assert.Throws<ComplaintWorkflowException>(
            () => ComplaintActionRunner.Perform(complaint, action, builder.Actor, builder.Advance()));

        Assert.Contains($"while the complaint is in the status “{StatusWording[from]}”", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"“{ComplaintWorkflow.Describe(action)}”", ex.Message, StringComparison.Ordinal);
        Assert.Equal(from, complaint.Status);
        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
    }

    [Theory]
    [MemberData(nameof(AllowedActivities))]
    public void Activity_AllowedInStatus_IsRecordedWithoutMovingStatus(ComplaintStatus status, ComplaintAction action)
    {
        var builder = ComplaintBuilder.New().InStatus(status);
        var complaint = builder.Build();
        var historyCount = complaint.History.Count;
        var at = builder.Advance();

        ComplaintActionRunner.Perform(complaint, action, builder.Actor, at);

        Assert.Equal(status, complaint.Status);
        Assert.Equal(historyCount + 1, complaint.History.Count);
        Assert.Equal(ComplaintActionRunner.HistoryKindOf(action), complaint.History[^1].Kind);
        Assert.Equal(at, complaint.History[^1].At);
    }

    [Theory]
    [MemberData(nameof(RefusedActivities))]
    public void Activity_NotAllowedInStatus_ThrowsNamingStatusAndChangesNothing(ComplaintStatus status, ComplaintAction action)
    {
        var builder = ComplaintBuilder.New().InStatus(status);
        var complaint = builder.Build();
        var before = ComplaintSnapshot.Of(complaint);

        var ex = Assert.Throws<ComplaintWorkflowException>(
            () => ComplaintActionRunner.Perform(complaint, action, builder.Actor, builder.Advance()));

        Assert.Contains($"while the complaint is in the status “{StatusWording[status]}”", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
    }

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void AllowedActions_InEveryStatus_EqualsActionsThatSucceed(ComplaintStatus status)
    {
        // Try every action on its own fresh complaint: the UI must offer exactly the ones that work.
        var succeeded = new List<ComplaintAction>();
        foreach (var action in Enum.GetValues<ComplaintAction>())
        {
            var builder = ComplaintBuilder.New().InStatus(status);
            var complaint = builder.Build();
            try
            {
                ComplaintActionRunner.Perform(complaint, action, builder.Actor, builder.Advance());
                succeeded.Add(action);
            }
            catch (ComplaintWorkflowException)
            {
                // Refused in this status.
            }
        }

        Assert.Equal(succeeded, ComplaintBuilder.AtStatus(status).AllowedActions);
        Assert.Equal(succeeded, ComplaintWorkflow.AllowedIn(status));
    }

    [Fact]
    public void AllMoves_Always_MatchTheDocumentedProcess()
    {
        // Pinned from STYLE.md §2 and the policy's process (P-10..P-50): a change to the table must change this list.
        (ComplaintStatus, ComplaintAction, ComplaintStatus)[] documented =
        [
            (ComplaintStatus.Received, ComplaintAction.Acknowledge, ComplaintStatus.Acknowledged),
            (ComplaintStatus.Acknowledged, ComplaintAction.StartInvestigation, ComplaintStatus.Investigating),
            (ComplaintStatus.Reopened, ComplaintAction.StartInvestigation, ComplaintStatus.Investigating),
            (ComplaintStatus.Resolving, ComplaintAction.StartInvestigation, ComplaintStatus.Investigating),
            (ComplaintStatus.Investigating, ComplaintAction.ProposeResolution, ComplaintStatus.Resolving),
            (ComplaintStatus.Resolving, ComplaintAction.Resolve, ComplaintStatus.Resolved),
            (ComplaintStatus.Resolved, ComplaintAction.Close, ComplaintStatus.Closed),
            (ComplaintStatus.Received, ComplaintAction.Withdraw, ComplaintStatus.Withdrawn),
            (ComplaintStatus.Acknowledged, ComplaintAction.Withdraw, ComplaintStatus.Withdrawn),
            (ComplaintStatus.Investigating, ComplaintAction.Withdraw, ComplaintStatus.Withdrawn),
            (ComplaintStatus.Resolving, ComplaintAction.Withdraw, ComplaintStatus.Withdrawn),
            (ComplaintStatus.Reopened, ComplaintAction.Withdraw, ComplaintStatus.Withdrawn),
            // Issue 17: an open complaint withdrawn as a duplicate of another.
            (ComplaintStatus.Received, ComplaintAction.MarkDuplicate, ComplaintStatus.Withdrawn),
            (ComplaintStatus.Acknowledged, ComplaintAction.MarkDuplicate, ComplaintStatus.Withdrawn),
            (ComplaintStatus.Investigating, ComplaintAction.MarkDuplicate, ComplaintStatus.Withdrawn),
            (ComplaintStatus.Resolving, ComplaintAction.MarkDuplicate, ComplaintStatus.Withdrawn),
            (ComplaintStatus.Reopened, ComplaintAction.MarkDuplicate, ComplaintStatus.Withdrawn),
            (ComplaintStatus.Resolved, ComplaintAction.Reopen, ComplaintStatus.Reopened),
            (ComplaintStatus.Closed, ComplaintAction.Reopen, ComplaintStatus.Reopened),
            (ComplaintStatus.Withdrawn, ComplaintAction.Reopen, ComplaintStatus.Reopened),
        ];

        Assert.Equal(
            documented.OrderBy(m => m.Item1).ThenBy(m => m.Item2),
            ComplaintWorkflow.AllMoves.OrderBy(m => m.From).ThenBy(m => m.Action));
    }

    [Fact]
    public void IsMove_ForEveryAction_TrueOnlyForStatusMoves()
    {
        var moves = Enum.GetValues<ComplaintAction>().Where(ComplaintWorkflow.IsMove);

        Assert.Equal(ComplaintActionRunner.Moves, moves);
        Assert.Equal(
            Enum.GetValues<ComplaintAction>().Order(),
            ComplaintActionRunner.Moves.Concat(ComplaintActionRunner.Activities).Order());
    }

    [Theory]
    [InlineData(ComplaintStatus.Received, true)]
    [InlineData(ComplaintStatus.Acknowledged, true)]
    [InlineData(ComplaintStatus.Investigating, true)]
    [InlineData(ComplaintStatus.Resolving, true)]
    [InlineData(ComplaintStatus.Reopened, true)]
    [InlineData(ComplaintStatus.Resolved, false)]
    [InlineData(ComplaintStatus.Closed, false)]
    [InlineData(ComplaintStatus.Withdrawn, false)]
    public void IsUnresolved_ForStatus_TrueWhileComplaintNeedsWork(ComplaintStatus status, bool expected)
    {
        Assert.Equal(expected, ComplaintWorkflow.IsUnresolved(status));
        Assert.Equal(expected, ComplaintBuilder.AtStatus(status).IsUnresolved);
        Assert.Equal(expected, ComplaintWorkflow.UnresolvedStatuses.Contains(status));
    }

    private static TheoryData<ComplaintStatus, ComplaintAction> Pairs(
        IEnumerable<ComplaintAction> actions, Func<ComplaintStatus, ComplaintAction, bool> include)
    {
        var data = new TheoryData<ComplaintStatus, ComplaintAction>();
        foreach (var (status, action) in PairsWhere(actions, include))
        {
            data.Add(status, action);
        }

        return data;
    }

    // Every status × every given action (Enum.GetValues, so a new status is covered without editing the tests).
    private static IEnumerable<(ComplaintStatus Status, ComplaintAction Action)> PairsWhere(
        IEnumerable<ComplaintAction> actions, Func<ComplaintStatus, ComplaintAction, bool> include) =>
        from status in Enum.GetValues<ComplaintStatus>()
        from action in actions
        where include(status, action)
        select (status, action);
}
