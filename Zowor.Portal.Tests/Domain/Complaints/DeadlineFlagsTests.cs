using System.Globalization;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Domain.Complaints;

/// <summary>
/// The flags the deadline scan sets through the domain (P-20 acknowledgement warning and breach, P-21/P-41 customer
/// update cadence) and the P-51 erasure. Each flag is recorded once, by the system, at the moment it became due, so a
/// scan that runs twice or late cannot double it.
/// </summary>
public sealed class DeadlineFlagsTests
{
    private static readonly Actor Csm = new("user-csm-7", "Saule Omarova (CSM)");

    public static TheoryData<ComplaintStatus> NotWaitingForAcknowledgement =>
        new(Enum.GetValues<ComplaintStatus>().Where(s => s != ComplaintStatus.Received));

    public static TheoryData<ComplaintStatus> Finished => new(ComplaintStatus.Resolved, ComplaintStatus.Closed, ComplaintStatus.Withdrawn);

    public static TheoryData<ComplaintStatus> NotEnded =>
        new(Enum.GetValues<ComplaintStatus>().Where(s => s is not (ComplaintStatus.Closed or ComplaintStatus.Withdrawn)));

    // ---- Acknowledgement warning (P-20) ----

    [Fact]
    public void WarnAcknowledgementDue_WaitingForAcknowledgement_RecordsSystemEntryAtGivenTime()
    {
        var complaint = ComplaintBuilder.AtStatus(ComplaintStatus.Received);
        var warnedAt = complaint.ReceivedAt.AddHours(18);

        var recorded = complaint.WarnAcknowledgementDue(warnedAt);

        Assert.True(recorded);
        Assert.Equal(warnedAt, complaint.AcknowledgementWarnedAt);
        Assert.Null(complaint.AcknowledgementBreachedAt);
        var entry = complaint.History[^1];
        Assert.Equal(
            (warnedAt, Actor.SystemId, Actor.System.Name, ComplaintHistoryKinds.AcknowledgementWarning, (string?)null, complaint.AcknowledgementDueAt.ToString("O", CultureInfo.InvariantCulture)),
            (entry.At, entry.ActorId, entry.ActorName, entry.Kind, entry.Before, entry.After));
        Assert.Contains(new ComplaintDeadlineFlagged(complaint.Id, ComplaintHistoryKinds.AcknowledgementWarning, warnedAt), complaint.DomainEvents);
        Assert.Equal(ComplaintStatus.Received, complaint.Status);
    }

    [Fact]
    public void WarnAcknowledgementDue_SecondCall_ReturnsFalseAndAddsNoEntry()
    {
        var complaint = ComplaintBuilder.AtStatus(ComplaintStatus.Received);
        var warnedAt = complaint.ReceivedAt.AddHours(18);
        complaint.WarnAcknowledgementDue(warnedAt);
        var before = ComplaintSnapshot.Of(complaint);

        var recorded = complaint.WarnAcknowledgementDue(warnedAt.AddMinutes(1));

        Assert.False(recorded);
        Assert.Equal(warnedAt, complaint.AcknowledgementWarnedAt);
        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
        Assert.Single(complaint.History, h => h.Kind == ComplaintHistoryKinds.AcknowledgementWarning);
    }

    [Theory]
    [MemberData(nameof(NotWaitingForAcknowledgement))]
    public void WarnAcknowledgementDue_NotWaitingForAcknowledgement_ReturnsFalseAndChangesNothing(ComplaintStatus status)
    {
        var complaint = ComplaintBuilder.AtStatus(status);
        var before = ComplaintSnapshot.Of(complaint);

        var recorded = complaint.WarnAcknowledgementDue(complaint.ReceivedAt.AddHours(18));

        Assert.False(recorded);
        Assert.Null(complaint.AcknowledgementWarnedAt);
        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
    }

    // ---- Acknowledgement breach (P-20) ----

    [Fact]
    public void RecordAcknowledgementBreach_Unacknowledged_RecordsBreachAtTheDeadlineNotAtTheCall()
    {
        // P-20: 24 hours of calendar time from receipt; the breach belongs at the deadline itself.
        var builder = ComplaintBuilder.New();
        var complaint = builder.Build();
        builder.Advance(TimeSpan.FromDays(3));

        var recorded = complaint.RecordAcknowledgementBreach();

        var due = complaint.ReceivedAt.AddHours(24);
        Assert.True(recorded);
        Assert.Equal(due, complaint.AcknowledgementDueAt);
        Assert.Equal(due, complaint.AcknowledgementBreachedAt);
        var entry = complaint.History[^1];
        Assert.Equal(
            (due, Actor.SystemId, ComplaintHistoryKinds.AcknowledgementBreached, due.ToString("O", CultureInfo.InvariantCulture)),
            (entry.At, entry.ActorId, entry.Kind, entry.After));
        Assert.Contains(new ComplaintDeadlineFlagged(complaint.Id, ComplaintHistoryKinds.AcknowledgementBreached, due), complaint.DomainEvents);
    }

    [Fact]
    public void RecordAcknowledgementBreach_SecondCall_ReturnsFalseAndAddsNoEntry()
    {
        var complaint = ComplaintBuilder.AtStatus(ComplaintStatus.Received);
        complaint.RecordAcknowledgementBreach();
        var before = ComplaintSnapshot.Of(complaint);

        var recorded = complaint.RecordAcknowledgementBreach();

        Assert.False(recorded);
        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
        Assert.Single(complaint.History, h => h.Kind == ComplaintHistoryKinds.AcknowledgementBreached);
    }

    [Theory]
    [MemberData(nameof(NotWaitingForAcknowledgement))]
    public void RecordAcknowledgementBreach_AfterAcknowledgementOrEnd_ReturnsFalseAndChangesNothing(ComplaintStatus status)
    {
        // Acknowledged in time (the builder acknowledges 1 hour after receipt): never a breach.
        var complaint = ComplaintBuilder.AtStatus(status);
        var before = ComplaintSnapshot.Of(complaint);

        var recorded = complaint.RecordAcknowledgementBreach();

        Assert.False(recorded);
        Assert.Null(complaint.AcknowledgementBreachedAt);
        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
        Assert.DoesNotContain(complaint.History, h => h.Kind == ComplaintHistoryKinds.AcknowledgementBreached);
    }

    [Fact]
    public void Acknowledge_AfterBreach_KeepsTheBreachOnRecord()
    {
        // A late acknowledgement is still a breach of P-20; the record stays for the review figures (P-61).
        var builder = ComplaintBuilder.New();
        var complaint = builder.Build();
        complaint.RecordAcknowledgementBreach();
        var at = builder.Advance(TimeSpan.FromHours(30));

        complaint.Acknowledge(ContactMethod.Email, DateOnly.FromDateTime(at).AddDays(5), Csm, at);

        Assert.Equal(complaint.AcknowledgementDueAt, complaint.AcknowledgementBreachedAt);
        Assert.Equal(ComplaintStatus.Acknowledged, complaint.Status);
        Assert.False(complaint.RecordAcknowledgementBreach());
    }

    // ---- Customer update cadence (P-21, P-41) ----

    [Fact]
    public void FlagCustomerUpdateDue_Unresolved_RecordsDueSinceBySystem()
    {
        var complaint = ComplaintBuilder.AtStatus(ComplaintStatus.Investigating);
        var dueSince = complaint.LastCustomerUpdateAt!.Value.AddDays(5);

        var recorded = complaint.FlagCustomerUpdateDue(dueSince);

        Assert.True(recorded);
        Assert.Equal(dueSince, complaint.CustomerUpdateDueSince);
        var entry = complaint.History[^1];
        Assert.Equal((dueSince, Actor.SystemId, ComplaintHistoryKinds.CustomerUpdateDue), (entry.At, entry.ActorId, entry.Kind));
        Assert.Contains(new ComplaintDeadlineFlagged(complaint.Id, ComplaintHistoryKinds.CustomerUpdateDue, dueSince), complaint.DomainEvents);
    }

    [Fact]
    public void FlagCustomerUpdateDue_SecondCall_ReturnsFalseAndAddsNoEntry()
    {
        var complaint = ComplaintBuilder.AtStatus(ComplaintStatus.Investigating);
        var dueSince = complaint.LastCustomerUpdateAt!.Value.AddDays(5);
        complaint.FlagCustomerUpdateDue(dueSince);
        var before = ComplaintSnapshot.Of(complaint);

        var recorded = complaint.FlagCustomerUpdateDue(dueSince.AddDays(5));

        Assert.False(recorded);
        Assert.Equal(dueSince, complaint.CustomerUpdateDueSince);
        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
        Assert.Single(complaint.History, h => h.Kind == ComplaintHistoryKinds.CustomerUpdateDue);
    }

    [Theory]
    [MemberData(nameof(Finished))]
    public void FlagCustomerUpdateDue_ResolvedClosedOrWithdrawn_ReturnsFalseAndChangesNothing(ComplaintStatus status)
    {
        // P-41: updates are owed until the resolution is implemented.
        var complaint = ComplaintBuilder.AtStatus(status);
        var before = ComplaintSnapshot.Of(complaint);

        var recorded = complaint.FlagCustomerUpdateDue(complaint.ReceivedAt.AddDays(30));

        Assert.False(recorded);
        Assert.Null(complaint.CustomerUpdateDueSince);
        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
    }

    [Fact]
    public void LogCommunication_OutboundWhileUpdateDue_ClearsTheFlagAndAllowsTheNextGap()
    {
        // P-21/P-41: an outbound contact is the update; the next gap is flagged afresh.
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        complaint.FlagCustomerUpdateDue(complaint.LastCustomerUpdateAt!.Value.AddDays(5));
        var contactAt = builder.Advance(TimeSpan.FromDays(6));

        complaint.LogCommunication(CommunicationDirection.Outbound, CommunicationChannel.Phone, "Told the customer the lab results are due Friday.", Csm, contactAt);

        Assert.Null(complaint.CustomerUpdateDueSince);
        Assert.Equal(contactAt, complaint.LastCustomerUpdateAt);
        Assert.True(complaint.FlagCustomerUpdateDue(contactAt.AddDays(5)));
        Assert.Equal(contactAt.AddDays(5), complaint.CustomerUpdateDueSince);
        Assert.Equal(2, complaint.History.Count(h => h.Kind == ComplaintHistoryKinds.CustomerUpdateDue));
    }

    [Fact]
    public void LogCommunication_InboundWhileUpdateDue_KeepsTheFlag()
    {
        // A call from the customer is not an update to them (P-21).
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        var lastUpdate = complaint.LastCustomerUpdateAt!.Value;
        complaint.FlagCustomerUpdateDue(lastUpdate.AddDays(5));

        complaint.LogCommunication(CommunicationDirection.Inbound, CommunicationChannel.Phone, "Customer asked where things stand.", Csm, builder.Advance(TimeSpan.FromDays(6)));

        Assert.Equal(lastUpdate.AddDays(5), complaint.CustomerUpdateDueSince);
        Assert.Equal(lastUpdate, complaint.LastCustomerUpdateAt);
    }

    [Fact]
    public void Acknowledge_WhileUpdateDue_ClearsTheFlag()
    {
        // The acknowledgement is itself a contact with the customer (P-21).
        var builder = ComplaintBuilder.New();
        var complaint = builder.Build();
        complaint.FlagCustomerUpdateDue(complaint.ReceivedAt.AddDays(5));
        var at = builder.Advance(TimeSpan.FromDays(6));

        complaint.Acknowledge(ContactMethod.Phone, DateOnly.FromDateTime(at).AddDays(3), Csm, at);

        Assert.Null(complaint.CustomerUpdateDueSince);
        Assert.Equal(at, complaint.LastCustomerUpdateAt);
    }

    // ---- Erasure after the retention period (P-51) ----

    [Theory]
    [MemberData(nameof(NotEnded))]
    public void Anonymise_NotClosedOrWithdrawn_ThrowsAndErasesNothing(ComplaintStatus status)
    {
        var complaint = ComplaintBuilder.AtStatus(status);
        var before = (ComplaintSnapshot.Of(complaint), StoredComplaint.Of(complaint));

        var ex = Assert.Throws<ComplaintWorkflowException>(() => complaint.Anonymise(complaint.ReceivedAt.AddYears(2)));

        Assert.Equal("Only a closed or withdrawn complaint can be anonymised.", ex.Message);
        Assert.Equal(before, (ComplaintSnapshot.Of(complaint), StoredComplaint.Of(complaint)));
        Assert.Null(complaint.AnonymisedAt);
    }

    [Fact]
    public void Anonymise_ClosedComplaint_ErasesPersonalDataAndFreeTextKeepsStatistics()
    {
        var (complaint, _) = ClosedWithEverything();
        var kept = TrendStatistics.Of(complaint);
        var at = complaint.EndedAt!.Value.AddMonths(12).AddDays(1);

        var erased = complaint.Anonymise(at);

        Assert.True(erased);
        Assert.Equal(at, complaint.AnonymisedAt);
        // Personal data and free text (P-51).
        Assert.Equal(CustomerContact.Anonymous, complaint.Customer);
        Assert.Null(complaint.Customer.Email);
        Assert.Null(complaint.Customer.Phone);
        Assert.Null(complaint.OrderNumber);
        Assert.Equal((Complaint.Erased, Complaint.Erased), (complaint.Subject, complaint.Description));
        Assert.All(complaint.Evidence, e => Assert.Equal(Complaint.Erased, e.Description));
        Assert.All(complaint.Interviews, i => Assert.Equal(Complaint.Erased, i.Summary));
        Assert.All(complaint.Communications, c => Assert.Equal(Complaint.Erased, c.Summary));
        Assert.Equal(Complaint.Erased, Assert.Single(complaint.Escalations, e => !e.Automatic).Reason);
        Assert.Equal((Complaint.Erased, (string?)null), (complaint.RootCause!.Description, complaint.RootCause.ContributingFactors));
        Assert.Equal((Complaint.Erased, Complaint.Erased), (complaint.Resolution!.Details, complaint.Resolution.CustomerAnswerNote));
        Assert.Equal(Complaint.Erased, complaint.Closure!.Note);
        // What trends need stays (P-51, P-60).
        Assert.Equal(kept, TrendStatistics.Of(complaint));
        // The erasure is on record, without the erased content.
        var entry = complaint.History[^1];
        Assert.Equal(
            new TimelineEntry(at, Actor.SystemId, Actor.System.Name, ComplaintHistoryKinds.Anonymised, null, null, null),
            new TimelineEntry(entry.At, entry.ActorId, entry.ActorName, entry.Kind, entry.Before, entry.After, entry.Details));
    }

    [Fact]
    public void Anonymise_AutomaticEscalationReason_IsKeptBecauseItIsTheRuleText()
    {
        // An automatic reason is fixed rule text (P-71), never customer data; a manual one is free text and goes.
        var builder = ComplaintBuilder.New().WithSeverity(ComplaintSeverity.Serious).InStatus(ComplaintStatus.Closed);
        var complaint = builder.Build();
        var ruleText = Assert.Single(complaint.Escalations).Reason;

        complaint.Anonymise(builder.Advance(TimeSpan.FromDays(400)));

        Assert.Equal(ruleText, Assert.Single(complaint.Escalations).Reason);
        Assert.Contains("P-71", ruleText, StringComparison.Ordinal);
    }

    [Fact]
    public void Anonymise_WithdrawnComplaint_ErasesCustomer()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Withdrawn);
        var complaint = builder.Build();

        Assert.True(complaint.Anonymise(builder.Advance(TimeSpan.FromDays(400))));

        Assert.Equal(CustomerContact.Anonymous, complaint.Customer);
        Assert.Equal((Complaint.Erased, Complaint.Erased, (string?)null), (complaint.Subject, complaint.Description, complaint.OrderNumber));
        Assert.Equal(ComplaintStatus.Withdrawn, complaint.Status);
    }

    [Fact]
    public void Anonymise_SecondCall_ReturnsFalseAndAddsNoEntry()
    {
        var (complaint, builder) = ClosedWithEverything();
        var first = builder.Advance(TimeSpan.FromDays(400));
        complaint.Anonymise(first);
        var before = ComplaintSnapshot.Of(complaint);

        var erased = complaint.Anonymise(builder.Advance(TimeSpan.FromDays(1)));

        Assert.False(erased);
        Assert.Equal(first, complaint.AnonymisedAt);
        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
        Assert.Single(complaint.History, h => h.Kind == ComplaintHistoryKinds.Anonymised);
    }

    /// <summary>A closed complaint with personal data in every free-text field the domain holds.</summary>
    private static (Complaint Complaint, ComplaintBuilder Builder) ClosedWithEverything()
    {
        var builder = ComplaintBuilder.New()
            .WithCustomer(CustomerContact.Create("Zebulon Quixote", "zebulon.q@example.org", "+7 701 555 0199", ContactMethod.Email))
            .WithChannel(ComplaintChannel.Email)
            .InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        var actor = builder.Actor;
        complaint.AddEvidence(EvidenceKind.Communication, "E-mail from zebulon.q@example.org with photos.", actor, builder.Advance());
        complaint.AddInterview("Aigerim Agent", "Agent", builder.Now, "Zebulon Quixote called twice, very upset.", actor, builder.Advance());
        complaint.LogCommunication(CommunicationDirection.Outbound, CommunicationChannel.Phone, "Called +77015550199, explained next steps.", actor, builder.Advance());
        complaint.Escalate(EscalationLevel.ChiefCustomerOfficer, "Zebulon Quixote is a journalist.", actor, builder.Advance());
        complaint.RecordRootCause(RootCauseCategory.Carrier, "Courier left it at Zebulon's neighbour.", "Wrong flat number on ORD-2026-0042.", actor, builder.Advance());
        complaint.ProposeResolution(ResolutionOffer.Create(ResolutionKind.PartialRefund, 25.50m, "EUR", null, "Refund half to Zebulon's card."), actor, builder.Advance());
        complaint.RecordCustomerResponse(true, "Zebulon accepted by phone.", actor, builder.Advance());
        var resolvedAt = builder.Advance();
        complaint.Resolve(resolvedAt, actor, resolvedAt, "Refunded.");
        complaint.Close("Zebulon Quixote thanked us.", 4, actor, builder.Advance());
        return (complaint, builder);
    }
}
