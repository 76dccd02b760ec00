using System.Globalization;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Domain.Capa;

/// <summary>
/// A corrective or preventive action record (P-62): the problem, its risk, the root-cause analysis (5 Whys and
/// fishbone), the actions with owners and due dates, and the effectiveness check (P-61). Every change goes through
/// <see cref="CapaWorkflow"/> and appends to the history.
/// </summary>
public sealed class CapaRecord
{
    private readonly List<CapaComplaintLink> _complaints = [];
    private readonly List<string> _whys = [];
    private readonly List<FishboneNote> _fishbone = [];
    private readonly List<CapaAction> _actions = [];
    private readonly List<CapaHistoryEntry> _history = [];

    private CapaRecord()
    {
        Number = string.Empty;
        Title = string.Empty;
        ProblemStatement = string.Empty;
        OpenedById = string.Empty;
        OpenedByName = string.Empty;
    }

    /// <summary>Made with <see cref="Guid.NewGuid"/> when the CAPA is opened, not by the database.</summary>
    public Guid Id { get; private set; }

    /// <summary>Human-friendly number, CAPA-{year}-{sequence}.</summary>
    public string Number { get; private set; }

    /// <summary>
    /// With <see cref="NumberSequence"/>, unique (a database index enforces it); the yyyy in CAPA-yyyy-nnnn.
    /// </summary>
    public int NumberYear { get; private set; }

    /// <summary>Sequence of the number within its year.</summary>
    public int NumberSequence { get; private set; }

    /// <summary>Short name of the problem.</summary>
    public string Title { get; private set; }

    /// <summary>Corrective or preventive.</summary>
    public CapaKind Kind { get; private set; }

    /// <summary>What led to it.</summary>
    public CapaSource Source { get; private set; }

    /// <summary>What goes wrong, where and how often.</summary>
    public string ProblemStatement { get; private set; }

    /// <summary>Severity 1–5.</summary>
    public int Severity { get; private set; }

    /// <summary>Likelihood 1–5.</summary>
    public int Likelihood { get; private set; }

    /// <summary>Severity × likelihood and its level.</summary>
    public CapaRisk Risk => new(Severity, Likelihood);

    /// <summary>Product whose complaints the effectiveness check counts (with <see cref="RecurrenceCategory"/>).</summary>
    public string? RecurrenceProduct { get; private set; }

    /// <summary>Complaint category code the effectiveness check counts.</summary>
    public string? RecurrenceCategory { get; private set; }

    /// <summary>Root-cause category the effectiveness check counts (when no product is set).</summary>
    public RootCauseCategory? RecurrenceRootCause { get; private set; }

    /// <summary>The complaints it is about.</summary>
    public IReadOnlyList<CapaComplaintLink> Complaints => _complaints;

    /// <summary>The 5 Whys chain: each answer explains the one before; at most five.</summary>
    public IReadOnlyList<string> Whys => _whys;

    /// <summary>Fishbone notes, one per category at most.</summary>
    public IReadOnlyList<FishboneNote> Fishbone => _fishbone;

    /// <summary>The actions, in the order they were added.</summary>
    public IReadOnlyList<CapaAction> Actions => _actions;

    /// <summary>Append-only history.</summary>
    public IReadOnlyList<CapaHistoryEntry> History => _history;

    /// <summary>Where it stands.</summary>
    public CapaStatus Status { get; private set; }

    /// <summary>What must hold for the fix to count as effective.</summary>
    public string? EffectivenessCriterion { get; private set; }

    /// <summary>Days before and after implementation that the effectiveness check compares.</summary>
    public int EffectivenessWindowDays { get; private set; } = CapaLimits.DefaultWindowDays;

    /// <summary>When the last action was finished and the check began (UTC); the split between "before" and "after".</summary>
    public DateTime? ImplementedAt { get; private set; }

    /// <summary>The latest effectiveness decision; cleared when the CAPA goes back to investigation.</summary>
    public EffectivenessDecision? Decision { get; private set; }

    /// <summary>When it was opened (UTC).</summary>
    public DateTime OpenedAt { get; private set; }

    /// <summary>Identity user id of the person who opened the CAPA.</summary>
    public string OpenedById { get; private set; }

    /// <summary>Copied when the CAPA is opened, so pages show it without looking the user up.</summary>
    public string OpenedByName { get; private set; }

    /// <summary>The electronic signature that approved the closure (who, role, when, meaning).</summary>
    public CapaSignature? ClosureApproval { get; private set; }

    /// <summary>When it was closed (UTC).</summary>
    public DateTime? ClosedAt { get; private set; }

    /// <summary>When it last changed (UTC).</summary>
    public DateTime LastChangedAt { get; private set; }

    /// <summary>Grows with every change; a second writer holding an old revision is refused.</summary>
    public int Revision { get; private set; }

    /// <summary>When the effectiveness check is due: the window after implementation has passed.</summary>
    public DateTime? EffectivenessDueAt => ImplementedAt?.AddDays(EffectivenessWindowDays);

    /// <summary>The steps the workflow allows now; the page shows these and no others.</summary>
    public IReadOnlyList<CapaStep> AllowedSteps => CapaWorkflow.AllowedIn(Status);

    /// <summary>CAPA-yyyy-nnnn: the sequence zero-padded to four digits, culture-invariant.</summary>
    public static string FormatNumber(int year, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"CAPA-{year}-{sequence:0000}");

    /// <summary>
    /// Opens a CAPA. The recurrence scope (product and category, or a root-cause category) is what the effectiveness
    /// check counts; it is optional for audit findings that no complaint category describes.
    /// </summary>
    public static CapaRecord Open(
        int year,
        int sequence,
        string? title,
        CapaKind kind,
        CapaSource source,
        string? problemStatement,
        CapaRisk risk,
        IEnumerable<CapaComplaintLink> complaints,
        string? recurrenceProduct,
        string? recurrenceCategory,
        RootCauseCategory? recurrenceRootCause,
        Actor by,
        DateTime at)
    {
        Guard.Actor(by);
        Guard.Utc(at, nameof(at));
        ArgumentNullException.ThrowIfNull(risk);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);

        var capa = new CapaRecord
        {
            Id = Guid.NewGuid(),
            NumberYear = year,
            NumberSequence = sequence,
            Number = FormatNumber(year, sequence),
            Title = Guard.Text(title, "Title", CapaLimits.Title),
            Kind = kind,
            Source = source,
            ProblemStatement = Guard.Text(problemStatement, "Problem statement", CapaLimits.Text),
            Severity = CapaRisk.Create(risk.Severity, risk.Likelihood).Severity,
            Likelihood = risk.Likelihood,
            RecurrenceProduct = Guard.OptionalText(recurrenceProduct, "Product", CapaLimits.Product),
            RecurrenceCategory = Guard.OptionalText(recurrenceCategory, "Category", CapaLimits.Category),
            RecurrenceRootCause = recurrenceRootCause,
            Status = CapaStatus.Open,
            OpenedAt = at,
            OpenedById = by.Id,
            OpenedByName = by.Name,
            LastChangedAt = at,
        };
        capa._complaints.AddRange(complaints.DistinctBy(c => c.ComplaintId));
        capa.Record(by, at, "Opened", capa.Number + " · " + capa.Title);
        return capa;
    }

    /// <summary>Open → Investigating.</summary>
    public void StartInvestigation(Actor by, DateTime at) => MoveTo(CapaStep.StartInvestigation, by, at, null);

    /// <summary>Investigating → ActionPlan; needs a root-cause analysis (a Why or a fishbone note).</summary>
    public void PlanActions(Actor by, DateTime at)
    {
        EnsureAllowed(CapaStep.PlanActions);
        if (_whys.Count == 0 && _fishbone.Count == 0)
        {
            throw new CapaWorkflowException("Record the root-cause analysis (at least one Why or fishbone note) before planning actions.");
        }

        MoveTo(CapaStep.PlanActions, by, at, null);
    }

    /// <summary>
    /// ActionPlan → Implementing; needs at least one action that is not cancelled. A memo or training action may already
    /// be done on its evidence while the plan is drawn up (everyone acknowledged at once); that still counts as the plan.
    /// </summary>
    public void StartImplementation(Actor by, DateTime at)
    {
        EnsureAllowed(CapaStep.StartImplementation);
        if (!_actions.Any(a => a.Status != CapaActionStatus.Cancelled))
        {
            throw new CapaWorkflowException("Implementation needs at least one action.");
        }

        MoveTo(CapaStep.StartImplementation, by, at, null);
    }

    /// <summary>
    /// Implementing → EffectivenessCheck; every action must be done or cancelled, at least one done, and a criterion set.
    /// The moment becomes <see cref="ImplementedAt"/>, the split of the before/after windows.
    /// </summary>
    public void StartEffectivenessCheck(Actor by, DateTime at)
    {
        EnsureAllowed(CapaStep.StartEffectivenessCheck);
        if (_actions.Any(a => a.Status == CapaActionStatus.Open))
        {
            throw new CapaWorkflowException("Every action must be done or cancelled before the effectiveness check.");
        }

        if (!_actions.Any(a => a.Status == CapaActionStatus.Done))
        {
            throw new CapaWorkflowException("At least one action must be done before the effectiveness check.");
        }

        if (string.IsNullOrWhiteSpace(EffectivenessCriterion))
        {
            throw new CapaWorkflowException("Set the effectiveness criterion before the effectiveness check.");
        }

        MoveTo(CapaStep.StartEffectivenessCheck, by, at, null);
        ImplementedAt = at;
        Decision = null;
    }

    /// <summary>
    /// Records Quality's decision with the evidence it saw (P-61). Effective: the CAPA may be closed. Not effective
    /// (a note says why): back to Investigating, the previous decision kept in the history only.
    /// </summary>
    public void RecordEffectiveness(bool effective, string? note, EffectivenessEvidence evidence, Actor by, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (effective)
        {
            EnsureAllowed(CapaStep.RecordEffective);
            var text = Guard.OptionalText(note, "Note", CapaLimits.Text);
            Decision = new EffectivenessDecision(true, text, evidence.Before, evidence.After, at, by.Id, by.Name);
            Record(by, at, "Found effective", Figures(evidence, text));
            return;
        }

        EnsureAllowed(CapaStep.RecordNotEffective);
        var reason = Guard.Text(note, "Note", CapaLimits.Text);
        MoveTo(CapaStep.RecordNotEffective, by, at, Figures(evidence, reason));
        Decision = null;
        ImplementedAt = null;
    }

    /// <summary>
    /// EffectivenessCheck → Closed; only after an "effective" decision and with a closure approval: the electronic
    /// signature of a second person (Quality or CCO, checked by the web app with their password), not the CAPA's owner
    /// (<see cref="OpenedById"/>). The signer is the one who closes.
    /// </summary>
    public void Close(CapaSignature? approval, DateTime at)
    {
        EnsureAllowed(CapaStep.Close);
        if (Decision is not { Effective: true })
        {
            throw new CapaWorkflowException("A CAPA is closed only after it was found effective.");
        }

        if (approval is null || approval.Meaning != CapaSignature.ApprovedClosure)
        {
            throw new CapaWorkflowException("Closing a CAPA needs the approval of a second person in the Quality or CCO role.");
        }

        if (approval.SignerId == OpenedById)
        {
            throw new CapaWorkflowException("The CAPA's owner cannot approve its closure: a second person must.");
        }

        var signer = new Actor(approval.SignerId, approval.SignerName);
        MoveTo(CapaStep.Close, signer, at, null);
        ClosureApproval = approval;
        Record(signer, at, "Closure approved", string.Create(CultureInfo.InvariantCulture, $"{approval.SignerName} · role {approval.SignerRole} · {approval.Meaning} · electronic signature"));
        ClosedAt = at;
    }

    /// <summary>
    /// Links a complaint to the CAPA (from the case page, a trend, or the CAPA), with an optional reason; the complaint's
    /// timeline records the same link. Refused on a closed CAPA and for a complaint already linked.
    /// </summary>
    public void LinkComplaint(CapaComplaintLink link, string? reason, Actor by, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (!CapaWorkflow.IsOpen(Status))
        {
            throw new CapaWorkflowException("A closed CAPA takes no more complaints; open a new one.");
        }

        if (_complaints.Any(c => c.ComplaintId == link.ComplaintId))
        {
            throw new DomainException("The complaint is already linked to this CAPA.");
        }

        var why = Guard.OptionalText(reason, "Reason", CapaLimits.Text);
        _complaints.Add(link);
        Record(by, at, "Complaint linked", link.Reference + (why is null ? string.Empty : " · " + why));
    }

    /// <summary>Unlinks a complaint; the reason is required and kept in both histories.</summary>
    public void UnlinkComplaint(Guid complaintId, string? reason, Actor by, DateTime at)
    {
        var link = _complaints.SingleOrDefault(c => c.ComplaintId == complaintId) ?? throw new DomainException("The complaint is not linked to this CAPA.");
        if (!CapaWorkflow.IsOpen(Status))
        {
            throw new CapaWorkflowException("A closed CAPA keeps the complaints it was closed with.");
        }

        var why = Guard.Text(reason, "Reason", CapaLimits.Text);
        _complaints.Remove(link);
        Record(by, at, "Complaint unlinked", link.Reference + " · " + why);
    }

    /// <summary>Changes the title, type, source, problem statement and risk.</summary>
    public void UpdateDetails(string? title, CapaKind kind, CapaSource source, string? problemStatement, CapaRisk risk, Actor by, DateTime at)
    {
        EnsureAllowed(CapaStep.EditDetails);
        ArgumentNullException.ThrowIfNull(risk);
        var checkedRisk = CapaRisk.Create(risk.Severity, risk.Likelihood);
        Title = Guard.Text(title, "Title", CapaLimits.Title);
        ProblemStatement = Guard.Text(problemStatement, "Problem statement", CapaLimits.Text);
        Kind = kind;
        Source = source;
        Severity = checkedRisk.Severity;
        Likelihood = checkedRisk.Likelihood;
        Record(by, at, "Details changed", string.Create(CultureInfo.InvariantCulture, $"{Title} · risk {checkedRisk.Score} ({checkedRisk.Level})"));
    }

    /// <summary>Replaces the 5 Whys chain and the fishbone notes (blank entries are dropped).</summary>
    public void RecordRootCauseAnalysis(IEnumerable<string?> whys, IEnumerable<(FishboneCategory Category, string? Notes)> fishbone, Actor by, DateTime at)
    {
        EnsureAllowed(CapaStep.EditRootCause);
        var chain = whys.Select(w => Guard.OptionalText(w, "Why", CapaLimits.Text)).OfType<string>().ToList();
        if (chain.Count > CapaLimits.MaxWhys)
        {
            throw new DomainException("The 5 Whys chain has at most {0} answers.", CapaLimits.MaxWhys);
        }

        var notes = new List<FishboneNote>();
        foreach (var (category, text) in fishbone)
        {
            if (Guard.OptionalText(text, "Fishbone note", CapaLimits.Text) is { } trimmed)
            {
                if (notes.Any(n => n.Category == category))
                {
                    throw new DomainException("Each fishbone category has one note.");
                }

                notes.Add(new FishboneNote(category, trimmed));
            }
        }

        _whys.Clear();
        _whys.AddRange(chain);
        _fishbone.Clear();
        _fishbone.AddRange(notes.OrderBy(n => n.Category));
        Record(by, at, "Root-cause analysis recorded", string.Create(CultureInfo.InvariantCulture, $"{chain.Count} whys, {notes.Count} fishbone notes"));
    }

    /// <summary>Adds an action with an owner and a due day that is not in the past.</summary>
    public CapaAction AddAction(string? description, Actor? owner, DateOnly? dueOn, DateOnly today, Actor by, DateTime at)
    {
        EnsureAllowed(CapaStep.AddAction);
        var text = Guard.Text(description, "Action", CapaLimits.ActionDescription);
        if (owner is null || string.IsNullOrWhiteSpace(owner.Id))
        {
            throw new DomainException("Choose the owner of the action.");
        }

        if (dueOn is not { } due)
        {
            throw new DomainException("Enter the due date of the action.");
        }

        if (due < today)
        {
            throw new DomainException("The due date cannot be in the past.");
        }

        var action = new CapaAction(_actions.Count == 0 ? 1 : _actions.Max(a => a.Number) + 1, text, owner, due, today);
        _actions.Add(action);
        Record(by, at, "Action added", string.Create(CultureInfo.InvariantCulture, $"#{action.Number} {text} · {owner.Name} · {due:yyyy-MM-dd}"));
        return action;
    }

    /// <summary>
    /// Adds a memo action (P-81): the memo published from this CAPA for <paramref name="audienceRoles"/>. It finishes
    /// when everyone in the audience has acknowledged the memo (<see cref="CompleteOnEvidence"/>), never by hand.
    /// </summary>
    public CapaAction AddMemoAction(Guid memoId, string? memoTitle, IReadOnlyCollection<string> audienceRoles, Actor? owner, DateOnly? dueOn, DateOnly today, Actor by, DateTime at)
    {
        var title = Guard.Text(memoTitle, "Memo title", CapaLimits.ActionDescription - 8);
        return AddTeachingAction(CapaActionKind.Memo, "Memo: " + title, memoId, null, title, audienceRoles, owner, dueOn, today, by, at);
    }

    /// <summary>
    /// Adds a training action (P-80): every staff member in <paramref name="requiredRoles"/> is to complete the course.
    /// It finishes when they all have, on or after the day it was added (<see cref="CompleteOnEvidence"/>), never by hand.
    /// </summary>
    public CapaAction AddTrainingAction(int courseId, string? courseName, IReadOnlyCollection<string> requiredRoles, Actor? owner, DateOnly? dueOn, DateOnly today, Actor by, DateTime at)
    {
        var name = Guard.Text(courseName, "Course", CapaLimits.ActionDescription - 12);
        return AddTeachingAction(CapaActionKind.Training, "Training: " + name, null, courseId, name, requiredRoles, owner, dueOn, today, by, at);
    }

    /// <summary>The history entry of an action the portal finished on its evidence.</summary>
    public const string DoneOnEvidence = "Action done on evidence";

    /// <summary>
    /// Finishes an open memo or training action when <paramref name="evidence"/> shows everyone required has acknowledged
    /// or completed (P-62's evidence of the action). Returns false and changes nothing while the evidence is incomplete,
    /// for a task action, or for an action already finished; the portal calls this, so the history names the system.
    /// </summary>
    public bool CompleteOnEvidence(int number, TeachingEvidence evidence, DateOnly on, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var action = _actions.SingleOrDefault(a => a.Number == number) ?? throw new DomainException("The action does not exist.");
        if (!action.CompletesOnEvidence || action.Status != CapaActionStatus.Open || !evidence.IsComplete || !CapaWorkflow.IsOpen(Status))
        {
            return false;
        }

        action.Finish(CapaActionStatus.Done, on);
        var what = action.Kind == CapaActionKind.Memo ? "acknowledged" : "completed";
        Record(Actor.System, at, DoneOnEvidence, string.Create(CultureInfo.InvariantCulture, $"#{number} {action.Description} · {what} {evidence.Done} of {evidence.Required}"));
        return true;
    }

    private CapaAction AddTeachingAction(
        CapaActionKind kind, string description, Guid? memoId, int? courseId, string title, IReadOnlyCollection<string> roles, Actor? owner, DateOnly? dueOn, DateOnly today, Actor by, DateTime at)
    {
        var wanted = roles.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            throw kind == CapaActionKind.Memo
                ? new DomainException("Choose at least one role to send the memo to.")
                : new DomainException("Choose at least one role that must take the course.");
        }

        var action = AddAction(description, owner, dueOn, today, by, at);
        action.Teach(kind, memoId, courseId, title, wanted);
        return action;
    }

    /// <summary>Marks an open action done or cancelled on <paramref name="on"/>.</summary>
    public void FinishAction(int number, CapaActionStatus status, DateOnly on, Actor by, DateTime at)
    {
        EnsureAllowed(CapaStep.FinishAction);
        if (status == CapaActionStatus.Open)
        {
            throw new ArgumentOutOfRangeException(nameof(status));
        }

        var action = _actions.SingleOrDefault(a => a.Number == number) ?? throw new DomainException("The action does not exist.");
        if (action.Status != CapaActionStatus.Open)
        {
            throw new DomainException("The action is already finished.");
        }

        if (status == CapaActionStatus.Done && action.CompletesOnEvidence)
        {
            // P-80/P-81: the evidence is the acknowledgements or the training records, not someone's word for it.
            if (action.Kind == CapaActionKind.Memo)
            {
                throw new CapaWorkflowException("A memo action is done when everyone in the memo's audience has acknowledged it; it cannot be marked done by hand.");
            }

            throw new CapaWorkflowException("A training action is done when every required staff member has completed the course; it cannot be marked done by hand.");
        }

        action.Finish(status, on);
        Record(by, at, status == CapaActionStatus.Done ? "Action done" : "Action cancelled", string.Create(CultureInfo.InvariantCulture, $"#{number} {action.Description}"));
    }

    /// <summary>Sets what must hold for the fix to count as effective, and the window compared before and after.</summary>
    public void SetEffectivenessCheck(string? criterion, int windowDays, Actor by, DateTime at)
    {
        EnsureAllowed(CapaStep.SetEffectivenessCheck);
        var text = Guard.Text(criterion, "Effectiveness criterion", CapaLimits.Text);
        if (windowDays is < CapaLimits.MinWindowDays or > CapaLimits.MaxWindowDays)
        {
            throw new DomainException("The effectiveness window must be between {0} and {1} days.", CapaLimits.MinWindowDays, CapaLimits.MaxWindowDays);
        }

        EffectivenessCriterion = text;
        EffectivenessWindowDays = windowDays;
        Record(by, at, "Effectiveness check set", string.Create(CultureInfo.InvariantCulture, $"{text} · {windowDays} days"));
    }

    /// <summary>The portal flagged an open action overdue; once per action. Returns false when there was nothing to flag.</summary>
    public bool FlagOverdueAction(int number, DateOnly today, DateTime at)
    {
        var action = _actions.SingleOrDefault(a => a.Number == number);
        if (action is null || !action.IsOverdue(today) || action.OverdueFlaggedAt is not null)
        {
            return false;
        }

        action.FlagOverdue(at);
        Record(Actor.System, at, "Action overdue", string.Create(CultureInfo.InvariantCulture, $"#{number} {action.Description} · {action.OwnerName} · {action.DueOn:yyyy-MM-dd}"));
        return true;
    }

    /// <summary>
    /// The windows the effectiveness check compares: [implemented − window, implemented) and [implemented,
    /// implemented + window). Null before implementation.
    /// </summary>
    public (DateTime BeforeFrom, DateTime Split, DateTime AfterTo)? EffectivenessWindows() =>
        ImplementedAt is { } split ? (split.AddDays(-EffectivenessWindowDays), split, split.AddDays(EffectivenessWindowDays)) : null;

    private static string Figures(EffectivenessEvidence evidence, string? note) =>
        string.Create(CultureInfo.InvariantCulture, $"before {evidence.Before}, after {evidence.After}") + (note is null ? string.Empty : " · " + note);

    private void EnsureAllowed(CapaStep step)
    {
        if (!CapaWorkflow.Allows(Status, step))
        {
            throw new CapaWorkflowException("“{0}” is not possible while the CAPA is in “{1}”.", Describe(step), Describe(Status));
        }
    }

    private void MoveTo(CapaStep step, Actor by, DateTime at, string? details)
    {
        EnsureAllowed(step);
        var to = CapaWorkflow.Target(Status, step) ?? throw new CapaWorkflowException("“{0}” is not possible while the CAPA is in “{1}”.", Describe(step), Describe(Status));
        var from = Status;
        Status = to;
        Record(by, at, "Status changed", Describe(from) + " → " + Describe(to) + (details is null ? string.Empty : " · " + details));
    }

    /// <summary>The number of the last change (the last history entry); a form remembers it when it is opened.</summary>
    public int LastChange => _history.Count == 0 ? 0 : _history.Max(h => h.Sequence);

    /// <summary>
    /// Refuses a save from a form opened at change <paramref name="seenChange"/> when changes were saved since, naming
    /// them (<see cref="CapaConflictException"/>), so an edit never silently replaces a colleague's.
    /// </summary>
    public void EnsureUnchangedSince(int seenChange)
    {
        // The portal finishing a memo or training action on its evidence (P-80, P-81) changes nothing a form edits: it
        // refuses no one's save. It happens in the commit of someone's acknowledgement or course, while Quality may be typing.
        var later = _history.Where(h => h.Sequence > seenChange && !(h.ActorId == Actor.SystemId && h.What == DoneOnEvidence))
            .OrderBy(h => h.Sequence).ToList();
        if (later.Count > 0)
        {
            throw new CapaConflictException(later, LastChange);
        }
    }

    private void Record(Actor by, DateTime at, string what, string? details)
    {
        Guard.Actor(by);
        Guard.Utc(at, nameof(at));
        _history.Add(new CapaHistoryEntry(_history.Count + 1, at, by.Id, by.Name, what, details));
        LastChangedAt = at;
        Revision++;
    }

    /// <summary>A status as the page shows it ("Effectiveness check"); the same text as the enum's UI name, so it is translated.</summary>
    public static string Describe(CapaStatus status) => Words(status.ToString());

    /// <summary>A step as its button shows it ("Start implementation"); the same text as the enum's UI name.</summary>
    public static string Describe(CapaStep step) => Words(step.ToString());

    private static string Words(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}
