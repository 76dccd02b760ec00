using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Domain.Complaints;

public sealed class ComplaintTests
{
    private static readonly Actor Cco = new("user-cco-1", "Elena Volkova");

    // ---- Registration (P-10, P-11, P-20, P-71) ----

    [Fact]
    public void Register_ValidInput_StartsReceivedWithReferenceAndTimeline()
    {
        var builder = ComplaintBuilder.New()
            .WithReference(ComplaintReference.Create(2026, 77))
            .WithChannel(ComplaintChannel.Phone);

        var complaint = builder.Build();

        Assert.Equal(ComplaintStatus.Received, complaint.Status);
        Assert.Equal("ZW-2026-000077", complaint.Reference);
        Assert.Equal(2026, complaint.ReferenceYear);
        Assert.Equal(77, complaint.ReferenceSequence);
        Assert.Equal(ComplaintChannel.Phone, complaint.Channel);
        Assert.Equal(ComplaintBuilder.BaseTime, complaint.RegisteredAt);
        Assert.Equal(builder.Actor.Id, complaint.RegisteredById);
        Assert.Equal(EscalationLevel.CustomerServiceManager, complaint.EscalationLevel);
        Assert.Empty(complaint.Escalations);
        var entry = Assert.Single(complaint.History);
        Assert.Equal(ComplaintHistoryKinds.Registered, entry.Kind);
        Assert.Null(entry.Before);
        Assert.Equal(nameof(ComplaintStatus.Received), entry.After);
        Assert.Equal("ZW-2026-000077", entry.Details);
        Assert.Equal(builder.Actor.Id, entry.ActorId);
        Assert.Equal(builder.Actor.Name, entry.ActorName);
        Assert.Equal(ComplaintBuilder.BaseTime, entry.At);
    }

    [Fact]
    public void Register_ReceivedBeforeRegistration_AcknowledgementDueIs24HoursAfterReceipt()
    {
        // P-20: the 24 hours run from receipt (calendar time), not from when staff typed it in.
        var receivedAt = ComplaintBuilder.BaseTime.AddHours(-15);

        var complaint = ComplaintBuilder.New().WithReceivedAt(receivedAt).Build();

        Assert.Equal(receivedAt, complaint.ReceivedAt);
        Assert.Equal(receivedAt.AddHours(24), complaint.AcknowledgementDueAt);
        Assert.Equal(TimeSpan.FromHours(24), ComplaintLimits.AcknowledgementWindow);
    }

    [Fact]
    public void Register_ReceivedAtMoreThanClockSkewInFuture_ThrowsDomainException()
    {
        var receivedAt = ComplaintBuilder.BaseTime + ComplaintLimits.ClockSkew + TimeSpan.FromSeconds(1);

        var ex = Assert.Throws<DomainException>(() => ComplaintBuilder.New().WithReceivedAt(receivedAt).Build());

        Assert.Contains("future", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_ReceivedAtWithinClockSkew_IsAccepted()
    {
        // A staff PC a few minutes ahead of the server must not block registration.
        var receivedAt = ComplaintBuilder.BaseTime + ComplaintLimits.ClockSkew;

        var complaint = ComplaintBuilder.New().WithReceivedAt(receivedAt).Build();

        Assert.Equal(receivedAt, complaint.ReceivedAt);
        Assert.Equal(TimeSpan.FromMinutes(5), ComplaintLimits.ClockSkew);
    }

    [Fact]
    public void Register_SeriousSeverity_GoesToLevel2AutomaticallyWithRecord()
    {
        // P-71: serious problems are handled by the Chief Customer Officer from the start.
        var complaint = ComplaintBuilder.New().WithSeverity(ComplaintSeverity.Serious).Build();

        Assert.Equal(EscalationLevel.ChiefCustomerOfficer, complaint.EscalationLevel);
        Assert.Equal(ComplaintBuilder.BaseTime, complaint.EscalatedAt);
        var record = Assert.Single(complaint.Escalations);
        Assert.Equal(EscalationLevel.CustomerServiceManager, record.FromLevel);
        Assert.Equal(EscalationLevel.ChiefCustomerOfficer, record.ToLevel);
        Assert.True(record.Automatic);
        Assert.Equal(Actor.SystemId, record.ById);
        Assert.Equal(Actor.System.Name, record.ByName);
        Assert.Equal(ComplaintBuilder.BaseTime, record.At);
        Assert.Contains("P-71", record.Reason, StringComparison.Ordinal);
        Assert.Equal(
            [ComplaintHistoryKinds.Registered, ComplaintHistoryKinds.Escalated],
            complaint.History.Select(h => h.Kind));
        Assert.Equal(Actor.SystemId, complaint.History[1].ActorId);
        Assert.Equal("1", complaint.History[1].Before);
        Assert.Equal("2", complaint.History[1].After);
    }

    [Fact]
    public void Register_NormalSeverity_StaysAtLevel1()
    {
        // P-70: level 1 is the Customer Service Manager.
        var complaint = ComplaintBuilder.New().WithSeverity(ComplaintSeverity.Normal).Build();

        Assert.Equal(EscalationLevel.CustomerServiceManager, complaint.EscalationLevel);
        Assert.Null(complaint.EscalatedAt);
        Assert.Empty(complaint.Escalations);
        Assert.DoesNotContain(complaint.DomainEvents, e => e is ComplaintEscalated);
    }

    [Fact]
    public void Register_Always_RaisesComplaintRegistered()
    {
        var complaint = ComplaintBuilder.New().Build();

        var raised = Assert.Single(complaint.DomainEvents);
        Assert.Equal(new ComplaintRegistered(complaint.Id, "ZW-2026-000123", ComplaintBuilder.BaseTime), raised);
    }

    [Fact]
    public void Register_Serious_RaisesRegisteredThenAutomaticEscalated()
    {
        var complaint = ComplaintBuilder.New().WithSeverity(ComplaintSeverity.Serious).Build();

        Assert.Equal(
            [
                new ComplaintRegistered(complaint.Id, complaint.Reference, ComplaintBuilder.BaseTime),
                new ComplaintEscalated(complaint.Id, EscalationLevel.CustomerServiceManager, EscalationLevel.ChiefCustomerOfficer,
                    true, ComplaintBuilder.BaseTime),
            ],
            complaint.DomainEvents);
    }

    // ---- Acknowledge (P-20, P-21) ----

    [Fact]
    public void Acknowledge_InReceived_RecordsMethodWhoWhenAndEstimate()
    {
        var builder = ComplaintBuilder.New();
        var complaint = builder.Build();
        var at = builder.Advance(TimeSpan.FromHours(3));
        var estimate = new DateOnly(2026, 3, 16);

        complaint.Acknowledge(ContactMethod.Phone, estimate, Cco, at);

        Assert.Equal(ComplaintStatus.Acknowledged, complaint.Status);
        Assert.Equal(new Acknowledgement(ContactMethod.Phone, at, Cco.Id, Cco.Name, estimate), complaint.Acknowledgement);
        // P-21: the acknowledgement is a customer update.
        Assert.Equal(at, complaint.LastCustomerUpdateAt);
        Assert.True(at <= complaint.AcknowledgementDueAt, "Acknowledged within the P-20 window.");
    }

    [Fact]
    public void Acknowledge_EstimateToday_IsAccepted()
    {
        var builder = ComplaintBuilder.New();
        var complaint = builder.Build();
        var at = builder.Advance();

        complaint.Acknowledge(ContactMethod.Email, DateOnly.FromDateTime(at), builder.Actor, at);

        Assert.Equal(DateOnly.FromDateTime(at), complaint.Acknowledgement?.EstimatedResolutionDate);
    }

    [Fact]
    public void Acknowledge_EstimateInPast_ThrowsAndStaysReceived()
    {
        var builder = ComplaintBuilder.New();
        var complaint = builder.Build();
        var before = ComplaintSnapshot.Of(complaint);
        var at = builder.Advance();

        var ex = Assert.Throws<DomainException>(
            () => complaint.Acknowledge(ContactMethod.Email, DateOnly.FromDateTime(at).AddDays(-1), builder.Actor, at));

        Assert.Contains("past", ex.Message, StringComparison.Ordinal);
        Assert.Null(complaint.Acknowledgement);
        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
    }

    [Fact]
    public void Acknowledge_ByEmailWhenCustomerHasNoEmail_ThrowsAndStaysReceived()
    {
        var phoneOnly = CustomerContact.Create("Pavel Orlov", null, "+7 777 000 1122", ContactMethod.Phone);
        var builder = ComplaintBuilder.New().WithCustomer(phoneOnly);
        var complaint = builder.Build();
        var before = ComplaintSnapshot.Of(complaint);
        var at = builder.Advance();

        var ex = Assert.Throws<ComplaintWorkflowException>(
            () => complaint.Acknowledge(ContactMethod.Email, DateOnly.FromDateTime(at).AddDays(7), builder.Actor, at));

        Assert.Contains("no e-mail", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
    }

    [Fact]
    public void Acknowledge_ByPhoneWhenCustomerHasNoPhone_ThrowsAndStaysReceived()
    {
        var emailOnly = CustomerContact.Create("Pavel Orlov", "pavel@example.com", null, ContactMethod.Email);
        var builder = ComplaintBuilder.New().WithCustomer(emailOnly);
        var complaint = builder.Build();
        var before = ComplaintSnapshot.Of(complaint);
        var at = builder.Advance();

        var ex = Assert.Throws<ComplaintWorkflowException>(
            () => complaint.Acknowledge(ContactMethod.Phone, DateOnly.FromDateTime(at).AddDays(7), builder.Actor, at));

        Assert.Contains("no phone", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
    }

    // ---- Investigation and resolution (P-30, P-40, P-41) ----

    [Fact]
    public void Resolve_WithoutRootCause_ThrowsReadableMessageAndStaysResolving()
    {
        // P-30: the investigation must identify the root cause before the complaint counts as resolved.
        var builder = ComplaintBuilder.New().WithoutRootCause().InStatus(ComplaintStatus.Resolving);
        var complaint = builder.Build();
        var before = ComplaintSnapshot.Of(complaint);
        var at = builder.Advance();

        var ex = Assert.Throws<ComplaintWorkflowException>(() => complaint.Resolve(at, builder.Actor, at));

        Assert.Equal("Record the root cause before resolving the complaint (P-30).", ex.Message);
        Assert.Equal(ComplaintStatus.Resolving, complaint.Status);
        Assert.Null(complaint.ResolvedAt);
        Assert.Null(complaint.Resolution?.ImplementedAt);
        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
    }

    [Fact]
    public void Resolve_AfterRootCauseRecordedInResolving_Succeeds()
    {
        // P-30: the root cause may still be recorded while the offer is out.
        var builder = ComplaintBuilder.New().WithoutRootCause().InStatus(ComplaintStatus.Resolving);
        var complaint = builder.Build();
        complaint.RecordRootCause(RootCauseCategory.Packaging, "Box too thin for the weight.", null, builder.Actor, builder.Advance());
        complaint.RecordCustomerResponse(true, null, Actor.Customer, builder.Advance());
        var at = builder.Advance();

        complaint.Resolve(at, builder.Actor, at);

        Assert.Equal(ComplaintStatus.Resolved, complaint.Status);
    }

    [Fact]
    public void Resolve_WhenCustomerRejectedOffer_ThrowsAndStaysResolving()
    {
        // P-40: Zowor works with the customer towards a resolution they accept.
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Resolving);
        var complaint = builder.Build();
        complaint.RecordCustomerResponse(false, "Wants a refund, not a replacement.", Actor.Customer, builder.Advance());
        var before = ComplaintSnapshot.Of(complaint);
        var at = builder.Advance();

        var ex = Assert.Throws<ComplaintWorkflowException>(() => complaint.Resolve(at, builder.Actor, at));

        Assert.Contains("rejected", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ComplaintStatus.Resolving, complaint.Status);
        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
    }

    [Fact]
    public void Resolve_AfterRejectionAndNewAcceptedOffer_Succeeds()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Resolving);
        var complaint = builder.Build();
        complaint.RecordCustomerResponse(false, "Wants money back.", Actor.Customer, builder.Advance());
        complaint.StartInvestigation(builder.Actor, builder.Advance(), "Customer rejected the replacement.");
        var refund = ResolutionOffer.Create(ResolutionKind.FullRefund, null, null, null, "Full refund to the card.");
        complaint.ProposeResolution(refund, builder.Actor, builder.Advance());
        complaint.RecordCustomerResponse(true, null, Actor.Customer, builder.Advance());
        var at = builder.Advance();

        complaint.Resolve(at, builder.Actor, at);

        Assert.Equal(ComplaintStatus.Resolved, complaint.Status);
        Assert.Equal(ResolutionKind.FullRefund, complaint.Resolution?.Kind);
        Assert.True(complaint.Resolution?.CustomerAccepted);
    }

    [Fact]
    public void Resolve_AcceptedOffer_RecordsImplementationAndResolvedAt()
    {
        // P-41: updates run until the resolution is implemented, so when it was implemented is kept.
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Resolving);
        var complaint = builder.Build();
        complaint.RecordCustomerResponse(true, "Thanks.", Actor.Customer, builder.Advance());
        var implementedAt = builder.Advance();
        var at = builder.Advance();

        complaint.Resolve(implementedAt, builder.Actor, at, "Courier delivered the new kettle.");

        Assert.Equal(ComplaintStatus.Resolved, complaint.Status);
        Assert.Equal(at, complaint.ResolvedAt);
        Assert.Equal(implementedAt, complaint.Resolution?.ImplementedAt);
        Assert.Equal("Courier delivered the new kettle.", complaint.History[^1].Details);
    }

    [Fact]
    public void Resolve_ImplementedInFuture_Throws()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Resolving);
        var complaint = builder.Build();
        complaint.RecordCustomerResponse(true, null, Actor.Customer, builder.Advance());
        var at = builder.Advance();

        var ex = Assert.Throws<DomainException>(() => complaint.Resolve(at.AddDays(1), builder.Actor, at));
        Assert.Equal("The implementation date cannot be in the future.", ex.Message);
        Assert.Equal(ComplaintStatus.Resolving, complaint.Status);
    }

    [Fact]
    public void Resolve_ImplementedBeforeProposal_Throws()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Resolving);
        var complaint = builder.Build();
        var proposedAt = complaint.Resolution!.ProposedAt;
        complaint.RecordCustomerResponse(true, null, Actor.Customer, builder.Advance());

        var ex = Assert.Throws<DomainException>(() => complaint.Resolve(proposedAt.AddMinutes(-1), builder.Actor, builder.Advance()));
        Assert.Equal("The resolution cannot be implemented before it was proposed.", ex.Message);
        Assert.Equal(ComplaintStatus.Resolving, complaint.Status);
    }

    [Fact]
    public void ProposeResolution_PartialRefund_KeepsOfferWithWhoAndWhen()
    {
        // P-40: refund or partial refund, depending on the case.
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        var offer = ResolutionOffer.Create(ResolutionKind.PartialRefund, 12.5m, "eur", null, "Half the price back.");
        var at = builder.Advance();

        complaint.ProposeResolution(offer, Cco, at);

        Assert.Equal(ComplaintStatus.Resolving, complaint.Status);
        var kept = complaint.Resolution;
        Assert.NotNull(kept);
        Assert.Equal(ResolutionKind.PartialRefund, kept.Kind);
        Assert.Equal(12.5m, kept.Amount);
        Assert.Equal("EUR", kept.Currency);
        Assert.Equal(at, kept.ProposedAt);
        Assert.Equal(Cco.Id, kept.ProposedById);
        Assert.Equal(Cco.Name, kept.ProposedByName);
        Assert.Null(kept.CustomerAccepted);
    }

    [Fact]
    public void RecordCustomerResponse_Rejected_KeepsAnswerOnOffer()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Resolving);
        var complaint = builder.Build();
        var at = builder.Advance();

        complaint.RecordCustomerResponse(false, "Too little.", Actor.Customer, at);

        Assert.False(complaint.Resolution?.CustomerAccepted);
        Assert.Equal(at, complaint.Resolution?.CustomerAnsweredAt);
        Assert.Equal("Too little.", complaint.Resolution?.CustomerAnswerNote);
        Assert.Equal(Actor.CustomerId, complaint.History[^1].ActorId);
    }

    [Fact]
    public void RecordCustomerResponse_AnsweredAgain_TimelineShowsPreviousAnswerInSameWords()
    {
        // The timeline shows "before → after"; both sides must use the same words ("Rejected → Accepted").
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Resolving);
        var complaint = builder.Build();
        complaint.RecordCustomerResponse(false, "First no.", Actor.Customer, builder.Advance());

        complaint.RecordCustomerResponse(true, "Changed my mind.", Actor.Customer, builder.Advance());

        var entry = complaint.History[^1];
        Assert.Equal(ComplaintHistoryKinds.CustomerResponded, entry.Kind);
        Assert.Equal("Accepted", entry.After);
        Assert.Equal("Rejected", entry.Before);
    }

    // ---- Close and reopen (P-50) ----

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void Close_SatisfactionOutside1To5_ThrowsAndStaysResolved(int satisfaction)
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Resolved);
        var complaint = builder.Build();
        var before = ComplaintSnapshot.Of(complaint);

        var ex = Assert.Throws<DomainException>(() => complaint.Close("Done.", satisfaction, builder.Actor, builder.Advance()));

        Assert.Contains("1 to 5", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(null)]
    public void Close_SatisfactionInRangeOrUnknown_RecordsClosure(int? satisfaction)
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Resolved);
        var complaint = builder.Build();
        var at = builder.Advance();

        complaint.Close("  Customer happy.  ", satisfaction, Cco, at);

        Assert.Equal(ComplaintStatus.Closed, complaint.Status);
        Assert.Equal(new Closure(at, Cco.Id, Cco.Name, "Customer happy.", satisfaction), complaint.Closure);
    }

    [Fact]
    public void Close_WithoutNote_Throws()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Resolved);
        var complaint = builder.Build();

        Assert.Throws<DomainException>(() => complaint.Close("   ", 5, builder.Actor, builder.Advance()));
        Assert.Equal(ComplaintStatus.Resolved, complaint.Status);
    }

    [Fact]
    public void Reopen_ClosedComplaint_ClearsClosureAndGoesToReopened()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Closed);
        var complaint = builder.Build();
        Assert.NotNull(complaint.Closure);
        Assert.NotNull(complaint.ResolvedAt);
        var at = builder.Advance();

        complaint.Reopen("Same fault again.", Cco, at);

        Assert.Equal(ComplaintStatus.Reopened, complaint.Status);
        Assert.Null(complaint.Closure);
        Assert.Null(complaint.ResolvedAt);
        Assert.True(complaint.IsUnresolved);
        Assert.Equal("Same fault again.", complaint.History[^1].Details);
    }

    [Fact]
    public void StartInvestigation_AfterReopen_GoesToInvestigating()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Reopened);
        var complaint = builder.Build();

        complaint.StartInvestigation(builder.Actor, builder.Advance());

        Assert.Equal(ComplaintStatus.Investigating, complaint.Status);
        Assert.Contains(ComplaintAction.AddEvidence, complaint.AllowedActions);
    }

    [Fact]
    public void Reopen_WithoutReason_Throws()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Closed);
        var complaint = builder.Build();

        Assert.Throws<DomainException>(() => complaint.Reopen(" ", builder.Actor, builder.Advance()));
        Assert.Equal(ComplaintStatus.Closed, complaint.Status);
        Assert.NotNull(complaint.Closure);
    }

    [Fact]
    public void Withdraw_WithoutReason_Throws()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Acknowledged);
        var complaint = builder.Build();

        Assert.Throws<DomainException>(() => complaint.Withdraw("", builder.Actor, builder.Advance()));
        Assert.Equal(ComplaintStatus.Acknowledged, complaint.Status);
    }

    // ---- Escalation (P-70 to P-73) ----

    [Fact]
    public void Escalate_ToHigherLevel_RecordsWhoWhyAndWhen()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        var at = builder.Advance();

        complaint.Escalate(EscalationLevel.ChiefCustomerOfficer, "  Still unresolved after two weeks.  ", Cco, at);

        Assert.Equal(EscalationLevel.ChiefCustomerOfficer, complaint.EscalationLevel);
        Assert.Equal(at, complaint.EscalatedAt);
        var record = Assert.Single(complaint.Escalations);
        Assert.Equal(EscalationLevel.CustomerServiceManager, record.FromLevel);
        Assert.Equal(EscalationLevel.ChiefCustomerOfficer, record.ToLevel);
        Assert.Equal("Still unresolved after two weeks.", record.Reason);
        Assert.False(record.Automatic);
        Assert.Equal(Cco.Id, record.ById);
        Assert.Equal(Cco.Name, record.ByName);
        Assert.Equal(at, record.At);
        Assert.Equal(
            new ComplaintEscalated(complaint.Id, EscalationLevel.CustomerServiceManager, EscalationLevel.ChiefCustomerOfficer, false, at),
            complaint.DomainEvents[^1]);
    }

    [Fact]
    public void Escalate_ByCustomerToChiefExecutive_IsAllowed()
    {
        // P-73: the customer may take an unresolved complaint to the CEO, skipping level 2.
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Acknowledged);
        var complaint = builder.Build();

        complaint.Escalate(EscalationLevel.ChiefExecutive, "I want the CEO to look at this.", Actor.Customer, builder.Advance());

        Assert.Equal(EscalationLevel.ChiefExecutive, complaint.EscalationLevel);
        Assert.Equal(Actor.CustomerId, complaint.Escalations[^1].ById);
    }

    [Fact]
    public void Escalate_ByDeadlineJob_IsMarkedAutomatic()
    {
        // P-72: the job raises a still-unresolved complaint after the CCO's time; the record says a rule did it.
        var builder = ComplaintBuilder.New().WithSeverity(ComplaintSeverity.Serious).InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        var at = builder.Advance(TimeSpan.FromDays(10));

        complaint.Escalate(EscalationLevel.ChiefExecutive, "Unresolved 10 days after level 2 (P-72).", Actor.System, at, automatic: true);

        var record = complaint.Escalations[^1];
        Assert.Equal(EscalationLevel.ChiefCustomerOfficer, record.FromLevel);
        Assert.Equal(EscalationLevel.ChiefExecutive, record.ToLevel);
        Assert.True(record.Automatic);
        Assert.Equal(Actor.SystemId, record.ById);
        Assert.Equal(2, complaint.Escalations.Count);
        Assert.Equal(
            new ComplaintEscalated(complaint.Id, EscalationLevel.ChiefCustomerOfficer, EscalationLevel.ChiefExecutive, true, at),
            complaint.DomainEvents[^1]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Escalate_WithoutReason_ThrowsAndKeepsLevel(string? reason)
    {
        // P-71..P-73: an escalation says why.
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        var before = ComplaintSnapshot.Of(complaint);

        Assert.Throws<DomainException>(
            () => complaint.Escalate(EscalationLevel.ChiefCustomerOfficer, reason!, builder.Actor, builder.Advance()));

        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
    }

    [Theory]
    [InlineData(EscalationLevel.ChiefCustomerOfficer)]
    [InlineData(EscalationLevel.CustomerServiceManager)]
    public void Escalate_ToSameOrLowerLevel_ThrowsAndKeepsLevel(EscalationLevel to)
    {
        // Escalation only goes up: a serious complaint already sits at level 2 (P-71).
        var builder = ComplaintBuilder.New().WithSeverity(ComplaintSeverity.Serious).InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        var before = ComplaintSnapshot.Of(complaint);

        var ex = Assert.Throws<ComplaintWorkflowException>(
            () => complaint.Escalate(to, "Please look again.", builder.Actor, builder.Advance()));

        Assert.Contains("level 2", ex.Message, StringComparison.Ordinal);
        Assert.Equal(EscalationLevel.ChiefCustomerOfficer, complaint.EscalationLevel);
        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
    }

    [Fact]
    public void Escalate_ToUndefinedLevel_Throws()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();

        Assert.Throws<DomainException>(() => complaint.Escalate((EscalationLevel)4, "Beyond the CEO.", builder.Actor, builder.Advance()));
        Assert.Equal(EscalationLevel.CustomerServiceManager, complaint.EscalationLevel);
    }

    [Fact]
    public void Escalate_ClosedComplaint_ThrowsAndKeepsLevel()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Closed);
        var complaint = builder.Build();
        var before = ComplaintSnapshot.Of(complaint);

        var ex = Assert.Throws<ComplaintWorkflowException>(
            () => complaint.Escalate(EscalationLevel.ChiefExecutive, "Customer unhappy.", builder.Actor, builder.Advance()));

        Assert.Contains("in the status “Closed”", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
    }

    // ---- Assignment ----

    [Fact]
    public void Assign_NewOwner_SetsOwnerAndRaisesAssigned()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Acknowledged);
        var complaint = builder.Build();
        var at = builder.Advance();

        complaint.Assign("user-owner-7", "Olga Smirnova", Cco, at);

        Assert.Equal("user-owner-7", complaint.OwnerId);
        Assert.Equal("Olga Smirnova", complaint.OwnerName);
        Assert.Equal(new ComplaintAssigned(complaint.Id, "user-owner-7", at), complaint.DomainEvents[^1]);
    }

    [Fact]
    public void Assign_SameOwnerTwice_ThrowsAndKeepsOneEntry()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Acknowledged);
        var complaint = builder.Build();
        complaint.Assign("user-owner-7", "Olga Smirnova", builder.Actor, builder.Advance());
        var before = ComplaintSnapshot.Of(complaint);

        var ex = Assert.Throws<ComplaintWorkflowException>(
            () => complaint.Assign("user-owner-7", "Olga Smirnova", builder.Actor, builder.Advance()));

        Assert.Contains("already assigned", ex.Message, StringComparison.Ordinal);
        Assert.Single(complaint.History, h => h.Kind == ComplaintHistoryKinds.Assigned);
        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
    }

    // ---- Communication (P-21, P-41) ----

    [Fact]
    public void LogCommunication_Outbound_UpdatesLastCustomerUpdate()
    {
        // P-21/P-41: only what Zowor sends the customer counts towards the update cadence.
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        var at = builder.Advance(TimeSpan.FromDays(3));

        complaint.LogCommunication(CommunicationDirection.Outbound, CommunicationChannel.Phone, "Called with progress.", builder.Actor, at);

        Assert.Equal(at, complaint.LastCustomerUpdateAt);
        var entry = Assert.Single(complaint.Communications);
        Assert.Equal(CommunicationDirection.Outbound, entry.Direction);
        Assert.Equal(CommunicationChannel.Phone, entry.Channel);
        Assert.Equal("Called with progress.", entry.Summary);
        Assert.Equal(at, entry.At);
        Assert.Equal(builder.Actor.Id, entry.ById);
    }

    [Fact]
    public void LogCommunication_Inbound_DoesNotUpdateLastCustomerUpdate()
    {
        // P-21/P-41: the customer chasing us is not an update to the customer.
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        var lastUpdate = complaint.LastCustomerUpdateAt;
        Assert.NotNull(lastUpdate);
        var at = builder.Advance(TimeSpan.FromDays(3));

        complaint.LogCommunication(CommunicationDirection.Inbound, CommunicationChannel.Email, "Customer asks for news.", builder.Actor, at);

        Assert.Equal(lastUpdate, complaint.LastCustomerUpdateAt);
        Assert.Single(complaint.Communications);
        Assert.Equal(at, complaint.LastChangedAt);
    }

    // ---- Timeline: who, when, what (append-only audit trail) ----

    public static TheoryData<string> TimelineCases() => new(TimelineCase.All.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(TimelineCases))]
    public void Change_AnyMethod_LeavesTimelineEntryWithWhoWhenAndWhat(string caseName)
    {
        var timelineCase = TimelineCase.All[caseName];
        var builder = ComplaintBuilder.New().InStatus(timelineCase.Start);
        var complaint = builder.Build();
        var countBefore = complaint.History.Count;
        var at = builder.Advance(TimeSpan.FromMinutes(17));

        timelineCase.Act(complaint, Cco, at);

        var added = complaint.History.Skip(countBefore).ToList();
        Assert.Equal(timelineCase.Expected, added.Select(h => (h.Kind, h.Before, h.After)));
        Assert.All(added, h =>
        {
            Assert.Equal(Cco.Id, h.ActorId);
            Assert.Equal(Cco.Name, h.ActorName);
            Assert.Equal(at, h.At);
        });
        Assert.Equal(at, complaint.LastChangedAt);
    }

    [Fact]
    public void History_ThroughWholeLifecycle_OnlyGrows()
    {
        var builder = ComplaintBuilder.New().WithSeverity(ComplaintSeverity.Serious);
        var complaint = builder.Build();
        var by = builder.Actor;
        Action[] steps =
        [
            () => complaint.Assign("user-owner-7", "Olga Smirnova", by, builder.Advance()),
            () => complaint.Acknowledge(ContactMethod.Email, new DateOnly(2026, 3, 20), by, builder.Advance()),
            () => complaint.StartInvestigation(by, builder.Advance()),
            () => complaint.AddEvidence(EvidenceKind.ProductRecord, "Batch 7 QA report.", by, builder.Advance()),
            () => complaint.AddInterview("Ivan Sokolov", "Supervisor", builder.Now, "Batch 7 had returns.", by, builder.Advance()),
            () => complaint.RecordRootCause(RootCauseCategory.Supplier, "Supplier changed the element.", null, by, builder.Advance()),
            () => complaint.RecordRootCause(RootCauseCategory.ProductDefect, "Element defect.", "No goods-in check.", by, builder.Advance()),
            () => complaint.Escalate(EscalationLevel.ChiefExecutive, "Recurring defect.", by, builder.Advance()),
            () => complaint.ProposeResolution(ComplaintBuilder.DefaultOffer(), by, builder.Advance()),
            () => complaint.RecordCustomerResponse(true, null, Actor.Customer, builder.Advance()),
            () => complaint.LogCommunication(CommunicationDirection.Outbound, CommunicationChannel.Email, "Shipping today.", by, builder.Advance()),
            () => complaint.Resolve(builder.Now, by, builder.Advance()),
            () => complaint.Close("Done.", 4, by, builder.Advance()),
            () => complaint.Reopen("Fault again.", by, builder.Advance()),
            () => complaint.Withdraw("Customer gave up.", by, builder.Advance()),
        ];

        var seen = Capture(complaint);
        foreach (var step in steps)
        {
            step();

            var now = Capture(complaint);
            Assert.True(now.Count > seen.Count, "Every change adds to the timeline.");
            // Earlier entries are the same objects with the same values: nothing is rewritten or removed.
            Assert.Equal(seen, now.Take(seen.Count));
            for (var i = 0; i < seen.Count; i++)
            {
                Assert.Same(seen[i].Entry, now[i].Entry);
            }

            seen = now;
        }

        Assert.Equal(ComplaintStatus.Withdrawn, complaint.Status);
        Assert.Equal(
            complaint.History.Select(h => h.At).Order(),
            complaint.History.Select(h => h.At));
    }

    // ---- Domain events ----

    [Fact]
    public void StatusMoves_ThroughLifecycle_RaiseStatusChangedForEachMove()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Closed);

        var complaint = builder.Build();

        var moves = complaint.DomainEvents.OfType<ComplaintStatusChanged>().Select(e => (e.From, e.To)).ToList();
        Assert.Equal(
            [
                (ComplaintStatus.Received, ComplaintStatus.Acknowledged),
                (ComplaintStatus.Acknowledged, ComplaintStatus.Investigating),
                (ComplaintStatus.Investigating, ComplaintStatus.Resolving),
                (ComplaintStatus.Resolving, ComplaintStatus.Resolved),
                (ComplaintStatus.Resolved, ComplaintStatus.Closed),
            ],
            moves);
        Assert.All(complaint.DomainEvents.OfType<ComplaintStatusChanged>(), e => Assert.Equal(complaint.Id, e.ComplaintId));
        Assert.IsType<ComplaintRegistered>(complaint.DomainEvents[0]);
    }

    [Fact]
    public void ClearDomainEvents_AfterPublishing_LeavesNoneButKeepsHistory()
    {
        var complaint = ComplaintBuilder.AtStatus(ComplaintStatus.Acknowledged);
        var historyCount = complaint.History.Count;

        complaint.ClearDomainEvents();

        Assert.Empty(complaint.DomainEvents);
        Assert.Equal(historyCount, complaint.History.Count);
    }

    [Fact]
    public void AddEvidence_InInvestigation_KeepsItemAndRaisesUpdated()
    {
        // P-30: evidence such as order details or product records.
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        var at = builder.Advance();

        complaint.AddEvidence(EvidenceKind.Communication, " Chat log with the customer. ", Cco, at);

        var item = Assert.Single(complaint.Evidence);
        Assert.Equal(EvidenceKind.Communication, item.Kind);
        Assert.Equal("Chat log with the customer.", item.Description);
        Assert.Equal(at, item.AddedAt);
        Assert.Equal(Cco.Id, item.AddedById);
        Assert.Equal(Cco.Name, item.AddedByName);
        Assert.Equal(new ComplaintUpdated(complaint.Id, ComplaintHistoryKinds.EvidenceAdded, at), complaint.DomainEvents[^1]);
    }

    [Fact]
    public void AddInterview_InterviewInFuture_Throws()
    {
        // P-30: interviews record what was learnt, so they have already happened.
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        var at = builder.Advance();

        Assert.Throws<DomainException>(
            () => complaint.AddInterview("Ivan Sokolov", "Supervisor", at.AddHours(2), "Not yet.", builder.Actor, at));
        Assert.Empty(complaint.Interviews);
    }

    // ---- A refused call changes nothing ----

    public static TheoryData<ComplaintStatus, ComplaintAction> CallsWithNonUtcTime() => new()
    {
        { ComplaintStatus.Received, ComplaintAction.Acknowledge },
        { ComplaintStatus.Acknowledged, ComplaintAction.StartInvestigation },
        { ComplaintStatus.Investigating, ComplaintAction.AddEvidence },
        { ComplaintStatus.Investigating, ComplaintAction.AddInterview },
        { ComplaintStatus.Investigating, ComplaintAction.RecordRootCause },
        { ComplaintStatus.Investigating, ComplaintAction.ProposeResolution },
        { ComplaintStatus.Resolving, ComplaintAction.RecordCustomerResponse },
        { ComplaintStatus.Resolving, ComplaintAction.Resolve },
        { ComplaintStatus.Resolved, ComplaintAction.Close },
        { ComplaintStatus.Closed, ComplaintAction.Reopen },
        { ComplaintStatus.Acknowledged, ComplaintAction.Withdraw },
        { ComplaintStatus.Investigating, ComplaintAction.Escalate },
        { ComplaintStatus.Investigating, ComplaintAction.Assign },
        { ComplaintStatus.Investigating, ComplaintAction.LogCommunication },
    };

    [Theory]
    [MemberData(nameof(CallsWithNonUtcTime))]
    public void AnyCall_WithNonUtcTime_ThrowsAndChangesNothing(ComplaintStatus status, ComplaintAction action)
    {
        // The domain stores UTC only; a refused call must not leave half a change without a timeline entry.
        var builder = ComplaintBuilder.New().InStatus(status);
        var complaint = builder.Build();
        var before = ComplaintSnapshot.Of(complaint);
        var localTime = DateTime.SpecifyKind(builder.Advance(), DateTimeKind.Unspecified);

        Assert.Throws<ArgumentException>(() => ComplaintActionRunner.Perform(complaint, action, builder.Actor, localTime));

        Assert.Equal(before, ComplaintSnapshot.Of(complaint));
    }

    private static List<(ComplaintHistoryEntry Entry, (DateTime, string, string, string, string?, string?, string?) Values)> Capture(
        Complaint complaint) =>
        complaint.History.Select(h => (h, (h.At, h.ActorId, h.ActorName, h.Kind, h.Before, h.After, h.Details))).ToList();

    private sealed record TimelineCase(
        ComplaintStatus Start,
        Action<Complaint, Actor, DateTime> Act,
        (string Kind, string? Before, string? After)[] Expected)
    {
        public static readonly IReadOnlyDictionary<string, TimelineCase> All = new Dictionary<string, TimelineCase>
        {
            ["Acknowledge"] = new(
                ComplaintStatus.Received,
                (c, by, at) => c.Acknowledge(ContactMethod.Email, new DateOnly(2026, 3, 16), by, at),
                [
                    (ComplaintHistoryKinds.Acknowledged, null, "2026-03-16"),
                    (ComplaintHistoryKinds.StatusChanged, "Received", "Acknowledged"),
                ]),
            ["StartInvestigation"] = new(
                ComplaintStatus.Acknowledged,
                (c, by, at) => c.StartInvestigation(by, at),
                [(ComplaintHistoryKinds.StatusChanged, "Acknowledged", "Investigating")]),
            ["AddEvidence"] = new(
                ComplaintStatus.Investigating,
                (c, by, at) => c.AddEvidence(EvidenceKind.OrderDetails, "Order shipped late.", by, at),
                [(ComplaintHistoryKinds.EvidenceAdded, null, "OrderDetails")]),
            ["AddInterview"] = new(
                ComplaintStatus.Investigating,
                (c, by, at) => c.AddInterview("Ivan Sokolov", "Supervisor", at, "Saw the parcel.", by, at),
                [(ComplaintHistoryKinds.InterviewRecorded, null, "Ivan Sokolov (Supervisor)")]),
            ["RecordRootCause revises"] = new(
                ComplaintStatus.Investigating,
                (c, by, at) => c.RecordRootCause(RootCauseCategory.Carrier, "Dropped in transit.", null, by, at),
                [(ComplaintHistoryKinds.RootCauseRecorded, "ProductDefect", "Carrier")]),
            ["ProposeResolution"] = new(
                ComplaintStatus.Investigating,
                (c, by, at) => c.ProposeResolution(
                    ResolutionOffer.Create(ResolutionKind.Compensation, null, null, CompensationKind.Discount, "10% off."), by, at),
                [
                    (ComplaintHistoryKinds.ResolutionProposed, null, "Compensation"),
                    (ComplaintHistoryKinds.StatusChanged, "Investigating", "Resolving"),
                ]),
            ["RecordCustomerResponse"] = new(
                ComplaintStatus.Resolving,
                (c, by, at) => c.RecordCustomerResponse(false, "No.", by, at),
                [(ComplaintHistoryKinds.CustomerResponded, null, "Rejected")]),
            ["RecordNoAnswer"] = new(
                ComplaintStatus.Resolving,
                (c, by, at) => c.RecordNoAnswer("Called twice, e-mailed once; no reply.", TimeSpan.Zero, by, at),
                [(ComplaintHistoryKinds.CustomerNoAnswer, null, "0")]),
            ["Resolve"] = new(
                ComplaintStatus.Resolving,
                (c, by, at) =>
                {
                    // P-40: on the customer's acceptance.
                    c.RecordCustomerResponse(true, null, by, at);
                    c.Resolve(at, by, at);
                },
                [(ComplaintHistoryKinds.CustomerResponded, null, "Accepted"), (ComplaintHistoryKinds.StatusChanged, "Resolving", "Resolved")]),
            ["Close"] = new(
                ComplaintStatus.Resolved,
                (c, by, at) => c.Close("All good.", 5, by, at),
                [(ComplaintHistoryKinds.StatusChanged, "Resolved", "Closed")]),
            ["Withdraw"] = new(
                ComplaintStatus.Investigating,
                (c, by, at) => c.Withdraw("Customer withdrew.", by, at),
                [(ComplaintHistoryKinds.StatusChanged, "Investigating", "Withdrawn")]),
            ["Reopen"] = new(
                ComplaintStatus.Withdrawn,
                (c, by, at) => c.Reopen("Customer came back.", by, at),
                [(ComplaintHistoryKinds.StatusChanged, "Withdrawn", "Reopened")]),
            ["Escalate"] = new(
                ComplaintStatus.Acknowledged,
                (c, by, at) => c.Escalate(EscalationLevel.ChiefExecutive, "Customer asked for the CEO.", by, at),
                [(ComplaintHistoryKinds.Escalated, "1", "3")]),
            ["Assign"] = new(
                ComplaintStatus.Resolved,
                (c, by, at) => c.Assign("user-owner-7", "Olga Smirnova", by, at),
                [(ComplaintHistoryKinds.Assigned, null, "Olga Smirnova")]),
            ["LogCommunication"] = new(
                ComplaintStatus.Closed,
                (c, by, at) => c.LogCommunication(CommunicationDirection.Inbound, CommunicationChannel.Phone, "Thanked us.", by, at),
                [(ComplaintHistoryKinds.CommunicationLogged, null, "Inbound Phone")]),
        };
    }
}
