using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Domain.Complaints;

/// <summary>
/// P-40 (Zowor works with the customer towards a satisfactory resolution): a complaint is resolved on the customer's
/// acceptance of the offer, or, once they have had it for the waiting period without answering, on an explicit
/// "no answer from the customer" with a note. Never while the answer is simply still awaited.
/// </summary>
public sealed class OfferAnswerTests
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private const string Note = "Called on 3 and 6 March, e-mailed on 4 March; no reply.";

    [Fact]
    public void P40_Resolve_WhileTheAnswerIsAwaited_IsRefusedWithAClearMessageAndChangesNothing()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Resolving);
        var complaint = builder.Build();
        var before = ComplaintSnapshot.Of(complaint);
        var at = builder.Advance(TimeSpan.FromDays(30));

        var ex = Assert.Throws<ComplaintWorkflowException>(() => complaint.Resolve(at, builder.Actor, at));

        Assert.Equal("The customer has not accepted the offer yet. Record their answer, or, once the waiting period is over, that they did not answer (P-40).", ex.Message);
        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
    }

    [Fact]
    public void P40_Resolve_OnTheCustomersAcceptance_IsAllowedAtOnce()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Resolving);
        var complaint = builder.Build();
        var at = complaint.Resolution!.ProposedAt;
        complaint.RecordCustomerResponse(true, "Yes, send the new kettle.", builder.Actor, at);

        complaint.Resolve(at, builder.Actor, at);

        Assert.Equal(ComplaintStatus.Resolved, complaint.Status);
        Assert.True(complaint.Resolution!.CustomerAccepted);
    }

    [Fact]
    public void P40_RecordNoAnswer_OneSecondBeforeTheWaitingPeriodEnds_IsRefusedSayingFromWhen()
    {
        var complaint = ComplaintBuilder.AtStatus(ComplaintStatus.Resolving);
        var proposedAt = complaint.Resolution!.ProposedAt;
        var before = ComplaintSnapshot.Of(complaint);

        var ex = Assert.Throws<ComplaintWorkflowException>(() => complaint.RecordNoAnswer(Note, Week, ComplaintBuilder.DefaultActor, proposedAt + Week - OneSecond));

        Assert.Equal("The customer has had the offer for less than {0} days. Record their answer, or record that they did not answer from {1} (P-40).", ex.MessageTemplate);
        Assert.Equal(new object[] { 7, "2026-03-09 13:00 UTC" }, ex.MessageArguments);
        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void P40_RecordNoAnswer_WithoutANote_IsRefused(string? note)
    {
        var complaint = ComplaintBuilder.AtStatus(ComplaintStatus.Resolving);
        var at = complaint.Resolution!.ProposedAt + Week;

        Assert.Throws<DomainException>(() => complaint.RecordNoAnswer(note!, Week, ComplaintBuilder.DefaultActor, at));
        Assert.Null(complaint.Resolution!.NoAnswerRecordedAt);
    }

    [Fact]
    public void P40_RecordNoAnswer_AtTheEndOfTheWaitingPeriod_IsOnTheTimelineAndLetsTheComplaintBeResolved()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Resolving);
        var complaint = builder.Build();
        var at = complaint.Resolution!.ProposedAt + Week;

        complaint.RecordNoAnswer(Note, Week, builder.Actor, at);
        complaint.Resolve(at, builder.Actor, at.AddMinutes(5));

        Assert.Equal(ComplaintStatus.Resolved, complaint.Status);
        Assert.Equal((null, at, Note), (complaint.Resolution!.CustomerAccepted, complaint.Resolution.NoAnswerRecordedAt, complaint.Resolution.CustomerAnswerNote));
        var entry = Assert.Single(complaint.History, h => h.Kind == ComplaintHistoryKinds.CustomerNoAnswer);
        Assert.Equal((at, builder.Actor.Id, "7", Note), (entry.At, entry.ActorId, entry.After, entry.Details));
    }

    [Fact]
    public void P40_RecordNoAnswer_AfterTheCustomerAnswered_IsRefused()
    {
        var complaint = ComplaintBuilder.AtStatus(ComplaintStatus.Resolving);
        var at = complaint.Resolution!.ProposedAt + Week;
        complaint.RecordCustomerResponse(false, "Wants a refund.", ComplaintBuilder.DefaultActor, at);

        var ex = Assert.Throws<ComplaintWorkflowException>(() => complaint.RecordNoAnswer(Note, Week, ComplaintBuilder.DefaultActor, at.AddDays(1)));

        Assert.Equal("The customer has answered the offer; their answer is recorded.", ex.Message);
    }

    [Fact]
    public void P40_AnswerAfterNoAnswerWasRecorded_ReplacesIt()
    {
        // A customer who calls back after all: their answer is what counts.
        var complaint = ComplaintBuilder.AtStatus(ComplaintStatus.Resolving);
        var at = complaint.Resolution!.ProposedAt + Week;
        complaint.RecordNoAnswer(Note, Week, ComplaintBuilder.DefaultActor, at);

        complaint.RecordCustomerResponse(false, "Called back: wants a refund.", ComplaintBuilder.DefaultActor, at.AddDays(1));

        Assert.Null(complaint.Resolution!.NoAnswerRecordedAt);
        Assert.Throws<ComplaintWorkflowException>(() => complaint.Resolve(at.AddDays(1), ComplaintBuilder.DefaultActor, at.AddDays(1)));
    }
}
