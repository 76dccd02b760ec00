using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Domain.Complaints;

/// <summary>
/// The audit trail's entries read back as typed values (statuses, dates, levels, answers), so the timeline shows them
/// without parsing strings. Each entry is made by the real domain method.
/// </summary>
public sealed class ComplaintHistoryEntryTests
{
    [Fact]
    public void StatusChanged_ReadsTheStatusesBeforeAndAfter()
    {
        var complaint = ComplaintBuilder.AtStatus(ComplaintStatus.Investigating);

        var move = complaint.History.Last(h => h.Kind == ComplaintHistoryKinds.StatusChanged);

        Assert.Equal(ComplaintStatus.Acknowledged, move.StatusBefore);
        Assert.Equal(ComplaintStatus.Investigating, move.StatusAfter);
        Assert.Null(move.EscalatedTo);
    }

    [Fact]
    public void P21_Acknowledged_ReadsTheMethodAndTheEstimate()
    {
        var builder = ComplaintBuilder.New();
        var complaint = builder.Build();
        var estimate = DateOnly.FromDateTime(builder.Now).AddDays(9);

        complaint.Acknowledge(ContactMethod.Phone, estimate, builder.Actor, builder.Advance());

        var entry = complaint.History.Single(h => h.Kind == ComplaintHistoryKinds.Acknowledged);
        Assert.Equal(ContactMethod.Phone, entry.AcknowledgedBy);
        Assert.Equal(estimate, entry.EstimateAfter);
        Assert.Null(entry.EstimateBefore);
    }

    [Fact]
    public void P21_EstimateRevised_ReadsBothDates()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        var first = complaint.Acknowledgement!.EstimatedResolutionDate;

        complaint.ReviseEstimatedResolutionDate(first.AddDays(5), "Supplier delay.", builder.Actor, builder.Advance());

        var entry = complaint.History.Single(h => h.Kind == ComplaintHistoryKinds.EstimateRevised);
        Assert.Equal(first, entry.EstimateBefore);
        Assert.Equal(first.AddDays(5), entry.EstimateAfter);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void P40_CustomerResponded_ReadsWhetherTheOfferWasAccepted(bool accepted)
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Resolving);
        var complaint = builder.Build();

        complaint.RecordCustomerResponse(accepted, "Said so on the phone.", builder.Actor, builder.Advance());

        Assert.Equal(accepted, complaint.History.Single(h => h.Kind == ComplaintHistoryKinds.CustomerResponded).CustomerAccepted);
    }

    [Fact]
    public void P40_CustomerNoAnswer_ReadsTheDaysWaited()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Resolving);
        var complaint = builder.Build();

        complaint.RecordNoAnswer("Two calls and an e-mail.", TimeSpan.FromDays(7), builder.Actor, builder.Advance(TimeSpan.FromDays(8)));

        Assert.Equal(8, complaint.History.Single(h => h.Kind == ComplaintHistoryKinds.CustomerNoAnswer).DaysWithoutAnswer);
    }

    [Fact]
    public void P71_Escalated_ReadsTheLevels()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();

        complaint.Escalate(EscalationLevel.ChiefExecutive, "Unresolved after the CCO.", builder.Actor, builder.Advance());

        var entry = complaint.History.Single(h => h.Kind == ComplaintHistoryKinds.Escalated);
        Assert.Equal(EscalationLevel.CustomerServiceManager, entry.EscalatedFrom);
        Assert.Equal(EscalationLevel.ChiefExecutive, entry.EscalatedTo);
    }

    [Fact]
    public void Assigned_ReadsTheNewOwner()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Acknowledged);
        var complaint = builder.Build();

        complaint.Assign("user-9", "Dana Karimova", builder.Actor, builder.Advance());

        Assert.Equal("Dana Karimova", complaint.History.Last(h => h.Kind == ComplaintHistoryKinds.Assigned).AssignedTo);
    }

    [Fact]
    public void P72_CeoDecision_ReadsTheOutcome()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Resolving);
        var complaint = builder.Build();
        complaint.Escalate(EscalationLevel.ChiefExecutive, "Customer asked for the CEO.", builder.Actor, builder.Advance());

        complaint.RecordCeoDecision(CeoDecisionOutcome.RefundInFull, "Refund the full price.", builder.Actor, builder.Advance());

        Assert.Equal(CeoDecisionOutcome.RefundInFull, complaint.History.Single(h => h.Kind == ComplaintHistoryKinds.CeoDecision).CeoDecisionOutcome);
    }

    [Fact]
    public void TypedValues_OfAnotherKind_AreNull()
    {
        var complaint = ComplaintBuilder.AtStatus(ComplaintStatus.Received);

        var registered = complaint.History.Single(h => h.Kind == ComplaintHistoryKinds.Registered);

        Assert.Null(registered.StatusAfter);
        Assert.Null(registered.EstimateAfter);
        Assert.Null(registered.CustomerAccepted);
        Assert.Null(registered.AssignedTo);
        Assert.Null(registered.CeoDecisionOutcome);
    }
}
