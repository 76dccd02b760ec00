using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Audit;
using Zowor.Portal.Features.Settings;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Security;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Complaints;

/// <summary>
/// The complaint use cases. Each change: one context, load the aggregate, call one domain method, save
/// (the version check turns a concurrent edit into <see cref="ComplaintConflictException"/>), publish events.
/// Every method checks authorization itself.
/// </summary>
public sealed class ComplaintService(
    IDbContextFactory<PortalDbContext> contexts,
    CurrentUser currentUser,
    BusinessClock clock,
    ComplaintUpdater updater,
    AuditTrail audit,
    SettingsProvider settings)
{
    public async Task<RegisteredComplaint> RegisterAsync(RegisterComplaintForm form, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireAsync(PortalRoles.Policies.RegisterComplaints);
        PlainText.Ensure(form);
        if (form.Channel == ComplaintChannel.WebForm)
        {
            throw new DomainException("Staff register phone and e-mail complaints; web-form complaints come from the public form.");
        }

        var now = clock.UtcNow;
        var receivedAt = form.ReceivedOn is { } day && form.ReceivedTime is { } time
            ? clock.ToUtc(day.Date + time)
            : throw new DomainException("Enter the date and time received.");
        var customer = CustomerContact.Create(form.CustomerName, form.Email, form.Phone, form.PreferredContact);
        var details = ComplaintDetails.Create(form.Subject, form.Description, form.CategoryCode, form.Severity, form.PreferredResolution, form.OrderNumber, form.Product);
        await EnsureCategoryAsync(details.CategoryCode, cancellationToken);

        // The year of receipt in the business time zone, as the customer and staff see it.
        var complaint = await updater.RegisterAsync(clock.ToLocal(receivedAt).Year,
            reference => Complaint.Register(reference, form.Channel, customer, details, receivedAt, actor, now, form.CustomerLanguage, clock.ToLocal(receivedAt)),
            actor, now, cancellationToken);
        return new RegisteredComplaint(complaint.Id, complaint.Reference);
    }

    public async Task<QueueResult> GetQueueAsync(QueueQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await RequireQueueAsync(query.Levels);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var total = await Filter(db, query, actor).CountAsync(cancellationToken);
        var complaints = query.Sort switch
        {
            QueueSort.Newest => query.Descending ? Filter(db, query, actor).OrderBy(c => c.ReceivedAt) : Filter(db, query, actor).OrderByDescending(c => c.ReceivedAt),
            QueueSort.Reference => query.Descending ? Filter(db, query, actor).OrderByDescending(c => c.Reference) : Filter(db, query, actor).OrderBy(c => c.Reference),
            // SLA urgency: unacknowledged complaints first, by their 24-hour deadline (P-20); then the oldest open ones.
            _ => query.Descending
                ? Filter(db, query, actor).OrderByDescending(c => c.Status == ComplaintStatus.Received ? 0 : 1).ThenByDescending(c => c.AcknowledgementDueAt)
                : Filter(db, query, actor).OrderBy(c => c.Status == ComplaintStatus.Received ? 0 : 1).ThenBy(c => c.AcknowledgementDueAt),
        };

        var pageSize = Math.Clamp(query.PageSize, 5, 100);
        var today = clock.Today;
        var rows = await complaints
            .ThenBy(c => c.Reference)
            .Skip(Math.Max(0, query.Page) * pageSize)
            .Take(pageSize)
            .Select(c => new QueueRow(c.Id, c.Reference, c.ReceivedAt, c.Customer.Name, c.Subject, c.CategoryCode, c.Channel,
                c.Severity, c.Status, c.EscalationLevel, c.OwnerName, c.AcknowledgementDueAt,
                false, c.CustomerUpdateDueSince != null, c.EscalatedAt, c.ReopenedAt,
                c.Acknowledgement != null && c.Acknowledgement.EstimatedResolutionDate < today,
                EF.Property<long>(c, PortalDbContext.VersionProperty), c.EndedAt))
            .ToListAsync(cancellationToken);
        // P-20 by the one definition (AcknowledgementTarget), asked of this page's rows only.
        var ids = rows.Select(r => r.Id).ToArray();
        var missed = (await db.Complaints.Where(c => ids.Contains(c.Id)).Where(AcknowledgementTarget.IsMissed(clock.UtcNow))
            .Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet();
        return new QueueResult(rows.Select(r => missed.Contains(r.Id) ? r with { AcknowledgementBreached = true } : r).ToList(), total);
    }

    /// <summary>
    /// Every complaint matching the queue's filter, up to <paramref name="limit"/>, with the version it has now: what
    /// "select all matching" hands to a bulk action. More than the limit matching is refused, so a bulk action never
    /// silently covers only part of what the user asked for.
    /// </summary>
    public async Task<IReadOnlyList<BulkTarget>> GetQueueTargetsAsync(QueueQuery query, int limit, CancellationToken cancellationToken = default)
    {
        var actor = await RequireQueueAsync(query.Levels);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var targets = await Filter(db, query, actor).OrderBy(c => c.Reference).Take(limit + 1)
            .Select(c => new BulkTarget(c.Id, EF.Property<long>(c, PortalDbContext.VersionProperty), c.Reference))
            .ToListAsync(cancellationToken);
        return targets.Count > limit
            ? throw new DomainException("More than {0} complaints match; narrow the filter.", limit)
            : targets;
    }

    private async Task<Actor> RequireQueueAsync(IReadOnlyList<EscalationLevel> levels)
    {
        // Each level is read by the roles working it: level 1 is the live queue (Agent, CSM, CCO), levels 2 and 3 the
        // escalation board (CCO, CEO). The CEO's board asks only for levels 2 and 3, so it needs no Queue policy.
        var actor = await currentUser.RequireAsync(PortalRoles.Policies.Staff);
        foreach (var policy in levels.Count == 0 ? [PortalRoles.Policies.Queue] : levels.Select(QueuePolicyFor).Distinct())
        {
            await currentUser.RequireAsync(policy);
        }

        return actor;
    }

    /// <summary>The queue's filter as a query: open complaints (or the recently closed ones) at the list's levels.</summary>
    private IQueryable<Complaint> Filter(PortalDbContext db, QueueQuery query, Actor actor)
    {
        var now = clock.UtcNow;
        var complaints = db.Complaints.AsNoTracking();
        var owner = query.OwnerId == QueueFilter.Me ? actor.Id : query.OwnerId;
        if (owner != actor.Id)
        {
            var levels = query.Levels.ToArray();
            complaints = complaints.Where(c => levels.Contains(c.EscalationLevel));
        }

        // else: "Assigned to me" lists the user's own complaints at every level. A level-2 case stays the owner's work, and
        // every staff member may open any case, so the list shows nothing its reader could not open anyway.
        if (query.ClosedWithinDays is { } days)
        {
            var since = now.AddDays(-Math.Clamp(days, 1, QueueFilter.MaxClosedDays));
            complaints = complaints.Where(c => c.Status == ComplaintStatus.Closed && c.EndedAt >= since);
        }
        else if (query.Status is { } status)
        {
            complaints = complaints.Where(c => c.Status == status);
        }
        else
        {
            var open = ComplaintWorkflow.UnresolvedStatuses.ToArray();
            complaints = complaints.Where(c => open.Contains(c.Status));
        }

        if (query.Channel is { } channel)
        {
            complaints = complaints.Where(c => c.Channel == channel);
        }

        if (query.Severity is { } severity)
        {
            complaints = complaints.Where(c => c.Severity == severity);
        }

        if (!string.IsNullOrWhiteSpace(query.CategoryCode))
        {
            complaints = complaints.Where(c => c.CategoryCode == query.CategoryCode);
        }

        if (owner is { Length: > 0 })
        {
            complaints = owner == QueueQuery.Unassigned ? complaints.Where(c => c.OwnerId == null) : complaints.Where(c => c.OwnerId == owner);
        }

        if (query.Due)
        {
            // Breached or due today: waiting for the acknowledgement past or by the end of today's business day (P-20), or the
            // estimated resolution date the customer was given is today or past (P-21).
            var endOfToday = clock.ToUtc(clock.Today.ToDateTime(TimeOnly.MinValue).AddDays(1));
            var today = clock.Today;
            complaints = complaints.Where(c => (c.Status == ComplaintStatus.Received && c.AcknowledgementDueAt < endOfToday)
                || (c.Acknowledgement != null && c.Acknowledgement.EstimatedResolutionDate <= today));
        }

        if (query.Waiting)
        {
            // A resolution was offered and the customer has neither answered nor been recorded as not answering (P-40).
            complaints = complaints.Where(c => c.Status == ComplaintStatus.Resolving && c.Resolution != null
                && c.Resolution.CustomerAccepted == null && c.Resolution.NoAnswerRecordedAt == null);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // LIKE, not Contains: SQLite's instr() is case-sensitive, LIKE ignores the case of Latin letters there; SQL Server's
            // collation is case-insensitive either way. Wildcards the user typed are matched literally. Accent- and
            // Cyrillic-insensitive search over every field is global search's (/search).
            var pattern = "%" + EscapeLike(query.Search.Trim()) + "%";
            complaints = complaints.Where(c =>
                EF.Functions.Like(c.Reference, pattern, LikeEscape) || EF.Functions.Like(c.Subject, pattern, LikeEscape)
                || EF.Functions.Like(c.Customer.Name, pattern, LikeEscape)
                || (c.Customer.Email != null && EF.Functions.Like(c.Customer.Email, pattern, LikeEscape))
                || (c.OrderNumber != null && EF.Functions.Like(c.OrderNumber, pattern, LikeEscape)));
        }

        return complaints;
    }

    private const string LikeEscape = "\\";

    private static string EscapeLike(string text) =>
        text.Replace(LikeEscape, LikeEscape + LikeEscape, StringComparison.Ordinal)
            .Replace("%", LikeEscape + "%", StringComparison.Ordinal)
            .Replace("_", LikeEscape + "_", StringComparison.Ordinal)
            .Replace("[", LikeEscape + "[", StringComparison.Ordinal);

    /// <summary>The policy that lets a user list the open complaints at <paramref name="level"/>.</summary>
    public static string QueuePolicyFor(EscalationLevel level) =>
        level == EscalationLevel.CustomerServiceManager ? PortalRoles.Policies.Queue : PortalRoles.Policies.EscalationBoard;

    /// <summary>Headline counts for the home page, each one query in the database.</summary>
    public async Task<ComplaintSummary> GetSummaryAsync(CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireAsync(PortalRoles.Policies.Staff);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.UtcNow;
        var open = ComplaintWorkflow.UnresolvedStatuses.ToArray();
        var openComplaints = db.Complaints.AsNoTracking().Where(c => open.Contains(c.Status));
        return new ComplaintSummary(
            Open: await openComplaints.CountAsync(cancellationToken),
            AtLevel1: await openComplaints.CountAsync(c => c.EscalationLevel == EscalationLevel.CustomerServiceManager, cancellationToken),
            AwaitingAcknowledgement: await openComplaints.CountAsync(c => c.Status == ComplaintStatus.Received, cancellationToken),
            AcknowledgementOverdue: await openComplaints.CountAsync(AcknowledgementTarget.IsOverdue(now), cancellationToken),
            AtLevel2: await openComplaints.CountAsync(c => c.EscalationLevel == EscalationLevel.ChiefCustomerOfficer, cancellationToken),
            AtLevel3: await openComplaints.CountAsync(c => c.EscalationLevel == EscalationLevel.ChiefExecutive, cancellationToken),
            AssignedToMe: await openComplaints.CountAsync(c => c.OwnerId == actor.Id, cancellationToken));
    }

    /// <summary>
    /// The case page's load: <see cref="GetCaseAsync"/>, and the viewing of the customer's personal data goes into the
    /// access audit log (P-91), once per person and case within <see cref="AuditTrail.ViewWindow"/>.
    /// </summary>
    public async Task<ComplaintCase?> OpenCaseAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var found = await GetCaseAsync(id, cancellationToken);
        if (found is { Complaint: { AnonymisedAt: null } complaint })
        {
            await audit.RecordViewAsync(await currentUser.RequireAsync(PortalRoles.Policies.Staff), complaint.Id, complaint.Reference, cancellationToken);
        }

        return found;
    }

    /// <summary>One complaint with everything on it, for reading (no audit entry: callers that show personal data use <see cref="OpenCaseAsync"/>).</summary>
    public async Task<ComplaintCase?> GetCaseAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Staff);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The version first: a change saved between the two reads then shows as a conflict on the next action,
        // never as a stale page carrying a fresh version.
        var version = await db.Complaints.Where(c => c.Id == id).Select(c => (long?)EF.Property<long>(c, PortalDbContext.VersionProperty)).SingleOrDefaultAsync(cancellationToken);
        var complaint = version is null ? null : await db.Complaints.AsNoTracking().AsSplitQuery()
            .Include(c => c.Evidence).Include(c => c.Interviews).Include(c => c.Communications)
            .Include(c => c.Escalations).Include(c => c.History)
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (complaint is null || version is null)
        {
            return null;
        }

        var emails = await db.OutboxMessages.AsNoTracking().Where(m => m.ComplaintId == id).OrderByDescending(m => m.CreatedAt).ToListAsync(cancellationToken);
        var survey = await db.SatisfactionSurveys.AsNoTracking().SingleOrDefaultAsync(s => s.ComplaintId == id, cancellationToken);
        return new ComplaintCase(complaint, version.Value, emails, survey);
    }

    public async Task<IReadOnlyList<StaffMember>> GetAssignableStaffAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Staff);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var handlerRoles = PortalRoles.PolicyRoles[PortalRoles.Policies.HandleComplaints];
        var handlerRoleIds = db.Roles.Where(r => handlerRoles.Contains(r.Name!)).Select(r => r.Id);
        return await db.Users
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && handlerRoleIds.Contains(ur.RoleId)))
            .OrderBy(u => u.DisplayName)
            .Select(u => new StaffMember(u.Id, u.DisplayName))
            .ToListAsync(cancellationToken);
    }

    public Task AcknowledgeAsync(Guid id, long version, AcknowledgeForm form, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, ComplaintAction.Acknowledge, form, (c, actor, now) =>
        {
            c.Acknowledge(form.Method, DateOnly.FromDateTime(Required(form.EstimatedResolutionDate, "Enter the estimated resolution date.")), actor, now, clock.Today);
            // A phone acknowledgement is a call: its summary goes into the contact log with the acknowledgement.
            if (form.Method == ContactMethod.Phone && !string.IsNullOrWhiteSpace(form.CallSummary))
            {
                c.LogCommunication(CommunicationDirection.Outbound, CommunicationChannel.Phone, form.CallSummary, actor, now);
            }
        }, cancellationToken);

    /// <summary>Revises the estimated resolution date (P-21); the customer is e-mailed the new date in the same transaction.</summary>
    public Task ReviseEstimateAsync(Guid id, long version, ReviseEstimateForm form, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, ComplaintAction.ReviseEstimate, form, (c, actor, now) =>
            c.ReviseEstimatedResolutionDate(DateOnly.FromDateTime(Required(form.EstimatedResolutionDate, "Enter the new estimated resolution date.")),
                form.Reason ?? string.Empty, actor, now, clock.Today), cancellationToken);

    public Task StartInvestigationAsync(Guid id, long version, string? note, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, ComplaintAction.StartInvestigation, new InvestigationNote(note), (c, actor, now) => c.StartInvestigation(actor, now, note), cancellationToken);

    public Task AddEvidenceAsync(Guid id, long version, EvidenceForm form, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, ComplaintAction.AddEvidence, form, (c, actor, now) => c.AddEvidence(form.Kind, form.Description ?? string.Empty, actor, now), cancellationToken);

    public Task AddInterviewAsync(Guid id, long version, InterviewForm form, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, ComplaintAction.AddInterview, form, (c, actor, now) =>
            c.AddInterview(form.StaffName ?? string.Empty, form.StaffRole ?? string.Empty,
                DayToUtc(Required(form.InterviewedOn, "Enter the interview date."), now, notBefore: null),
                form.Summary ?? string.Empty, actor, now), cancellationToken);

    public async Task RecordRootCauseAsync(Guid id, long version, RootCauseForm form, CancellationToken cancellationToken = default)
    {
        await EnsureRootCauseAsync(form.Category, cancellationToken);
        await ChangeAsync(id, version, ComplaintAction.RecordRootCause, form, (c, actor, now) =>
            c.RecordRootCause(form.Category, form.Description ?? string.Empty, form.ContributingFactors, actor, now), cancellationToken);
    }

    public Task ProposeResolutionAsync(Guid id, long version, ResolutionForm form, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, ComplaintAction.ProposeResolution, form, (c, actor, now) =>
            c.ProposeResolution(ResolutionOffer.Create(form.Kind, form.Amount, form.Currency, form.Compensation, form.Details), actor, now), cancellationToken);

    public Task RecordCustomerResponseAsync(Guid id, long version, CustomerResponseForm form, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, ComplaintAction.RecordCustomerResponse, form, (c, actor, now) => c.RecordCustomerResponse(form.Accepted, form.Note, actor, now), cancellationToken);

    /// <summary>The customer did not answer the offer within the waiting period of the settings (P-40).</summary>
    public Task RecordNoAnswerAsync(Guid id, long version, NoAnswerForm form, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, ComplaintAction.RecordNoAnswer, form, (c, actor, now) =>
            c.RecordNoAnswer(form.Note ?? string.Empty, TimeSpan.FromDays(settings.Current.OfferAnswerDays), actor, now), cancellationToken);

    public Task ResolveAsync(Guid id, long version, ResolveForm form, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, ComplaintAction.Resolve, form, (c, actor, now) =>
        {
            var implementedAt = DayToUtc(Required(form.ImplementedOn, "Enter the date the resolution was implemented."), now, c.Resolution?.ProposedAt);
            c.Resolve(implementedAt, actor, now, form.Note);
        }, cancellationToken);

    public Task CloseAsync(Guid id, long version, CloseForm form, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, ComplaintAction.Close, form, (c, actor, now) => c.Close(form.Note ?? string.Empty, form.Satisfaction, actor, now), cancellationToken);

    public Task WithdrawAsync(Guid id, long version, ReasonForm form, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, ComplaintAction.Withdraw, form, (c, actor, now) => c.Withdraw(form.Reason ?? string.Empty, actor, now), cancellationToken);

    public Task ReopenAsync(Guid id, long version, ReasonForm form, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, ComplaintAction.Reopen, form, (c, actor, now) => c.Reopen(form.Reason ?? string.Empty, actor, now), cancellationToken);

    public Task EscalateAsync(Guid id, long version, EscalateForm form, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, ComplaintAction.Escalate, form, (c, actor, now) => c.Escalate(form.Level, form.Reason ?? string.Empty, actor, now), cancellationToken);

    public Task LogCommunicationAsync(Guid id, long version, CommunicationForm form, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, ComplaintAction.LogCommunication, form, (c, actor, now) => c.LogCommunication(form.Direction, form.Channel, form.Summary ?? string.Empty, actor, now), cancellationToken);

    public async Task AssignAsync(Guid id, long version, AssignForm form, CancellationToken cancellationToken = default)
    {
        var staff = await GetAssignableStaffAsync(cancellationToken);
        var owner = staff.FirstOrDefault(s => s.Id == form.OwnerId) ?? throw new DomainException("Choose an owner from the list of complaint handlers.");
        await ChangeAsync(id, version, ComplaintAction.Assign, form, (c, actor, now) => c.Assign(owner.Id, owner.Name, actor, now), cancellationToken);
    }

    /// <summary>
    /// Every staff action goes through here: the user's right to it, then the one input policy on what they typed
    /// (<paramref name="input"/>, the action's form), then the change. Any door (page, API, bulk action) gets the same refusal.
    /// </summary>
    private async Task ChangeAsync(Guid id, long expectedVersion, ComplaintAction action, object input, Action<Complaint, Actor, DateTime> change, CancellationToken cancellationToken)
    {
        var actor = await currentUser.RequireAsync(ComplaintActionPolicies.For(action));
        PlainText.Ensure(input);
        var now = clock.UtcNow;
        await updater.ApplyAsync(id, expectedVersion, actor, now, complaint => change(complaint, actor, now), cancellationToken);
    }

    private async Task EnsureCategoryAsync(string code, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Categories.AnyAsync(c => c.Code == code && c.IsActive, cancellationToken))
        {
            throw new DomainException("Choose a category from the list.");
        }
    }

    /// <summary>An inactive root-cause category stays on the complaints that have it but cannot be chosen again.</summary>
    private async Task EnsureRootCauseAsync(RootCauseCategory category, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.RootCauseCategories.AnyAsync(c => c.Code == category && !c.IsActive, cancellationToken))
        {
            throw new DomainException("This root-cause category is no longer in use; choose another.");
        }
    }

    /// <summary>The optional note of "start investigation", under the input policy like a form's field.</summary>
    private sealed record InvestigationNote([property: PlainText] string? Note);

    private static DateTime Required(DateTime? value, string message) => value ?? throw new DomainException(message);

    /// <summary>
    /// A date picked in the business time zone as a UTC time: today means now; an earlier day means noon of that day,
    /// but never before <paramref name="notBefore"/> on that same day (an offer made in the afternoon is implemented after it).
    /// </summary>
    private DateTime DayToUtc(DateTime day, DateTime now, DateTime? notBefore)
    {
        if (DateOnly.FromDateTime(day) >= clock.Today)
        {
            return now;
        }

        var noon = clock.ToUtc(day.Date.AddHours(12));
        return notBefore is { } floor && noon < floor && clock.ToLocal(floor).Date == day.Date ? floor : noon;
    }
}
