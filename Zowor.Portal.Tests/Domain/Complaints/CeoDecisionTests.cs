using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Domain.Complaints;

/// <summary>
/// P-72, P-73: the CEO decides on a complaint at level 3 while it is unresolved; the decision goes on the timeline.
/// Also the trend keys the domain keeps for P-60/P-61 (month of receipt, hours to acknowledge and resolve, refund cents).
/// </summary>
public sealed class CeoDecisionTests
{
    private static readonly Actor Ceo = new("user-ceo-1", "Daniyar CEO");

    [Theory]
    [InlineData(ComplaintStatus.Received)]
    [InlineData(ComplaintStatus.Acknowledged)]
    [InlineData(ComplaintStatus.Investigating)]
    [InlineData(ComplaintStatus.Resolving)]
    [InlineData(ComplaintStatus.Reopened)]
    public void RecordCeoDecision_AtLevel3Unresolved_RecordsTheDecisionOnTheTimeline(ComplaintStatus status)
    {
        var builder = ComplaintBuilder.New().InStatus(status);
        var complaint = builder.Build();
        complaint.RequestCeoReview("Nobody has called me back.", builder.Advance());
        complaint.ClearDomainEvents();
        var at = builder.Advance();

        complaint.RecordCeoDecision(CeoDecisionOutcome.ImproveOffer, "  Offer a full replacement and a 20% voucher.  ", Ceo, at);

        var entry = complaint.History[^1];
        Assert.Equal((ComplaintHistoryKinds.CeoDecision, "ImproveOffer", "Offer a full replacement and a 20% voucher.", Ceo.Id, Ceo.Name, at),
            (entry.Kind, entry.After, entry.Details, entry.ActorId, entry.ActorName, entry.At));
        Assert.Contains(complaint.DomainEvents, e => e is ComplaintUpdated { Kind: ComplaintHistoryKinds.CeoDecision });
        Assert.Equal(status, complaint.Status);
    }

    /// <summary>Issue 20: "Uphold offer" was offered on a complaint with no offer; there is nothing to uphold (P-72).</summary>
    [Fact]
    public void UpholdOffer_WithNoOfferMade_IsRefused_AndRecordsNothing_P72()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        complaint.RequestCeoReview("Nobody has called me back.", builder.Advance());
        var entries = complaint.History.Count;

        var refusal = Assert.Throws<DomainException>(() => complaint.RecordCeoDecision(CeoDecisionOutcome.UpholdOffer, "Uphold.", Ceo, builder.Advance()));

        Assert.Contains("no offer", refusal.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(entries, complaint.History.Count);
        Assert.DoesNotContain(CeoDecisionOutcome.UpholdOffer, CeoDecisionOutcomes.For(offerMade: false));
        Assert.Contains(CeoDecisionOutcome.UpholdOffer, CeoDecisionOutcomes.For(offerMade: true));
    }

    [Fact]
    public void UpholdOffer_AfterAnOffer_IsRecorded_P72()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Resolving);
        var complaint = builder.Build();
        Assert.NotNull(complaint.Resolution);
        complaint.RequestCeoReview("The offer is too small.", builder.Advance());

        complaint.RecordCeoDecision(CeoDecisionOutcome.UpholdOffer, "The offer is fair.", Ceo, builder.Advance());

        Assert.Equal("UpholdOffer", complaint.History[^1].After);
    }

    [Theory]
    [InlineData(EscalationLevel.CustomerServiceManager)]
    [InlineData(EscalationLevel.ChiefCustomerOfficer)]
    public void RecordCeoDecision_BelowLevel3_IsRefused(EscalationLevel level)
    {
        // P-72: the CEO decides on level-3 complaints only; below that the CSM and CCO own them.
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        if (level == EscalationLevel.ChiefCustomerOfficer)
        {
            complaint.Escalate(level, "Unresolved past target.", builder.Actor, builder.Advance());
        }

        var history = complaint.History.Count;

        var refusal = Assert.Throws<ComplaintWorkflowException>(() => complaint.RecordCeoDecision(CeoDecisionOutcome.UpholdOffer, "Uphold.", Ceo, builder.Advance()));

        Assert.Contains("level 3", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(history, complaint.History.Count);
    }

    [Fact]
    public void RecordCeoDecision_OnAResolvedComplaint_IsRefused()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Resolving);
        var complaint = builder.Build();
        complaint.RequestCeoReview("Please look at this.", builder.Advance());
        var at = builder.Advance();
        complaint.RecordCustomerResponse(true, null, builder.Actor, at);
        complaint.Resolve(at, builder.Actor, at);

        Assert.Throws<ComplaintWorkflowException>(() => complaint.RecordCeoDecision(CeoDecisionOutcome.RefundInFull, "Refund.", Ceo, builder.Advance()));
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("")]
    public void RecordCeoDecision_WithoutText_IsRefused(string text)
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        complaint.RequestCeoReview("Please look at this.", builder.Advance());

        Assert.Throws<DomainException>(() => complaint.RecordCeoDecision(CeoDecisionOutcome.Other, text, Ceo, builder.Advance()));
        Assert.Throws<DomainException>(() => complaint.RecordCeoDecision((CeoDecisionOutcome)42, "Something.", Ceo, builder.Advance()));
    }

    [Fact]
    public void TrendKeys_AreKeptByTheDomain_AndResolutionHoursClearOnReopen()
    {
        // P-60, P-61: the month of receipt (business time), hours to acknowledge and resolve, refunds in cents.
        var receivedAt = new DateTime(2026, 9, 30, 20, 0, 0, DateTimeKind.Utc);
        var complaint = Complaint.Register(ComplaintReference.Create(2026, 1), ComplaintChannel.Phone, ComplaintBuilder.DefaultCustomer(),
            ComplaintDetails.Create("Late", "Parcel late.", "delivery", ComplaintSeverity.Normal, PreferredResolution.Refund, null, null),
            receivedAt, Ceo, receivedAt, receivedLocal: receivedAt.AddHours(5));
        Assert.Equal(202610, complaint.ReceivedMonth);

        complaint.Acknowledge(complaint.Customer.PreferredContact, new DateOnly(2026, 10, 10), Ceo, receivedAt.AddHours(6.5));
        complaint.StartInvestigation(Ceo, receivedAt.AddHours(7));
        complaint.RecordRootCause(RootCauseCategory.Carrier, "Carrier.", null, Ceo, receivedAt.AddHours(8));
        complaint.ProposeResolution(ResolutionOffer.Create(ResolutionKind.PartialRefund, 12.34m, "EUR", null, "Part."), Ceo, receivedAt.AddHours(9));
        complaint.RecordCustomerResponse(true, null, Ceo, receivedAt.AddHours(29));
        complaint.Resolve(receivedAt.AddHours(30), Ceo, receivedAt.AddHours(30));

        Assert.Equal((6.5, 30.0, 1234L), (complaint.AcknowledgementHours, complaint.ResolutionHours, complaint.Resolution!.AmountInMinorUnits));
        complaint.Close("Done.", null, Ceo, receivedAt.AddHours(31));
        complaint.Reopen("Same fault again.", Ceo, receivedAt.AddHours(40));
        Assert.Null(complaint.ResolutionHours);
        Assert.Equal(202609, Complaint.MonthKey(receivedAt));
    }
}
