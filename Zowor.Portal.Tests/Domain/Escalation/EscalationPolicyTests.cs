using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Domain.Escalation;

/// <summary>
/// <see cref="EscalationPolicy"/> at its exact boundaries with the default thresholds (level 1: 10 days from receipt,
/// P-71; level 2: 5 days from the escalation, P-72). The decision's <c>DueAt</c> is when the step became due, not when
/// it was asked, so a late scan still records the right moment.
/// </summary>
public sealed class EscalationPolicyTests
{
    private static readonly EscalationThresholds Defaults = new(TimeSpan.FromDays(10), TimeSpan.FromDays(5));
    private static readonly Actor Csm = new("user-csm-7", "Saule Omarova (CSM)");
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    // A reopened complaint's targets count from the reopening; the tests at the end cover it.
    public static TheoryData<ComplaintStatus> Unresolved => new(ComplaintWorkflow.UnresolvedStatuses.Where(s => s != ComplaintStatus.Reopened));

    public static TheoryData<ComplaintStatus> Finished => new(ComplaintStatus.Resolved, ComplaintStatus.Closed, ComplaintStatus.Withdrawn);

    [Theory]
    [MemberData(nameof(Unresolved))]
    public void Next_Level1OneSecondBeforeTenDays_ReturnsNull(ComplaintStatus status)
    {
        // P-71: level 1 has the whole 10 days.
        var complaint = ComplaintBuilder.AtStatus(status);
        Assert.Equal(EscalationLevel.CustomerServiceManager, complaint.EscalationLevel);

        var decision = EscalationPolicy.Next(complaint, complaint.ReceivedAt + TimeSpan.FromDays(10) - OneSecond, Defaults);

        Assert.Null(decision);
    }

    [Theory]
    [MemberData(nameof(Unresolved))]
    public void Next_Level1AtExactlyTenDays_EscalatesToLevel2DueAtReceiptPlusTenDays(ComplaintStatus status)
    {
        // P-71: unresolved at the level-1 target goes to the Chief Customer Officer.
        var complaint = ComplaintBuilder.AtStatus(status);
        var target = complaint.ReceivedAt + TimeSpan.FromDays(10);

        var decision = EscalationPolicy.Next(complaint, target, Defaults);

        Assert.NotNull(decision);
        Assert.Equal(EscalationLevel.ChiefCustomerOfficer, decision.To);
        Assert.Equal(target, decision.DueAt);
        Assert.Equal("Unresolved 10 days after receipt: past the level-1 target (P-71).", decision.Reason);
    }

    [Fact]
    public void Next_Level1AskedLongAfterTarget_StillDueAtTheTarget()
    {
        // A portal that was down asks late; the step belongs at the moment it became due (P-71).
        var complaint = ComplaintBuilder.AtStatus(ComplaintStatus.Investigating);

        var decision = EscalationPolicy.Next(complaint, complaint.ReceivedAt + TimeSpan.FromDays(31), Defaults);

        Assert.NotNull(decision);
        Assert.Equal((EscalationLevel.ChiefCustomerOfficer, complaint.ReceivedAt + TimeSpan.FromDays(10)), (decision.To, decision.DueAt));
    }

    [Fact]
    public void Next_Level1WithShorterTarget_UsesTheGivenThresholdInDueAtAndReason()
    {
        // The targets are settings; a 3-day level-1 target escalates after 3 days (P-71).
        var complaint = ComplaintBuilder.AtStatus(ComplaintStatus.Acknowledged);
        var threeDays = new EscalationThresholds(TimeSpan.FromDays(3), TimeSpan.FromDays(5));

        Assert.Null(EscalationPolicy.Next(complaint, complaint.ReceivedAt + TimeSpan.FromDays(3) - OneSecond, threeDays));
        var decision = EscalationPolicy.Next(complaint, complaint.ReceivedAt + TimeSpan.FromDays(3), threeDays);

        Assert.NotNull(decision);
        Assert.Equal(complaint.ReceivedAt + TimeSpan.FromDays(3), decision.DueAt);
        Assert.Equal("Unresolved 3 days after receipt: past the level-1 target (P-71).", decision.Reason);
    }

    [Fact]
    public void Next_Level2OneSecondBeforeFiveDaysAfterEscalation_ReturnsNull()
    {
        // P-72: the CCO has 5 days from the escalation, not from receipt.
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        var escalatedAt = builder.Advance(TimeSpan.FromDays(8));
        complaint.Escalate(EscalationLevel.ChiefCustomerOfficer, "Customer threatens legal action.", Csm, escalatedAt);

        var decision = EscalationPolicy.Next(complaint, escalatedAt + TimeSpan.FromDays(5) - OneSecond, Defaults);

        // Already 13 days after receipt: the level-1 target no longer applies at level 2.
        Assert.True(escalatedAt + TimeSpan.FromDays(5) - OneSecond > complaint.ReceivedAt + TimeSpan.FromDays(10));
        Assert.Null(decision);
    }

    [Fact]
    public void Next_Level2AtExactlyFiveDaysAfterEscalation_EscalatesToLevel3DueThen()
    {
        // P-72: still unresolved after the CCO's intervention goes to the Chief Executive.
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        var escalatedAt = builder.Advance(TimeSpan.FromDays(2));
        complaint.Escalate(EscalationLevel.ChiefCustomerOfficer, "Customer threatens legal action.", Csm, escalatedAt);
        var target = escalatedAt + TimeSpan.FromDays(5);

        var decision = EscalationPolicy.Next(complaint, target, Defaults);

        Assert.NotNull(decision);
        Assert.Equal(EscalationLevel.ChiefExecutive, decision.To);
        Assert.Equal(target, decision.DueAt);
        Assert.Equal("Unresolved 5 days after escalation to the Chief Customer Officer (P-72).", decision.Reason);
    }

    [Fact]
    public void Next_AutomaticLevel2AppliedAtItsDueTime_NextLevel3IsFiveDaysAfterThatDueTime()
    {
        // Replaying missed steps: applying each decision at its DueAt makes the next one count from there (P-71, P-72).
        var complaint = ComplaintBuilder.AtStatus(ComplaintStatus.Acknowledged);
        var scanAt = complaint.ReceivedAt + TimeSpan.FromDays(40);

        var first = EscalationPolicy.Next(complaint, scanAt, Defaults)!;
        complaint.Escalate(first.To, first.Reason, Actor.System, first.DueAt, automatic: true);
        var second = EscalationPolicy.Next(complaint, scanAt, Defaults)!;
        complaint.Escalate(second.To, second.Reason, Actor.System, second.DueAt, automatic: true);
        var third = EscalationPolicy.Next(complaint, scanAt, Defaults);

        Assert.Equal(complaint.ReceivedAt + TimeSpan.FromDays(10), first.DueAt);
        Assert.Equal((EscalationLevel.ChiefExecutive, complaint.ReceivedAt + TimeSpan.FromDays(15)), (second.To, second.DueAt));
        Assert.Null(third);
        Assert.Equal(EscalationLevel.ChiefExecutive, complaint.EscalationLevel);
    }

    [Fact]
    public void Next_SeriousComplaintJustRegistered_IsAlreadyAtLevel2AndNeedsNoFurtherStep()
    {
        // P-71: registration itself puts a serious complaint at level 2 (the policy's serious rule is for stored data
        // that is still at level 1; DeadlineScanJobTests covers it). Level 2's own 5 days then count from registration.
        var complaint = ComplaintBuilder.New().WithSeverity(ComplaintSeverity.Serious).Build();

        Assert.Equal(EscalationLevel.ChiefCustomerOfficer, complaint.EscalationLevel);
        Assert.True(Assert.Single(complaint.Escalations).Automatic);
        Assert.Null(EscalationPolicy.Next(complaint, complaint.RegisteredAt, Defaults));
        Assert.Null(EscalationPolicy.Next(complaint, complaint.RegisteredAt + TimeSpan.FromDays(5) - OneSecond, Defaults));
        var decision = EscalationPolicy.Next(complaint, complaint.RegisteredAt + TimeSpan.FromDays(5), Defaults);
        Assert.NotNull(decision);
        Assert.Equal((EscalationLevel.ChiefExecutive, complaint.RegisteredAt + TimeSpan.FromDays(5)), (decision.To, decision.DueAt));
    }

    [Fact]
    public void Next_Level3_ReturnsNullForever()
    {
        // P-72: the Chief Executive is the top of the ladder.
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        complaint.Escalate(EscalationLevel.ChiefExecutive, "Customer asked for the CEO (P-73).", Csm, builder.Advance());

        Assert.Null(EscalationPolicy.Next(complaint, complaint.ReceivedAt + TimeSpan.FromDays(400), Defaults));
    }

    [Theory]
    [MemberData(nameof(Finished))]
    public void Next_ResolvedClosedOrWithdrawnAtLevel1_ReturnsNull(ComplaintStatus status)
    {
        // Only unresolved complaints escalate (P-71, P-72).
        var complaint = ComplaintBuilder.AtStatus(status);

        Assert.Equal(EscalationLevel.CustomerServiceManager, complaint.EscalationLevel);
        Assert.Null(EscalationPolicy.Next(complaint, complaint.ReceivedAt + TimeSpan.FromDays(100), Defaults));
    }

    [Theory]
    [MemberData(nameof(Finished))]
    public void Next_ResolvedClosedOrWithdrawnAtLevel2_ReturnsNull(ComplaintStatus status)
    {
        var complaint = ComplaintBuilder.New().WithSeverity(ComplaintSeverity.Serious).InStatus(status).Build();

        Assert.Equal(EscalationLevel.ChiefCustomerOfficer, complaint.EscalationLevel);
        Assert.Null(EscalationPolicy.Next(complaint, complaint.ReceivedAt + TimeSpan.FromDays(100), Defaults));
    }

    // ---- Reopening restarts the targets (issue 14) ----

    [Fact]
    public void Next_ReopenedLongAfterTheLevel1Target_CountsTheTenDaysFromTheReopening()
    {
        // P-71: a complaint closed within a day and reopened 40 days after receipt is new work for level 1: it is not
        // escalated in the second it is reopened, only a full level-1 target after the reopening.
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Closed);
        var complaint = builder.Build();
        var reopenedAt = builder.Advance(TimeSpan.FromDays(40));
        complaint.Reopen("The replacement has the same fault.", Csm, reopenedAt);
        var target = reopenedAt + TimeSpan.FromDays(10);

        Assert.Equal(reopenedAt, complaint.ClockStartedAt);
        Assert.Null(EscalationPolicy.Next(complaint, reopenedAt, Defaults));
        Assert.Null(EscalationPolicy.Next(complaint, target - OneSecond, Defaults));
        var decision = EscalationPolicy.Next(complaint, target, Defaults);

        Assert.NotNull(decision);
        Assert.Equal((EscalationLevel.ChiefCustomerOfficer, target), (decision.To, decision.DueAt));
        Assert.Equal("Unresolved 10 days after the reopening: past the level-1 target (P-71).", decision.Reason);
    }

    [Fact]
    public void Next_ReopenedAtLevel2_StaysWithTheCcoAndCountsTheFiveDaysFromTheReopening()
    {
        // P-72: a level-2 complaint reopened long after its escalation keeps its level (the CCO) and the CCO gets the
        // whole level-2 target again; it is not handed to the CEO in the second it is reopened.
        var builder = ComplaintBuilder.New().WithSeverity(ComplaintSeverity.Serious).InStatus(ComplaintStatus.Closed);
        var complaint = builder.Build();
        var reopenedAt = builder.Advance(TimeSpan.FromDays(30));
        complaint.Reopen("The refund never arrived.", Csm, reopenedAt);
        var target = reopenedAt + TimeSpan.FromDays(5);

        Assert.Equal(EscalationLevel.ChiefCustomerOfficer, complaint.EscalationLevel);
        Assert.Null(EscalationPolicy.Next(complaint, reopenedAt, Defaults));
        Assert.Null(EscalationPolicy.Next(complaint, target - OneSecond, Defaults));
        var decision = EscalationPolicy.Next(complaint, target, Defaults);

        Assert.NotNull(decision);
        Assert.Equal((EscalationLevel.ChiefExecutive, target), (decision.To, decision.DueAt));
        Assert.Equal("Unresolved 5 days after the reopening at the Chief Customer Officer (P-72).", decision.Reason);
    }
}
