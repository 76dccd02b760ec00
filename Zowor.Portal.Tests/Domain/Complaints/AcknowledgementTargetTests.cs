using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Tests.Domain.Complaints;

/// <summary>P-20: the one definition of "acknowledged within 24 hours", at its exact boundaries.</summary>
public sealed class AcknowledgementTargetTests
{
    private static readonly DateTime ReceivedAt = new(2026, 11, 2, 5, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Due = ReceivedAt + ComplaintLimits.AcknowledgementWindow;
    private static readonly Actor Csm = new("user-csm", "Saule CSM");

    [Theory]
    [InlineData(0, AcknowledgementOutcome.Met)]       // at the deadline itself
    [InlineData(-1, AcknowledgementOutcome.Met)]
    [InlineData(1, AcknowledgementOutcome.Missed)]    // one tick late
    public void Acknowledged_AroundTheDeadline_IsMetUpToItAndMissedAfter(long ticksAfterDue, AcknowledgementOutcome expected)
    {
        var complaint = New();
        var at = Due.AddTicks(ticksAfterDue);
        complaint.Acknowledge(ContactMethod.Email, DateOnly.FromDateTime(at).AddDays(10), Csm, at);

        Assert.Equal(expected, AcknowledgementTarget.Of(complaint, Due.AddDays(30)));
    }

    [Theory]
    [InlineData(-1, AcknowledgementOutcome.Pending)]
    [InlineData(0, AcknowledgementOutcome.Pending)]   // the deadline has not passed yet: it may still be met
    [InlineData(1, AcknowledgementOutcome.Missed)]    // still unacknowledged one tick past it: a miss, flagged or not
    public void NotAcknowledged_AroundTheDeadline_IsPendingUntilItPassesThenMissed(long ticksAfterDue, AcknowledgementOutcome expected) =>
        Assert.Equal(expected, AcknowledgementTarget.Of(New(), Due.AddTicks(ticksAfterDue)));

    [Fact]
    public void WithdrawnBeforeTheDeadline_WithoutAcknowledgement_IsNeverCounted()
    {
        var complaint = New();
        complaint.Withdraw("The customer found the parcel.", Csm, ReceivedAt.AddHours(2));

        Assert.Equal(AcknowledgementOutcome.Pending, AcknowledgementTarget.Of(complaint, Due.AddDays(30)));
    }

    [Fact]
    public void FlaggedByTheScanThenWithdrawn_StaysMissed()
    {
        var complaint = New();
        Assert.True(complaint.RecordAcknowledgementBreach());
        complaint.Withdraw("The customer gave up waiting.", Csm, Due.AddHours(3));

        Assert.Equal(AcknowledgementOutcome.Missed, AcknowledgementTarget.Of(complaint, Due.AddDays(30)));
    }

    [Fact]
    public void Figure_RateIsMetOverMetAndMissed_AndNullWithNoneCounted()
    {
        Assert.Equal(0.5, new AcknowledgementFigure(2, 2).Rate);
        Assert.Equal(4, new AcknowledgementFigure(3, 1).Counted);
        Assert.Null(new AcknowledgementFigure(0, 0).Rate);
    }

    private static Complaint New()
    {
        var details = ComplaintDetails.Create("Parcel not delivered", "Tracking says delivered, nothing arrived.", "delivery",
            ComplaintSeverity.Normal, PreferredResolution.Refund, null, null);
        var customer = CustomerContact.Create("Timur Akhmetov", "timur.a@example.kz", null, ContactMethod.Email);
        return Complaint.Register(ComplaintReference.Create(2026, 1), ComplaintChannel.Phone, customer, details, ReceivedAt, Csm, ReceivedAt);
    }
}
