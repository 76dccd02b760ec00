using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Domain.Complaints;

/// <summary>
/// P-21 (the customer is given an estimated resolution date and kept informed): staff revise the estimate with a reason
/// while the complaint is open; the timeline records old and new date and the reason; the first estimate is kept.
/// </summary>
public sealed class EstimateRevisionTests
{
    private const string Reason = "The replacement part comes from the supplier a week later.";

    [Fact]
    public void P21_Revise_RecordsOldAndNewDateWithTheReason_AndKeepsTheFirstEstimate()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        var first = complaint.Acknowledgement!.EstimatedResolutionDate;
        var at = builder.Advance();

        complaint.ReviseEstimatedResolutionDate(first.AddDays(7), Reason, builder.Actor, at);
        complaint.ReviseEstimatedResolutionDate(first.AddDays(10), "Courier strike.", builder.Actor, builder.Advance());

        Assert.Equal(first.AddDays(10), complaint.Acknowledgement!.EstimatedResolutionDate);
        Assert.Equal(first, complaint.FirstEstimatedResolutionDate);
        var entries = complaint.History.Where(h => h.Kind == ComplaintHistoryKinds.EstimateRevised).ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal(first.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), entries[0].Before);
        Assert.Equal(first.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), entries[0].After);
        Assert.Equal(Reason, entries[0].Details);
        Assert.Equal(at, entries[0].At);
        Assert.Equal(ComplaintStatus.Investigating, complaint.Status);
        Assert.Contains(complaint.DomainEvents, e => e is ComplaintUpdated { Kind: ComplaintHistoryKinds.EstimateRevised });
    }

    [Fact]
    public void P21_Acknowledge_SetsTheFirstEstimate()
    {
        var complaint = ComplaintBuilder.AtStatus(ComplaintStatus.Acknowledged);

        Assert.Equal(complaint.Acknowledgement!.EstimatedResolutionDate, complaint.FirstEstimatedResolutionDate);
    }

    [Fact]
    public void P21_Revise_AnEarlierDateThanPromised_IsAllowedWhenNotInThePast()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Acknowledged);
        var complaint = builder.Build();
        var at = builder.Advance();
        var today = DateOnly.FromDateTime(at);

        complaint.ReviseEstimatedResolutionDate(today, "Solved sooner than expected.", builder.Actor, at, today);

        Assert.Equal(today, complaint.Acknowledgement!.EstimatedResolutionDate);
    }

    [Fact]
    public void P21_Revise_ToAPastDate_IsRefusedWithAClearMessageAndChangesNothing()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        var before = ComplaintSnapshot.Of(complaint);
        var at = builder.Advance();
        var today = DateOnly.FromDateTime(at);

        var ex = Assert.Throws<DomainException>(() => complaint.ReviseEstimatedResolutionDate(today.AddDays(-1), Reason, builder.Actor, at, today));

        Assert.Equal("The estimated resolution date cannot be in the past.", ex.Message);
        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
    }

    [Fact]
    public void P21_Revise_ToTheSameDate_IsRefusedSayingTheCurrentDate()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        var current = complaint.Acknowledgement!.EstimatedResolutionDate;
        var before = ComplaintSnapshot.Of(complaint);

        var ex = Assert.Throws<ComplaintWorkflowException>(() => complaint.ReviseEstimatedResolutionDate(current, Reason, builder.Actor, builder.Advance()));

        Assert.Equal("The estimated resolution date is already {0}; choose a different date.", ex.MessageTemplate);
        Assert.Equal(new object[] { current.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, ex.MessageArguments);
        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void P21_Revise_WithoutAReason_IsRefusedAndChangesNothing(string reason)
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        var before = ComplaintSnapshot.Of(complaint);

        var ex = Assert.Throws<DomainException>(() =>
            complaint.ReviseEstimatedResolutionDate(complaint.Acknowledgement!.EstimatedResolutionDate.AddDays(3), reason, builder.Actor, builder.Advance()));

        Assert.Contains("Reason", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
    }

    [Theory]
    [InlineData(ComplaintStatus.Received)]
    [InlineData(ComplaintStatus.Resolved)]
    [InlineData(ComplaintStatus.Closed)]
    [InlineData(ComplaintStatus.Withdrawn)]
    public void P21_Revise_BeforeAcknowledgementOrOnceResolved_IsRefusedNamingTheStatus(ComplaintStatus status)
    {
        var builder = ComplaintBuilder.New().InStatus(status);
        var complaint = builder.Build();
        var before = ComplaintSnapshot.Of(complaint);

        var ex = Assert.Throws<ComplaintWorkflowException>(() =>
            complaint.ReviseEstimatedResolutionDate(new DateOnly(2026, 12, 31), Reason, builder.Actor, builder.Advance()));

        Assert.Equal("“{1}” is not possible while the complaint is in the status “{0}”.", ex.MessageTemplate);
        Assert.Equal(new object[] { ComplaintWorkflow.Describe(status), "Revise estimate" }, ex.MessageArguments);
        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
    }

    [Fact]
    public void P21_Revise_OnAReopenedComplaint_IsAllowed()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Reopened);
        var complaint = builder.Build();
        var first = complaint.FirstEstimatedResolutionDate;

        complaint.ReviseEstimatedResolutionDate(new DateOnly(2026, 12, 31), Reason, builder.Actor, builder.Advance());

        Assert.Equal(new DateOnly(2026, 12, 31), complaint.Acknowledgement!.EstimatedResolutionDate);
        Assert.Equal(first, complaint.FirstEstimatedResolutionDate);
    }
}
