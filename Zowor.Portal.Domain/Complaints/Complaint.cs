using System.Globalization;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Escalation;

namespace Zowor.Portal.Domain.Complaints;

/// <summary>
/// A customer complaint from registration to closure (P-10 to P-51). State changes only through the
/// business-named methods below; every one of them appends to the timeline. Time and actor are parameters:
/// the domain never reads a clock.
/// </summary>
public sealed class Complaint
{
    private readonly List<EvidenceItem> _evidence = [];
    private readonly List<StaffInterview> _interviews = [];
    private readonly List<CommunicationEntry> _communications = [];
    private readonly List<EscalationRecord> _escalations = [];
    private readonly List<ComplaintHistoryEntry> _history = [];
    private readonly List<IDomainEvent> _events = [];

    private Complaint()
    {
        Reference = string.Empty;
        Customer = null!;
        Subject = string.Empty;
        Description = string.Empty;
        CategoryCode = string.Empty;
        RegisteredById = string.Empty;
    }

    /// <summary>
    /// Made with <see cref="Guid.NewGuid"/> in <see cref="Register"/> (the database never generates it), so events and
    /// history name the complaint before the first save.
    /// </summary>
    public Guid Id { get; private set; }

    /// <summary>The customer's tracking number, e.g. <c>ZW-2026-000123</c>.</summary>
    public string Reference { get; private set; }

    /// <summary>Year part of the reference (unique together with <see cref="ReferenceSequence"/>).</summary>
    public int ReferenceYear { get; private set; }

    /// <summary>Sequence part of the reference.</summary>
    public int ReferenceSequence { get; private set; }

    /// <summary>Web form, phone or e-mail.</summary>
    public ComplaintChannel Channel { get; private set; }

    /// <summary>When Zowor received the complaint (UTC); the deadlines count from here.</summary>
    public DateTime ReceivedAt { get; private set; }

    /// <summary>
    /// The month of receipt as <c>yyyymm</c> in the business time zone (P-60): the key the trends dashboard groups by, so
    /// volume by month is a GROUP BY on an indexed integer instead of date arithmetic on every row.
    /// </summary>
    public int ReceivedMonth { get; private set; }

    /// <summary>Hours from receipt to acknowledgement (P-20), kept so medians and percentiles are an ORDER BY in SQL.</summary>
    public double? AcknowledgementHours { get; private set; }

    /// <summary>Hours from receipt to resolution (P-61); cleared when the complaint is reopened.</summary>
    public double? ResolutionHours { get; private set; }

    /// <summary>When it was entered in the portal (UTC).</summary>
    public DateTime RegisteredAt { get; private set; }

    /// <summary>User id of who registered it (or <c>customer</c> for the web form).</summary>
    public string RegisteredById { get; private set; }

    /// <summary>Contact details.</summary>
    public CustomerContact Customer { get; private set; }

    /// <summary>Order the complaint is about.</summary>
    public string? OrderNumber { get; private set; }

    /// <summary>Product the complaint is about, as the customer or staff wrote it (kept as written).</summary>
    public string? Product { get; private set; }

    /// <summary>
    /// The listed product (admin-managed product list) this complaint's product is mapped to, or null while its
    /// free text is unmapped. Trends, alerts and CAPA scopes group by it (P-60).
    /// </summary>
    public long? ProductId { get; private set; }

    /// <summary>One-line summary.</summary>
    public string Subject { get; private set; }

    /// <summary>The customer's description of the problem.</summary>
    public string Description { get; private set; }

    /// <summary>Category code from the admin-managed taxonomy.</summary>
    public string CategoryCode { get; private set; }

    /// <summary>The language the customer writes in and receives messages in (a culture name such as <c>en</c> or <c>ru</c>).</summary>
    public string CustomerLanguage { get; private set; } = DefaultLanguage;

    /// <summary>Normal or serious.</summary>
    public ComplaintSeverity Severity { get; private set; }

    /// <summary>What the customer asked for.</summary>
    public PreferredResolution PreferredResolution { get; private set; }

    /// <summary>Where the complaint stands.</summary>
    public ComplaintStatus Status { get; private set; }

    /// <summary>P-20: receipt must be acknowledged by this time (received + 24 h).</summary>
    public DateTime AcknowledgementDueAt { get; private set; }

    /// <summary>The acknowledgement once given.</summary>
    public Acknowledgement? Acknowledgement { get; private set; }

    /// <summary>
    /// The estimated resolution date given at acknowledgement, kept when staff revise the estimate (P-21): trends measure
    /// resolutions against the first promise, not the last one.
    /// </summary>
    public DateOnly? FirstEstimatedResolutionDate { get; private set; }

    /// <summary>The investigation's finding.</summary>
    public RootCause? RootCause { get; private set; }

    /// <summary>The current resolution offer.</summary>
    public ResolutionOffer? Resolution { get; private set; }

    /// <summary>When the complaint was resolved (UTC).</summary>
    public DateTime? ResolvedAt { get; private set; }

    /// <summary>The formal closing.</summary>
    public Closure? Closure { get; private set; }

    /// <summary>
    /// Starts at the CSM (P-70) and moves only by escalation (P-71, P-72, P-73); every move is kept in
    /// <see cref="Escalations"/>.
    /// </summary>
    public EscalationLevel EscalationLevel { get; private set; }

    /// <summary>When the complaint last rose a level (UTC).</summary>
    public DateTime? EscalatedAt { get; private set; }

    /// <summary>The handler's Identity user id; null until the complaint is assigned.</summary>
    public string? OwnerId { get; private set; }

    /// <summary>
    /// Copied with <see cref="OwnerId"/> at assignment, so lists show the handler without looking the user up.
    /// </summary>
    public string? OwnerName { get; private set; }

    /// <summary>Last outbound contact with the customer (UTC); drives the update cadence (P-21, P-41).</summary>
    public DateTime? LastCustomerUpdateAt { get; private set; }

    /// <summary>Last change of any kind (UTC).</summary>
    public DateTime LastChangedAt { get; private set; }

    /// <summary>When the portal warned that the acknowledgement deadline is near (P-20); null if it has not.</summary>
    public DateTime? AcknowledgementWarnedAt { get; private set; }

    /// <summary>When the 24-hour acknowledgement deadline passed without an acknowledgement (P-20); null if it did not.</summary>
    public DateTime? AcknowledgementBreachedAt { get; private set; }

    /// <summary>Since when the customer is owed an update (P-21, P-41); cleared by the next outbound contact.</summary>
    public DateTime? CustomerUpdateDueSince { get; private set; }

    /// <summary>
    /// When the complaint was last reopened (UTC); null if it never was. A reopened complaint is new work: the level-1
    /// target, the level-2 target and the customer-update cadence count from here, not from the original receipt.
    /// </summary>
    public DateTime? ReopenedAt { get; private set; }

    /// <summary>Where the resolution targets and the update cadence start: the reopening if there was one, else the receipt.</summary>
    public DateTime ClockStartedAt => ReopenedAt is { } reopened && reopened > ReceivedAt ? reopened : ReceivedAt;

    /// <summary>When the complaint was last closed or withdrawn (UTC); the retention period counts from here (P-51).</summary>
    public DateTime? EndedAt { get; private set; }

    /// <summary>The complaint this one was withdrawn as a duplicate of (its communications and evidence show there).</summary>
    public Guid? DuplicateOfId { get; private set; }

    /// <summary>The reference the customer follows instead of this one (/track points to it).</summary>
    public string? DuplicateOfReference { get; private set; }

    /// <summary>When the customer's personal data was erased (P-51); null while it is kept.</summary>
    public DateTime? AnonymisedAt { get; private set; }

    /// <summary>
    /// When the customer last wrote (by e-mail) after the complaint was closed or withdrawn; staff decide whether to reopen,
    /// so it stays flagged until a reopening.
    /// </summary>
    public DateTime? CustomerWroteAfterEndAt { get; private set; }

    /// <summary>Evidence gathered.</summary>
    public IReadOnlyList<EvidenceItem> Evidence => _evidence;

    /// <summary>Staff interviews.</summary>
    public IReadOnlyList<StaffInterview> Interviews => _interviews;

    /// <summary>Contacts with the customer.</summary>
    public IReadOnlyList<CommunicationEntry> Communications => _communications;

    /// <summary>Escalation history.</summary>
    public IReadOnlyList<EscalationRecord> Escalations => _escalations;

    /// <summary>The append-only audit trail.</summary>
    public IReadOnlyList<ComplaintHistoryEntry> History => _history;

    /// <summary>Events raised since the last save; the web app publishes and clears them.</summary>
    public IReadOnlyList<IDomainEvent> DomainEvents => _events;

    /// <summary>Whether the complaint still needs work.</summary>
    public bool IsUnresolved => ComplaintWorkflow.IsUnresolved(Status);

    /// <summary>The actions the workflow allows now; the UI shows exactly these.</summary>
    public IReadOnlyList<ComplaintAction> AllowedActions => ComplaintWorkflow.AllowedIn(Status);

    /// <summary>
    /// Registers a complaint (P-10, P-11, P-21). A serious complaint goes straight to level 2 (P-71).
    /// </summary>
    /// <param name="reference">The reference allocated for it.</param>
    /// <param name="channel">How it arrived.</param>
    /// <param name="customer">Validated contact details.</param>
    /// <param name="details">What the complaint is about.</param>
    /// <param name="receivedAt">When Zowor received it (UTC); not in the future.</param>
    /// <param name="by">Who registers it.</param>
    /// <param name="now">The current time (UTC).</param>
    /// <param name="customerLanguage">The customer's language for messages; English when not given.</param>
    /// <param name="receivedLocal">The receipt time in the business time zone, for <see cref="ReceivedMonth"/>; the UTC time when not given.</param>
    public static Complaint Register(
        ComplaintReference reference,
        ComplaintChannel channel,
        CustomerContact customer,
        ComplaintDetails details,
        DateTime receivedAt,
        Actor by,
        DateTime now,
        string? customerLanguage = null,
        DateTime? receivedLocal = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(details);
        Guard.Actor(by);
        Guard.Utc(receivedAt, nameof(receivedAt));
        Guard.Utc(now, nameof(now));
        if (!Enum.IsDefined(channel))
        {
            throw new DomainException("Choose the channel the complaint came through.");
        }

        if (receivedAt > now + ComplaintLimits.ClockSkew)
        {
            throw new DomainException("The received date and time cannot be in the future.");
        }

        var complaint = new Complaint
        {
            Id = Guid.NewGuid(),
            Reference = reference.ToString(),
            ReferenceYear = reference.Year,
            ReferenceSequence = reference.Sequence,
            Channel = channel,
            ReceivedAt = receivedAt,
            ReceivedMonth = MonthKey(receivedLocal ?? receivedAt),
            RegisteredAt = now,
            RegisteredById = by.Id,
            Customer = customer,
            OrderNumber = details.OrderNumber,
            Product = details.Product,
            Subject = details.Subject,
            Description = details.Description,
            CategoryCode = details.CategoryCode,
            Severity = details.Severity,
            PreferredResolution = details.PreferredResolution,
            Status = ComplaintStatus.Received,
            AcknowledgementDueAt = receivedAt + ComplaintLimits.AcknowledgementWindow,
            EscalationLevel = EscalationLevel.CustomerServiceManager,
            CustomerLanguage = NormaliseLanguage(customerLanguage),
        };
        complaint.Record(now, by, ComplaintHistoryKinds.Registered, null, ComplaintStatus.Received.ToString(), complaint.Reference);
        complaint._events.Add(new ComplaintRegistered(complaint.Id, complaint.Reference, now));

        if (details.Severity == ComplaintSeverity.Serious)
        {
            complaint.RaiseLevel(EscalationLevel.ChiefCustomerOfficer, "Serious complaint: handled by the Chief Customer Officer (P-71).", automatic: true, Actor.System, now);
        }

        return complaint;
    }

    /// <summary>Acknowledges receipt (P-20, P-21) and gives the customer an estimated resolution date.</summary>
    /// <param name="method">E-mail or phone.</param>
    /// <param name="estimatedResolutionDate">The date the customer is told to expect a resolution.</param>
    /// <param name="by">Who acknowledges.</param>
    /// <param name="at">When (UTC).</param>
    /// <param name="today">Today in the business time zone, which the estimate may not precede; defaults to the UTC date of <paramref name="at"/>.</param>
    public void Acknowledge(ContactMethod method, DateOnly estimatedResolutionDate, Actor by, DateTime at, DateOnly? today = null)
    {
        EnsureAllowed(ComplaintAction.Acknowledge, by, at);
        if (!Enum.IsDefined(method))
        {
            throw new DomainException("Choose how receipt was acknowledged: e-mail or phone.");
        }

        if (method == ContactMethod.Email && Customer.Email is null)
        {
            throw new ComplaintWorkflowException("The customer has no e-mail address: acknowledge by phone.");
        }

        if (method == ContactMethod.Phone && Customer.Phone is null)
        {
            throw new ComplaintWorkflowException("The customer has no phone number: acknowledge by e-mail.");
        }

        if (estimatedResolutionDate < (today ?? DateOnly.FromDateTime(at)))
        {
            throw new DomainException("The estimated resolution date cannot be in the past.");
        }

        Acknowledgement = new Acknowledgement(method, at, by.Id, by.Name, estimatedResolutionDate);
        FirstEstimatedResolutionDate = estimatedResolutionDate;
        AcknowledgementHours = (at - ReceivedAt).TotalHours;
        LastCustomerUpdateAt = at;
        CustomerUpdateDueSince = null;
        Record(at, by, ComplaintHistoryKinds.Acknowledged, null, ComplaintHistoryEntry.DateText(estimatedResolutionDate), method.ToString());
        MoveTo(ComplaintAction.Acknowledge, by, at, null);
    }

    /// <summary>
    /// Revises the estimated resolution date the customer was given (P-21), with a reason for the timeline. The first
    /// estimate stays in <see cref="FirstEstimatedResolutionDate"/>; the customer hears of the new date (not the reason).
    /// </summary>
    /// <param name="newDate">The new estimate.</param>
    /// <param name="reason">Why the estimate changes; staff-only, required.</param>
    /// <param name="by">Who revises it.</param>
    /// <param name="at">When (UTC).</param>
    /// <param name="today">Today in the business time zone, which the estimate may not precede; defaults to the UTC date of <paramref name="at"/>.</param>
    public void ReviseEstimatedResolutionDate(DateOnly newDate, string reason, Actor by, DateTime at, DateOnly? today = null)
    {
        EnsureAllowed(ComplaintAction.ReviseEstimate, by, at);
        var acknowledgement = Acknowledgement ?? throw new ComplaintWorkflowException("The complaint has not been acknowledged: give the estimated resolution date with the acknowledgement.");
        var text = Guard.Text(reason, "Reason", ComplaintLimits.Note);
        if (newDate < (today ?? DateOnly.FromDateTime(at)))
        {
            throw new DomainException("The estimated resolution date cannot be in the past.");
        }

        var current = acknowledgement.EstimatedResolutionDate;
        if (newDate == current)
        {
            throw new ComplaintWorkflowException("The estimated resolution date is already {0}; choose a different date.", current.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        FirstEstimatedResolutionDate ??= current;
        Acknowledgement = acknowledgement with { EstimatedResolutionDate = newDate };
        Record(at, by, ComplaintHistoryKinds.EstimateRevised, ComplaintHistoryEntry.DateText(current), ComplaintHistoryEntry.DateText(newDate), text);
        _events.Add(new ComplaintUpdated(Id, ComplaintHistoryKinds.EstimateRevised, at));
    }

    /// <summary>Starts the investigation, or returns to it from a rejected offer or a reopening (P-30).</summary>
    public void StartInvestigation(Actor by, DateTime at, string? note = null) =>
        MoveTo(ComplaintAction.StartInvestigation, by, at, Guard.OptionalText(note, "Note", ComplaintLimits.Note));

    /// <summary>Adds an evidence item (P-30).</summary>
    public void AddEvidence(EvidenceKind kind, string description, Actor by, DateTime at)
    {
        EnsureAllowed(ComplaintAction.AddEvidence, by, at);
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Choose the kind of evidence.");
        }

        var text = Guard.Text(description, "Evidence description", ComplaintLimits.Note);
        _evidence.Add(new EvidenceItem(kind, text, at, by.Id, by.Name));
        Record(at, by, ComplaintHistoryKinds.EvidenceAdded, null, kind.ToString(), text);
        _events.Add(new ComplaintUpdated(Id, ComplaintHistoryKinds.EvidenceAdded, at));
    }

    /// <summary>Records an interview with a staff member involved (P-30).</summary>
    public void AddInterview(string staffName, string staffRole, DateTime interviewedAt, string summary, Actor by, DateTime at)
    {
        EnsureAllowed(ComplaintAction.AddInterview, by, at);
        Guard.Utc(interviewedAt, nameof(interviewedAt));
        var name = Guard.Text(staffName, "Staff name", ComplaintLimits.Person);
        var role = Guard.Text(staffRole, "Staff role", ComplaintLimits.Person);
        var text = Guard.Text(summary, "Interview summary", ComplaintLimits.Note);
        if (interviewedAt > at + ComplaintLimits.ClockSkew)
        {
            throw new DomainException("The interview date cannot be in the future.");
        }

        _interviews.Add(new StaffInterview(name, role, interviewedAt, text, at, by.Id));
        Record(at, by, ComplaintHistoryKinds.InterviewRecorded, null, $"{name} ({role})", text);
        _events.Add(new ComplaintUpdated(Id, ComplaintHistoryKinds.InterviewRecorded, at));
    }

    /// <summary>Records or revises the root cause and contributing factors (P-30).</summary>
    public void RecordRootCause(RootCauseCategory category, string description, string? contributingFactors, Actor by, DateTime at)
    {
        EnsureAllowed(ComplaintAction.RecordRootCause, by, at);
        if (!Enum.IsDefined(category))
        {
            throw new DomainException("Choose a root-cause category.");
        }

        var text = Guard.Text(description, "Root cause", ComplaintLimits.Note);
        var factors = Guard.OptionalText(contributingFactors, "Contributing factors", ComplaintLimits.Note);
        var before = RootCause?.Category.ToString();
        RootCause = new RootCause(category, text, factors, at, by.Id, by.Name);
        Record(at, by, ComplaintHistoryKinds.RootCauseRecorded, before, category.ToString(), text);
        _events.Add(new ComplaintUpdated(Id, ComplaintHistoryKinds.RootCauseRecorded, at));
    }

    /// <summary>Offers a resolution to the customer (P-40).</summary>
    public void ProposeResolution(ResolutionOffer offer, Actor by, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(offer);
        EnsureAllowed(ComplaintAction.ProposeResolution, by, at);
        var before = Resolution?.Kind.ToString();
        Resolution = offer.ProposedBy(at, by);
        Record(at, by, ComplaintHistoryKinds.ResolutionProposed, before, offer.Kind.ToString(), DescribeOffer(offer));
        MoveTo(ComplaintAction.ProposeResolution, by, at, null);
    }

    /// <summary>Records the customer's answer to the offer (P-40, P-41).</summary>
    public void RecordCustomerResponse(bool accepted, string? note, Actor by, DateTime at)
    {
        EnsureAllowed(ComplaintAction.RecordCustomerResponse, by, at);
        var text = Guard.OptionalText(note, "Note", ComplaintLimits.Note);
        var offer = Resolution ?? throw new ComplaintWorkflowException("There is no resolution offer to answer.");
        Resolution = offer.Answered(accepted, text, at);
        Record(at, by, ComplaintHistoryKinds.CustomerResponded, offer.CustomerAccepted switch { true => ComplaintHistoryEntry.AcceptedText, false => ComplaintHistoryEntry.RejectedText, null => null }, accepted ? ComplaintHistoryEntry.AcceptedText : ComplaintHistoryEntry.RejectedText, text);
        _events.Add(new ComplaintUpdated(Id, ComplaintHistoryKinds.CustomerResponded, at));
    }

    /// <summary>
    /// Records that the customer did not answer the offer (P-40): allowed only once they have had it for the waiting
    /// period, with a note of how Zowor tried to reach them. It lets the complaint be resolved without an acceptance.
    /// </summary>
    /// <param name="note">How Zowor tried to reach the customer; required.</param>
    /// <param name="waitingPeriod">How long the customer has to answer (the setting, 7 days by default).</param>
    /// <param name="by">Who records it.</param>
    /// <param name="at">When (UTC).</param>
    public void RecordNoAnswer(string note, TimeSpan waitingPeriod, Actor by, DateTime at)
    {
        EnsureAllowed(ComplaintAction.RecordNoAnswer, by, at);
        var text = Guard.Text(note, "Note", ComplaintLimits.Note);
        var offer = Resolution ?? throw new ComplaintWorkflowException("There is no resolution offer to answer.");
        if (offer.CustomerAccepted is not null)
        {
            throw new ComplaintWorkflowException("The customer has answered the offer; their answer is recorded.");
        }

        if (offer.NoAnswerRecordedAt is not null)
        {
            throw new ComplaintWorkflowException("That the customer did not answer is already recorded.");
        }

        var waitedUntil = offer.ProposedAt + waitingPeriod;
        if (at < waitedUntil)
        {
            throw new ComplaintWorkflowException(
                "The customer has had the offer for less than {0} days. Record their answer, or record that they did not answer from {1} (P-40).",
                (int)waitingPeriod.TotalDays, waitedUntil.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        }

        Resolution = offer.NotAnswered(text, at);
        Record(at, by, ComplaintHistoryKinds.CustomerNoAnswer, null, ((int)(at - offer.ProposedAt).TotalDays).ToString(CultureInfo.InvariantCulture), text);
        _events.Add(new ComplaintUpdated(Id, ComplaintHistoryKinds.CustomerNoAnswer, at));
    }

    /// <summary>
    /// Records that the offered resolution has been carried out (P-41). Refused without a root cause (P-30), and unless
    /// the customer accepted the offer or did not answer it within the waiting period (P-40).
    /// </summary>
    public void Resolve(DateTime implementedAt, Actor by, DateTime at, string? note = null)
    {
        Guard.Utc(implementedAt, nameof(implementedAt));
        EnsureAllowed(ComplaintAction.Resolve, by, at);
        if (RootCause is null)
        {
            throw new ComplaintWorkflowException("Record the root cause before resolving the complaint (P-30).");
        }

        var offer = Resolution ?? throw new ComplaintWorkflowException("Propose a resolution before resolving the complaint.");
        if (offer.CustomerAccepted == false)
        {
            throw new ComplaintWorkflowException("The customer rejected the offered resolution: return to the investigation and propose another.");
        }

        if (!offer.CanBeResolved)
        {
            throw new ComplaintWorkflowException("The customer has not accepted the offer yet. Record their answer, or, once the waiting period is over, that they did not answer (P-40).");
        }

        if (implementedAt > at + ComplaintLimits.ClockSkew)
        {
            throw new DomainException("The implementation date cannot be in the future.");
        }

        if (implementedAt < offer.ProposedAt)
        {
            throw new DomainException("The resolution cannot be implemented before it was proposed.");
        }

        Resolution = offer.Implemented(implementedAt);
        ResolvedAt = at;
        ResolutionHours = (at - ReceivedAt).TotalHours;
        MoveTo(ComplaintAction.Resolve, by, at, Guard.OptionalText(note, "Note", ComplaintLimits.Note));
    }

    /// <summary>Formally closes a resolved complaint (P-50).</summary>
    public void Close(string note, int? satisfaction, Actor by, DateTime at)
    {
        EnsureAllowed(ComplaintAction.Close, by, at);
        var text = Guard.Text(note, "Closing note", ComplaintLimits.Note);
        if (satisfaction is not null and not (>= 1 and <= 5))
        {
            throw new DomainException("Satisfaction is a score from 1 to 5.");
        }

        Closure = new Closure(at, by.Id, by.Name, text, satisfaction);
        MoveTo(ComplaintAction.Close, by, at, text);
    }

    /// <summary>
    /// Withdraws this complaint as a duplicate of <paramref name="primaryId"/>, with the reason "duplicate of ZW-…": the
    /// primary carries on under its reference, shows this complaint's contacts and evidence, and the customer is told
    /// which reference stays (P-21). The primary's side is <see cref="RecordDuplicate"/>, saved in the same change.
    /// </summary>
    public void MarkDuplicateOf(Guid primaryId, string primaryReference, Actor by, DateTime at)
    {
        EnsureAllowed(ComplaintAction.MarkDuplicate, by, at);
        var reference = Guard.Text(primaryReference, "Reference", 20);
        if (primaryId == Id || string.Equals(reference, Reference, StringComparison.OrdinalIgnoreCase))
        {
            throw new ComplaintWorkflowException("A complaint cannot be a duplicate of itself.");
        }

        DuplicateOfId = primaryId;
        DuplicateOfReference = reference;
        _events.Add(new ComplaintMarkedDuplicate(Id, primaryId, reference, at));
        MoveTo(ComplaintAction.MarkDuplicate, by, at, $"duplicate of {reference}");
    }

    /// <summary>
    /// Records on this (primary) complaint that <paramref name="duplicateReference"/> was withdrawn as its duplicate. A
    /// withdrawn complaint cannot be a primary: the customer must be pointed at a reference that is still followed.
    /// </summary>
    public void RecordDuplicate(Guid duplicateId, string duplicateReference, Actor by, DateTime at)
    {
        if (duplicateId == Id)
        {
            throw new ComplaintWorkflowException("A complaint cannot be a duplicate of itself.");
        }

        if (Status == ComplaintStatus.Withdrawn)
        {
            throw new ComplaintWorkflowException("{0} is withdrawn; choose the complaint that carries on.", Reference);
        }

        var reference = Guard.Text(duplicateReference, "Reference", 20);
        Record(at, by, ComplaintHistoryKinds.DuplicateMerged, null, reference, $"{reference} withdrawn as a duplicate of this complaint");
        _events.Add(new ComplaintUpdated(Id, ComplaintHistoryKinds.DuplicateMerged, at));
    }

    /// <summary>Withdraws the complaint at the customer's request.</summary>
    public void Withdraw(string reason, Actor by, DateTime at) =>
        MoveTo(ComplaintAction.Withdraw, by, at, Guard.Text(reason, "Reason", ComplaintLimits.Note));

    /// <summary>
    /// Opens a resolved, closed or withdrawn complaint again; it then goes back into investigation. The escalation level
    /// stays (a level-2 complaint stays with the Chief Customer Officer); its targets and the customer-update cadence
    /// restart from the reopening (<see cref="ClockStartedAt"/>), and an update flag left from before is cleared.
    /// </summary>
    public void Reopen(string reason, Actor by, DateTime at)
    {
        var text = Guard.Text(reason, "Reason", ComplaintLimits.Note);
        EnsureAllowed(ComplaintAction.Reopen, by, at);
        Closure = null;
        ResolvedAt = null;
        ResolutionHours = null;
        CustomerWroteAfterEndAt = null;
        // A duplicate reopened is a complaint of its own again.
        DuplicateOfId = null;
        DuplicateOfReference = null;
        ReopenedAt = at;
        CustomerUpdateDueSince = null;
        MoveTo(ComplaintAction.Reopen, by, at, text);
    }

    /// <summary>Raises the complaint to a higher level with a reason (P-71 to P-73).</summary>
    public void Escalate(EscalationLevel to, string reason, Actor by, DateTime at, bool automatic = false)
    {
        EnsureAllowed(ComplaintAction.Escalate, by, at);
        if (!Enum.IsDefined(to))
        {
            throw new DomainException("Choose an escalation level from 1 to 3.");
        }

        if (to <= EscalationLevel)
        {
            throw new ComplaintWorkflowException("The complaint is already at level {0}; escalate to a higher level.", (int)EscalationLevel);
        }

        RaiseLevel(to, Guard.Text(reason, "Reason", ComplaintLimits.Note), automatic, by, at);
    }

    /// <summary>
    /// The CEO's decision on a complaint at level 3 (P-72, P-73): what the CEO decided and why, recorded on the timeline.
    /// Only while the complaint is at level 3 and unresolved; the staff then carry the decision out through the usual steps.
    /// Who may decide (the CEO) is the web app's authorization, not the domain's.
    /// </summary>
    /// <param name="outcome">Uphold the offer, improve it, refund in full, or another decision.</param>
    /// <param name="decision">The decision in the CEO's words.</param>
    /// <param name="by">The CEO.</param>
    /// <param name="at">When (UTC).</param>
    public void RecordCeoDecision(CeoDecisionOutcome outcome, string decision, Actor by, DateTime at)
    {
        Guard.Actor(by);
        Guard.Utc(at, nameof(at));
        if (!Enum.IsDefined(outcome))
        {
            throw new DomainException("Choose the outcome of the decision.");
        }

        if (EscalationLevel != EscalationLevel.ChiefExecutive)
        {
            throw new ComplaintWorkflowException("Only a complaint escalated to the CEO (level 3) takes a CEO decision.");
        }

        if (!IsUnresolved)
        {
            throw new ComplaintWorkflowException("The complaint is already resolved: reopen it before the CEO decides on it.");
        }

        if (!CeoDecisionOutcomes.For(offerMade: Resolution is not null).Contains(outcome))
        {
            throw new DomainException("No offer has been made yet, so there is none to uphold: choose another outcome.");
        }

        var text = Guard.Text(decision, "Decision", ComplaintLimits.Note);
        Record(at, by, ComplaintHistoryKinds.CeoDecision, null, outcome.ToString(), text);
        _events.Add(new ComplaintUpdated(Id, ComplaintHistoryKinds.CeoDecision, at));
    }

    /// <summary>Makes a user the owner of the complaint.</summary>
    public void Assign(string ownerId, string ownerName, Actor by, DateTime at)
    {
        EnsureAllowed(ComplaintAction.Assign, by, at);
        var id = Guard.Text(ownerId, "Owner", 450);
        var name = Guard.Text(ownerName, "Owner name", ComplaintLimits.Person);
        if (id == OwnerId)
        {
            throw new ComplaintWorkflowException("The complaint is already assigned to {0}.", name);
        }

        var before = OwnerName;
        OwnerId = id;
        OwnerName = name;
        Record(at, by, ComplaintHistoryKinds.Assigned, before, name, null);
        _events.Add(new ComplaintAssigned(Id, id, at));
    }

    /// <summary>
    /// Maps the complaint's product to a listed product (P-60), keeping the customer's spelling. Allowed in any status,
    /// closed ones included, because it corrects statistics, not the case. Mapping to the product already mapped is refused.
    /// </summary>
    /// <param name="productId">The listed product.</param>
    /// <param name="productName">Its name, for the timeline.</param>
    /// <param name="previousName">The name of the listed product mapped before, if any, for the timeline.</param>
    /// <param name="by">Who mapped it.</param>
    /// <param name="at">When (UTC).</param>
    public void MapProduct(long productId, string productName, string? previousName, Actor by, DateTime at)
    {
        Guard.Actor(by);
        Guard.Utc(at, nameof(at));
        if (productId <= 0)
        {
            throw new DomainException("Choose a product from the list.");
        }

        var name = Guard.Text(productName, "Product", ComplaintLimits.Product);
        if (ProductId == productId)
        {
            throw new ComplaintWorkflowException("The product is already mapped to {0}.", name);
        }

        ProductId = productId;
        Record(at, by, ComplaintHistoryKinds.ProductMapped, previousName ?? Product, name, Product);
        _events.Add(new ComplaintUpdated(Id, ComplaintHistoryKinds.ProductMapped, at));
    }

    /// <summary>
    /// Puts a CAPA link on the timeline (P-62): <paramref name="linked"/> true when the complaint was linked to CAPA
    /// <paramref name="capaNumber"/>, false when unlinked (with the reason). The CAPA records the same in its history. It is
    /// a record, not a workflow step: a closed complaint can still be linked to the CAPA its pattern led to.
    /// </summary>
    public void RecordCapaLink(string capaNumber, bool linked, string? reason, Actor by, DateTime at)
    {
        var number = Guard.Text(capaNumber, "CAPA", 32);
        var why = Guard.OptionalText(reason, "Reason", Capa.CapaLimits.Text);
        var kind = linked ? ComplaintHistoryKinds.CapaLinked : ComplaintHistoryKinds.CapaUnlinked;
        Record(at, by, kind, linked ? null : number, linked ? number : null, why);
        _events.Add(new ComplaintUpdated(Id, kind, at));
    }

    /// <summary>
    /// At registration only: links the product text to the listed product it names (a name or a known alias). It is part
    /// of the registration entry, so no timeline entry of its own; later changes go through <see cref="MapProduct"/>.
    /// </summary>
    public void LinkListedProduct(long productId)
    {
        if (_history.Count > 1 || ProductId is not null)
        {
            throw new DomainException("The product can be linked only at registration; map it instead.");
        }

        if (productId > 0)
        {
            ProductId = productId;
        }
    }

    /// <summary>Logs a contact with the customer; an outbound one counts as a customer update (P-21, P-41).</summary>
    public void LogCommunication(CommunicationDirection direction, CommunicationChannel channel, string summary, Actor by, DateTime at)
    {
        EnsureAllowed(ComplaintAction.LogCommunication, by, at);
        if (!Enum.IsDefined(direction) || !Enum.IsDefined(channel))
        {
            throw new DomainException("Choose the direction and channel of the contact.");
        }

        var text = Guard.Text(summary, "Summary", ComplaintLimits.Note);
        _communications.Add(new CommunicationEntry(direction, channel, text, at, by.Id, by.Name));
        if (direction == CommunicationDirection.Outbound)
        {
            LastCustomerUpdateAt = at;
            CustomerUpdateDueSince = null;
        }

        Record(at, by, ComplaintHistoryKinds.CommunicationLogged, null, $"{direction} {channel}", text);
        _events.Add(new ComplaintUpdated(Id, ComplaintHistoryKinds.CommunicationLogged, at));
    }

    /// <summary>
    /// Adds information the customer sent through the status page (P-41): an inbound contact and a timeline entry.
    /// Refused once the complaint is closed or withdrawn, when nobody would read it.
    /// </summary>
    public void AddCustomerInformation(string information, DateTime at)
    {
        Guard.Utc(at, nameof(at));
        if (Status is ComplaintStatus.Closed or ComplaintStatus.Withdrawn)
        {
            throw new ComplaintWorkflowException("This complaint is closed, so new information cannot be added here. Please contact us by phone or e-mail.");
        }

        var text = Guard.Text(information, "Information", ComplaintLimits.Note);
        _communications.Add(new CommunicationEntry(CommunicationDirection.Inbound, CommunicationChannel.StatusPage, text, at, Actor.Customer.Id, Actor.Customer.Name));
        Record(at, Actor.Customer, ComplaintHistoryKinds.CustomerAddedInformation, null, null, text);
        _events.Add(new ComplaintUpdated(Id, ComplaintHistoryKinds.CustomerAddedInformation, at));
    }

    /// <summary>
    /// A reply to the customer written in the portal (P-41): an outbound e-mail contact that counts as a customer update,
    /// e-mailed by the web app with <paramref name="subject"/> (null: the standard update subject). Needs an e-mail address.
    /// </summary>
    public void ReplyToCustomer(string? subject, string text, Actor by, DateTime at)
    {
        EnsureAllowed(ComplaintAction.LogCommunication, by, at);
        if (Customer.Email is null || AnonymisedAt is not null)
        {
            throw new DomainException("The customer has no e-mail address. Call them and log the call as a contact.");
        }

        var body = Guard.Text(text, "Reply", ComplaintLimits.Note);
        var title = Guard.OptionalText(subject, "Subject", ComplaintLimits.Subject);
        _communications.Add(new CommunicationEntry(CommunicationDirection.Outbound, CommunicationChannel.Email, body, at, by.Id, by.Name));
        LastCustomerUpdateAt = at;
        CustomerUpdateDueSince = null;
        Record(at, by, ComplaintHistoryKinds.ReplySent, null, title, body);
        _events.Add(new ComplaintUpdated(Id, ComplaintHistoryKinds.ReplySent, at));
        _events.Add(new CustomerReplyWritten(Id, title, body, at));
    }

    /// <summary>
    /// A note for staff only: kept on the timeline as its own kind of entry, never e-mailed, never shown to the customer.
    /// </summary>
    public void AddInternalNote(string text, Actor by, DateTime at)
    {
        Guard.Actor(by);
        Guard.Utc(at, nameof(at));
        if (AnonymisedAt is not null)
        {
            throw new ComplaintWorkflowException("This complaint's personal data has been erased; nothing can be added to it.");
        }

        var note = Guard.Text(text, "Note", ComplaintLimits.Note);
        Record(at, by, ComplaintHistoryKinds.InternalNote, null, null, note);
        _events.Add(new ComplaintUpdated(Id, ComplaintHistoryKinds.InternalNote, at));
    }

    /// <summary>
    /// Files the customer sent with the web form or from the status page (photos, PDF), stored by the web app and kept
    /// as evidence marked as coming from the customer. Refused once the complaint is closed or withdrawn.
    /// </summary>
    public void AddCustomerFiles(IReadOnlyList<EvidenceFile> files, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(files);
        Guard.Utc(at, nameof(at));
        if (files.Count == 0)
        {
            return;
        }

        if (Status is ComplaintStatus.Closed or ComplaintStatus.Withdrawn || AnonymisedAt is not null)
        {
            throw new ComplaintWorkflowException("This complaint is closed, so new information cannot be added here. Please contact us by phone or e-mail.");
        }

        foreach (var file in files)
        {
            _evidence.Add(new EvidenceItem(EvidenceKind.Other, file.FileName, at, Actor.Customer.Id, Actor.Customer.Name, file, fromCustomer: true));
        }

        Record(at, Actor.Customer, ComplaintHistoryKinds.CustomerSentFiles, null, null, string.Join(", ", files.Select(f => f.FileName)));
        _events.Add(new ComplaintUpdated(Id, ComplaintHistoryKinds.CustomerSentFiles, at));
    }

    /// <summary>
    /// The customer's own escalation of an unresolved complaint to the CEO (P-73), with their reason.
    /// </summary>
    public void RequestCeoReview(string reason, DateTime at)
    {
        Guard.Utc(at, nameof(at));
        if (!IsUnresolved)
        {
            throw new ComplaintWorkflowException("Only an unresolved complaint can be escalated to the CEO.");
        }

        if (EscalationLevel == EscalationLevel.ChiefExecutive)
        {
            throw new ComplaintWorkflowException("The complaint is already with the CEO.");
        }

        var text = Guard.Text(reason, "Reason", ComplaintLimits.Note);
        RaiseLevel(EscalationLevel.ChiefExecutive, text, automatic: false, Actor.Customer, at);
    }

    /// <summary>
    /// Records an e-mail the customer sent about this complaint (a reply to the portal's mail): an inbound contact with its
    /// files as evidence "from the customer". Unlike the status page, the mailbox cannot refuse a customer, so a message
    /// to a closed or withdrawn complaint is kept too and flagged for staff, who decide whether to reopen it.
    /// </summary>
    /// <param name="text">What the customer wrote (plain text; the caller names a sender other than the customer in it).</param>
    /// <param name="files">Attachments already stored and checked.</param>
    /// <param name="receivedAt">When the mailbox received it (UTC).</param>
    public void ReceiveCustomerEmail(string text, IReadOnlyList<EvidenceFile> files, DateTime receivedAt)
    {
        ArgumentNullException.ThrowIfNull(files);
        Guard.Utc(receivedAt, nameof(receivedAt));
        var body = Guard.Text(text, "E-mail text", ComplaintLimits.Note);
        var by = Actor.Customer;
        _communications.Add(new CommunicationEntry(CommunicationDirection.Inbound, CommunicationChannel.Email, body, receivedAt, by.Id, by.Name));
        var afterEnd = Status is ComplaintStatus.Closed or ComplaintStatus.Withdrawn;
        var kind = afterEnd ? ComplaintHistoryKinds.CustomerEmailAfterEnd : ComplaintHistoryKinds.CustomerEmailReceived;
        Record(receivedAt, by, kind, null, null, body);
        AttachCustomerFiles(files, by, receivedAt);
        if (afterEnd)
        {
            CustomerWroteAfterEndAt = receivedAt;
        }

        _events.Add(new ComplaintUpdated(Id, kind, receivedAt));
    }

    /// <summary>
    /// Records that an e-mail to the customer came back as undeliverable (a delivery report), so staff reach the customer
    /// another way.
    /// </summary>
    public void RecordEmailNotDelivered(string subject, string reason, DateTime at)
    {
        Guard.Utc(at, nameof(at));
        Record(at, Actor.System, ComplaintHistoryKinds.EmailNotDelivered, null, Guard.Text(subject, "Subject", ComplaintLimits.Subject),
            Guard.Text(reason, "Reason", ComplaintLimits.Note));
        _events.Add(new ComplaintUpdated(Id, ComplaintHistoryKinds.EmailNotDelivered, at));
    }

    /// <summary>Adds an evidence file (P-30): a document or photo stored by the portal, described like other evidence.</summary>
    public void AddEvidenceFile(EvidenceKind kind, string description, EvidenceFile file, Actor by, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(file);
        EnsureAllowed(ComplaintAction.AddEvidence, by, at);
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Choose the kind of evidence.");
        }

        var text = Guard.Text(description, "Evidence description", ComplaintLimits.Note);
        _evidence.Add(new EvidenceItem(kind, text, at, by.Id, by.Name, file));
        Record(at, by, ComplaintHistoryKinds.EvidenceAdded, null, kind.ToString(), $"{text} ({file.FileName})");
        _events.Add(new ComplaintUpdated(Id, ComplaintHistoryKinds.EvidenceAdded, at));
    }

    /// <summary>
    /// Records that the acknowledgement deadline is near (P-20). Does nothing when the complaint is no longer waiting for
    /// acknowledgement or was already warned, so a scan that runs twice records it once.
    /// </summary>
    /// <param name="warnedAt">The moment the warning became due (UTC), so a late scan records when it should have happened.</param>
    /// <returns>Whether anything was recorded.</returns>
    public bool WarnAcknowledgementDue(DateTime warnedAt)
    {
        Guard.Utc(warnedAt, nameof(warnedAt));
        if (Status != ComplaintStatus.Received || AcknowledgementWarnedAt is not null)
        {
            return false;
        }

        AcknowledgementWarnedAt = warnedAt;
        Record(warnedAt, Actor.System, ComplaintHistoryKinds.AcknowledgementWarning, null, AcknowledgementDueAt.ToString("O", CultureInfo.InvariantCulture), null);
        _events.Add(new ComplaintDeadlineFlagged(Id, ComplaintHistoryKinds.AcknowledgementWarning, warnedAt));
        return true;
    }

    /// <summary>
    /// Records that the 24-hour acknowledgement deadline passed (P-20), at the deadline itself. Once only, and never for
    /// a complaint acknowledged in time.
    /// </summary>
    /// <returns>Whether anything was recorded.</returns>
    public bool RecordAcknowledgementBreach()
    {
        if (Status != ComplaintStatus.Received || AcknowledgementBreachedAt is not null)
        {
            return false;
        }

        AcknowledgementBreachedAt = AcknowledgementDueAt;
        Record(AcknowledgementDueAt, Actor.System, ComplaintHistoryKinds.AcknowledgementBreached, null, AcknowledgementDueAt.ToString("O", CultureInfo.InvariantCulture), null);
        _events.Add(new ComplaintDeadlineFlagged(Id, ComplaintHistoryKinds.AcknowledgementBreached, AcknowledgementDueAt));
        return true;
    }

    /// <summary>
    /// Flags that the customer is owed an update (P-21, P-41): no outbound contact since <paramref name="dueSince"/>'s
    /// cadence began. Once per gap; the next outbound contact clears it.
    /// </summary>
    /// <returns>Whether anything was recorded.</returns>
    public bool FlagCustomerUpdateDue(DateTime dueSince)
    {
        Guard.Utc(dueSince, nameof(dueSince));
        if (!IsUnresolved || CustomerUpdateDueSince is not null)
        {
            return false;
        }

        CustomerUpdateDueSince = dueSince;
        Record(dueSince, Actor.System, ComplaintHistoryKinds.CustomerUpdateDue, null, null, null);
        _events.Add(new ComplaintDeadlineFlagged(Id, ComplaintHistoryKinds.CustomerUpdateDue, dueSince));
        return true;
    }

    /// <summary>
    /// Erases the customer's personal data and all free text that may hold it (P-51), keeping what statistics need:
    /// channel, category, product, severity, dates, statuses, levels, root-cause category, resolution kind and amount.
    /// Only for a closed or withdrawn complaint; once.
    /// </summary>
    /// <returns>Whether anything was erased.</returns>
    public bool Anonymise(DateTime at)
    {
        Guard.Utc(at, nameof(at));
        if (AnonymisedAt is not null)
        {
            return false;
        }

        if (Status is not (ComplaintStatus.Closed or ComplaintStatus.Withdrawn))
        {
            throw new ComplaintWorkflowException("Only a closed or withdrawn complaint can be anonymised.");
        }

        Customer = CustomerContact.Anonymous;
        Subject = Erased;
        Description = Erased;
        OrderNumber = null;
        foreach (var evidence in _evidence)
        {
            evidence.Erase(Erased);
        }

        foreach (var interview in _interviews)
        {
            interview.Erase(Erased);
        }

        foreach (var communication in _communications)
        {
            communication.Erase(Erased);
        }

        foreach (var escalation in _escalations)
        {
            escalation.Erase(Erased);
        }

        if (RootCause is { } rootCause)
        {
            RootCause = rootCause with { Description = Erased, ContributingFactors = null };
        }

        Resolution = Resolution?.Erased(Erased);
        if (Closure is { } closure)
        {
            Closure = closure with { Note = Erased };
        }

        AnonymisedAt = at;
        Record(at, Actor.System, ComplaintHistoryKinds.Anonymised, null, null, null);
        _events.Add(new ComplaintUpdated(Id, ComplaintHistoryKinds.Anonymised, at));
        return true;
    }

    /// <summary>What erased free text reads as.</summary>
    public const string Erased = "[erased]";

    /// <summary>The language of messages when none is known.</summary>
    public const string DefaultLanguage = "en";

    /// <summary>Forgets the events once the web app has published them.</summary>
    public void ClearDomainEvents() => _events.Clear();

    private void EnsureAllowed(ComplaintAction action, Actor by, DateTime at)
    {
        Guard.Actor(by);
        Guard.Utc(at, nameof(at));
        if (!ComplaintWorkflow.Allows(Status, action))
        {
            throw Refusal(action);
        }
    }

    private ComplaintWorkflowException Refusal(ComplaintAction action) =>
        new("“{1}” is not possible while the complaint is in the status “{0}”.", ComplaintWorkflow.Describe(Status), ComplaintWorkflow.Describe(action));

    private void AttachCustomerFiles(IReadOnlyList<EvidenceFile> files, Actor by, DateTime at)
    {
        foreach (var file in files)
        {
            _evidence.Add(new EvidenceItem(EvidenceKind.Communication, CustomerFileDescription, at, by.Id, by.Name, file, fromCustomer: true));
            Record(at, by, ComplaintHistoryKinds.EvidenceAdded, null, EvidenceKind.Communication.ToString(), $"{CustomerFileDescription} ({file.FileName})");
        }
    }

    /// <summary>How evidence the customer sent is described.</summary>
    public const string CustomerFileDescription = "Sent by the customer";

    private void MoveTo(ComplaintAction action, Actor by, DateTime at, string? details)
    {
        Guard.Actor(by);
        Guard.Utc(at, nameof(at));
        var target = ComplaintWorkflow.Target(Status, action) ?? throw Refusal(action);
        var from = Status;
        Status = target;
        EndedAt = target is ComplaintStatus.Closed or ComplaintStatus.Withdrawn ? at : null;
        Record(at, by, ComplaintHistoryKinds.StatusChanged, from.ToString(), target.ToString(), details);
        _events.Add(new ComplaintStatusChanged(Id, from, target, at));
    }

    private void RaiseLevel(EscalationLevel to, string reason, bool automatic, Actor by, DateTime at)
    {
        var from = EscalationLevel;
        EscalationLevel = to;
        EscalatedAt = at;
        _escalations.Add(new EscalationRecord(from, to, reason, automatic, at, by.Id, by.Name));
        Record(at, by, ComplaintHistoryKinds.Escalated, ComplaintHistoryEntry.LevelText(from), ComplaintHistoryEntry.LevelText(to), reason);
        _events.Add(new ComplaintEscalated(Id, from, to, automatic, at));
    }

    private void Record(DateTime at, Actor by, string kind, string? before, string? after, string? details)
    {
        Guard.Actor(by);
        Guard.Utc(at, nameof(at));
        _history.Add(new ComplaintHistoryEntry(at, by.Id, by.Name, kind, before, after, details));
        LastChangedAt = at;
    }

    /// <summary>The <c>yyyymm</c> key of a month, as <see cref="ReceivedMonth"/> stores it.</summary>
    public static int MonthKey(DateTime time) => (time.Year * 100) + time.Month;

    private static string NormaliseLanguage(string? language)
    {
        var trimmed = language?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return DefaultLanguage;
        }

        return trimmed.Length <= 10 && trimmed.All(ch => char.IsAsciiLetter(ch) || ch == '-')
            ? trimmed.ToLowerInvariant()
            : throw new DomainException("The customer's language is not valid.");
    }

    private static string DescribeOffer(ResolutionOffer offer) =>
        offer.Amount is { } amount
            ? string.Create(CultureInfo.InvariantCulture, $"{amount:0.00} {offer.Currency}: {offer.Details}")
            : offer.Compensation is { } compensation ? $"{compensation}: {offer.Details}" : offer.Details;
}
