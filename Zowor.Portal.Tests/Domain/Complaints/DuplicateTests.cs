using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Domain.Complaints;

/// <summary>
/// Merging duplicates (issue 17) in the domain: the duplicate is withdrawn with the reason "duplicate of ZW-…" and
/// remembers the reference the customer follows instead (P-21: one reference for tracking); the primary's timeline
/// records the merge (the audit trail); only an open complaint can be a duplicate and only a live one a primary.
/// </summary>
public sealed class DuplicateTests
{
    private static readonly Guid PrimaryId = Guid.Parse("0b1e0000-0000-4000-8000-000000000017");
    private const string PrimaryReference = "ZW-2026-000051";

    public static TheoryData<ComplaintStatus> OpenStatuses() => new(ComplaintWorkflow.UnresolvedStatuses);

    public static TheoryData<ComplaintStatus> EndedStatuses() =>
        new(Enum.GetValues<ComplaintStatus>().Where(s => !ComplaintWorkflow.IsUnresolved(s)));

    [Theory]
    [MemberData(nameof(OpenStatuses))]
    public void P21_MarkDuplicate_OfAnOpenComplaint_WithdrawsItWithTheReasonAndKeepsThePrimarysReference(ComplaintStatus status)
    {
        var builder = ComplaintBuilder.New().InStatus(status);
        var duplicate = builder.Build();
        var at = builder.Advance();

        duplicate.MarkDuplicateOf(PrimaryId, PrimaryReference, builder.Actor, at);

        Assert.Equal(ComplaintStatus.Withdrawn, duplicate.Status);
        Assert.Equal((PrimaryId, PrimaryReference), (duplicate.DuplicateOfId, duplicate.DuplicateOfReference));
        var entry = duplicate.History[^1];
        Assert.Equal((ComplaintHistoryKinds.StatusChanged, status.ToString(), nameof(ComplaintStatus.Withdrawn), $"duplicate of {PrimaryReference}"),
            (entry.Kind, entry.Before, entry.After, entry.Details));
        Assert.Contains(duplicate.DomainEvents, e => e is ComplaintMarkedDuplicate { PrimaryReference: PrimaryReference });
    }

    [Theory]
    [MemberData(nameof(EndedStatuses))]
    public void MarkDuplicate_OfAnEndedComplaint_IsRefused(ComplaintStatus status)
    {
        var builder = ComplaintBuilder.New().InStatus(status);
        var complaint = builder.Build();

        Assert.Throws<ComplaintWorkflowException>(() => complaint.MarkDuplicateOf(PrimaryId, PrimaryReference, builder.Actor, builder.Advance()));
        Assert.Equal(status, complaint.Status);
        Assert.Null(complaint.DuplicateOfId);
    }

    [Fact]
    public void MarkDuplicate_OfItself_IsRefused()
    {
        var builder = ComplaintBuilder.New();
        var complaint = builder.Build();

        Assert.Throws<ComplaintWorkflowException>(() => complaint.MarkDuplicateOf(complaint.Id, PrimaryReference, builder.Actor, builder.Advance()));
        Assert.Throws<ComplaintWorkflowException>(() => complaint.MarkDuplicateOf(PrimaryId, complaint.Reference.ToLowerInvariant(), builder.Actor, builder.Advance()));
        Assert.Equal(ComplaintStatus.Received, complaint.Status);
    }

    [Fact]
    public void RecordDuplicate_OnThePrimary_AddsATimelineEntryNamingTheDuplicate()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var primary = builder.Build();
        var status = primary.Status;

        primary.RecordDuplicate(Guid.NewGuid(), "ZW-2026-000077", builder.Actor, builder.Advance());

        var entry = primary.History[^1];
        Assert.Equal((ComplaintHistoryKinds.DuplicateMerged, "ZW-2026-000077"), (entry.Kind, entry.After));
        Assert.Equal(status, primary.Status);
    }

    [Fact]
    public void RecordDuplicate_OnAWithdrawnComplaint_IsRefused_TheCustomerMustFollowALiveReference()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Withdrawn);
        var withdrawn = builder.Build();

        Assert.Throws<ComplaintWorkflowException>(() => withdrawn.RecordDuplicate(Guid.NewGuid(), "ZW-2026-000077", builder.Actor, builder.Advance()));
    }

    [Fact]
    public void Reopen_ADuplicate_MakesItAComplaintOfItsOwnAgain()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var duplicate = builder.Build();
        duplicate.MarkDuplicateOf(PrimaryId, PrimaryReference, builder.Actor, builder.Advance());

        duplicate.Reopen("Not the same matter after all.", builder.Actor, builder.Advance());

        Assert.Equal(ComplaintStatus.Reopened, duplicate.Status);
        Assert.Null(duplicate.DuplicateOfId);
        Assert.Null(duplicate.DuplicateOfReference);
    }
}
