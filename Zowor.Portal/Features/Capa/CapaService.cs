using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Features.Memos;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Features.Capa;

/// <summary>
/// CAPA tracking (P-62, P-61): Quality opens and works CAPAs (<see cref="PortalRoles.Policies.ManageCapa"/>); the CSM,
/// CCO and CEO read them (<see cref="PortalRoles.Policies.Capa"/>). Every method checks the policy itself.
/// </summary>
public sealed class CapaService(
    IDbContextFactory<PortalDbContext> contexts,
    CurrentUser currentUser,
    BusinessClock clock,
    LivePublisher publisher,
    MemoService memos,
    Complaints.ComplaintUpdater complaints,
    IServiceScopeFactory scopes,
    ILogger<CapaService> logger)
{
    /// <summary>The CAPA list, newest first, optionally one status; overdue actions counted by the database.</summary>
    public async Task<IReadOnlyList<CapaSummary>> ListAsync(CapaStatus? status = null, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Capa);
        var today = clock.Today;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Capas.AsNoTracking();
        if (status is { } wanted)
        {
            query = query.Where(c => c.Status == wanted);
        }

        return await query.OrderByDescending(c => c.OpenedAt)
            .Select(c => new CapaSummary(
                c.Id, c.Number, c.Title, c.Kind, c.Status, c.Severity * c.Likelihood, c.OpenedAt,
                c.Actions.Count(a => a.Status == CapaActionStatus.Open),
                c.Actions.Count(a => a.Status == CapaActionStatus.Open && a.DueOn < today),
                c.Actions.Where(a => a.Status == CapaActionStatus.Open).Min(a => (DateOnly?)a.DueOn),
                c.Complaints.Count))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Recurring-issue alerts no CAPA was opened for yet, newest first.</summary>
    public async Task<IReadOnlyList<AlertSummary>> ListOpenAlertsAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Capa);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var alerts = await db.RecurringIssueAlerts.AsNoTracking().Where(a => a.CapaId == null && a.DismissedAt == null)
            .OrderByDescending(a => a.RaisedAt).ToListAsync(cancellationToken);
        return alerts.Select(a => new AlertSummary(a.Id, CapaScanJob.Subject(a), a.Product, a.CategoryCode, a.RootCause, a.ComplaintCount, a.References, a.WindowStart, a.WindowEnd, a.RaisedAt)).ToList();
    }

    /// <summary>How many alerts wait for Quality (the navigation badge).</summary>
    public async Task<int> CountOpenAlertsAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Capa);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RecurringIssueAlerts.CountAsync(a => a.CapaId == null && a.DismissedAt == null, cancellationToken);
    }

    /// <summary>One CAPA with the computed effectiveness evidence (P-61) when it is in or past the check.</summary>
    public async Task<CapaView?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Capa);
        var canManage = await currentUser.IsAllowedAsync(PortalRoles.Policies.ManageCapa);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Split: a CAPA owns four collections (links, fishbone, actions, history), and one query would return their product
        // as rows (EF Core's MultipleCollectionIncludeWarning, found by the SQL Server translation tests).
        var capa = await db.Capas.AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (capa is null)
        {
            return null;
        }

        var teaching = await TeachingEvidenceQueries.LoadAsync(db, capa, cancellationToken);
        if (TeachingEvidenceQueries.AnyToComplete(capa, teaching) && await SettleTeachingActionsAsync(id, cancellationToken) is { } settled)
        {
            // A memo's audience or a course's staff finished since the last look: the action is done on that evidence.
            capa = settled;
        }

        var evidence = await RecurrenceQueries.EvidenceAsync(db, capa, clock.UtcNow, cancellationToken);
        var categoryName = capa.RecurrenceCategory is { } code
            ? await db.Categories.AsNoTracking().Where(c => c.Code == code).Select(c => c.NameEn).FirstOrDefaultAsync(cancellationToken)
            : null;
        var canApprove = await currentUser.IsAllowedAsync(PortalRoles.Policies.ApproveCapaClosure);
        return new CapaView(capa, evidence, categoryName ?? capa.RecurrenceCategory, canManage, clock.Today, teaching, canApprove);
    }

    /// <summary>
    /// Finishes the CAPA's memo and training actions whose evidence is complete (the portal acts). Returns the saved CAPA,
    /// or null when nothing changed or another save came first (the next read or the hourly scan tries again).
    /// </summary>
    private async Task<CapaRecord?> SettleTeachingActionsAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var capa = await db.Capas.AsSplitQuery().SingleAsync(c => c.Id == id, cancellationToken);
        if (await TeachingEvidenceQueries.SettleAsync(db, capa, clock.Today, clock.UtcNow, cancellationToken) == 0)
        {
            return null;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return null;
        }

        logger.LogInformation("CAPA {Number}: memo or training actions done on their evidence", capa.Number);
        publisher.Publish(new CapaChanged(capa.Id, CapaChanges.Changed, capa.Complaints.Select(c => c.ComplaintId).ToList(), Domain.Common.Actor.SystemId));
        return capa;
    }

    /// <summary>The training courses a training action can name.</summary>
    public async Task<IReadOnlyList<CourseChoice>> ListCoursesAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.ManageCapa);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.TrainingCourses.AsNoTracking().OrderBy(c => c.Name).Select(c => new CourseChoice(c.Id, c.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>The CAPAs a complaint is linked to (its case page).</summary>
    public async Task<IReadOnlyList<LinkedCapa>> ListForComplaintAsync(Guid complaintId, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Capa);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Capas.AsNoTracking().Where(c => c.Complaints.Any(l => l.ComplaintId == complaintId))
            .OrderByDescending(c => c.OpenedAt)
            .Select(c => new LinkedCapa(c.Id, c.Number, c.Title, c.Status))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Who can own an action: any staff member.</summary>
    public async Task<IReadOnlyList<StaffMember>> ListOwnersAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.ManageCapa);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await StaffDirectory.LoadAsync(db, cancellationToken);
    }

    /// <summary>"Open CAPA" on an alert: a corrective CAPA with the alert's complaints linked and its scope for the effectiveness check.</summary>
    public async Task<Guid> OpenFromAlertAsync(long alertId, CancellationToken cancellationToken = default)
    {
        var me = await currentUser.RequireAsync(PortalRoles.Policies.ManageCapa);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var alert = await db.RecurringIssueAlerts.SingleOrDefaultAsync(a => a.Id == alertId, cancellationToken)
                ?? throw new DomainException("The alert does not exist.");
            if (alert.CapaId is { } existing)
            {
                // Two clicks, or two people: the first CAPA stands.
                return existing;
            }

            var categoryName = alert.CategoryCode is { } code
                ? await db.Categories.AsNoTracking().Where(c => c.Code == code).Select(c => c.NameEn).FirstOrDefaultAsync(cancellationToken) ?? code
                : null;
            var subject = alert.Product is not null
                ? $"{alert.Product} ({categoryName})"
                : $"{Components.Shared.EnumText.Of(alert.RootCause!.Value)} (root cause)";
            var problem = string.Format(
                CultureInfo.InvariantCulture,
                "{0} complaints about {1} between {2:yyyy-MM-dd} and {3:yyyy-MM-dd}: {4}.",
                alert.ComplaintCount, subject, alert.WindowStart, alert.WindowEnd, string.Join(", ", alert.References));
            var links = alert.ComplaintIds.Zip(alert.References, (id, reference) => new CapaComplaintLink(id, reference));
            var (year, sequence) = await NextNumberAsync(db, cancellationToken);
            var capa = CapaRecord.Open(
                year, sequence, "Recurring: " + subject, CapaKind.Corrective, CapaSource.RecurringIssueAlert, problem,
                CapaRisk.Create(3, alert.ComplaintCount >= 5 ? 4 : 3), links, alert.Product, alert.CategoryCode, alert.RootCause, me, clock.UtcNow);
            db.Capas.Add(capa);
            alert.CapaId = capa.Id;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                continue;
            }

            logger.LogInformation("CAPA {Number} opened from recurring-issue alert {AlertId} by {UserId}", capa.Number, alertId, me.Id);
            publisher.Publish(new CapaChanged(capa.Id, CapaChanges.Opened, capa.Complaints.Select(c => c.ComplaintId).ToList(), me.Id));
            return capa.Id;
        }
    }

    /// <summary>Quality decides an alert needs no CAPA (already covered, or noise).</summary>
    public async Task DismissAlertAsync(long alertId, CancellationToken cancellationToken = default)
    {
        var me = await currentUser.RequireAsync(PortalRoles.Policies.ManageCapa);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var alert = await db.RecurringIssueAlerts.SingleOrDefaultAsync(a => a.Id == alertId, cancellationToken)
            ?? throw new DomainException("The alert does not exist.");
        if (!alert.IsOpen)
        {
            return;
        }

        alert.DismissedAt = clock.UtcNow;
        alert.DismissedBy = me.Name;
        await db.SaveChangesAsync(cancellationToken);
        publisher.Publish(new CapaChanged(null, CapaChanges.AlertHandled, alert.ComplaintIds, me.Id));
    }

    /// <summary>
    /// Links a complaint to a CAPA ("Link to CAPA" on a case, "Open CAPA" from a case or trend): one transaction puts the
    /// link on the CAPA's history and on the complaint's timeline (P-62).
    /// </summary>
    public Task LinkComplaintAsync(Guid capaId, Guid complaintId, string? reason, CancellationToken cancellationToken = default) =>
        ChangeLinkAsync(capaId, complaintId, reason, linked: true, cancellationToken);

    /// <summary>Unlinks a complaint from a CAPA with a reason, on both timelines.</summary>
    public Task UnlinkComplaintAsync(Guid capaId, Guid complaintId, string? reason, CancellationToken cancellationToken = default) =>
        ChangeLinkAsync(capaId, complaintId, reason, linked: false, cancellationToken);

    /// <summary>"Open CAPA" for complaints (a case, or the complaints behind a trend figure): a new CAPA with them linked.</summary>
    public Task<Guid> OpenForComplaintsAsync(CapaDetailsForm form, IReadOnlyList<Guid> complaintIds, CancellationToken cancellationToken = default) =>
        OpenForComplaintsAsync(form, complaintIds, null, cancellationToken);

    /// <summary>
    /// "Open CAPA for these" from a trend figure: a new CAPA with the complaints linked and the figure's scope (its root
    /// cause, category or product), so the effectiveness check counts recurrences of that pattern (P-61).
    /// </summary>
    public async Task<Guid> OpenForComplaintsAsync(CapaDetailsForm form, IReadOnlyList<Guid> complaintIds, CapaScope? scope, CancellationToken cancellationToken = default)
    {
        var id = await CreateAsync(form, scope, cancellationToken);
        foreach (var complaintId in complaintIds.Distinct())
        {
            await LinkComplaintAsync(id, complaintId, null, cancellationToken);
        }

        return id;
    }

    /// <summary>
    /// "Add to CAPA…" for the complaints behind a trend figure: links each one not linked yet to an open CAPA with the
    /// reason, each on both timelines (P-62). Returns how many were linked (those already linked are left as they are).
    /// </summary>
    public async Task<int> LinkComplaintsAsync(Guid capaId, IReadOnlyList<Guid> complaintIds, string? reason, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.ManageCapa);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Give a reason for linking.");
        }

        HashSet<Guid> already;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var capa = await db.Capas.AsNoTracking().Where(c => c.Id == capaId).Select(c => new { c.Status }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new DomainException("The CAPA does not exist.");
            if (capa.Status == CapaStatus.Closed)
            {
                throw new DomainException("The CAPA is closed: open a new one.");
            }

            already = [.. await db.Capas.AsNoTracking().Where(c => c.Id == capaId).SelectMany(c => c.Complaints.Select(l => l.ComplaintId)).ToListAsync(cancellationToken)];
        }

        var linked = 0;
        foreach (var complaintId in complaintIds.Distinct().Where(id => !already.Contains(id)))
        {
            await LinkComplaintAsync(capaId, complaintId, reason, cancellationToken);
            linked++;
        }

        return linked;
    }

    /// <summary>The open CAPAs a complaint can be linked to ("Link to CAPA" on a case).</summary>
    public async Task<IReadOnlyList<LinkedCapa>> ListOpenAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.ManageCapa);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Capas.AsNoTracking().Where(c => c.Status != CapaStatus.Closed).OrderByDescending(c => c.OpenedAt)
            .Select(c => new LinkedCapa(c.Id, c.Number, c.Title, c.Status)).ToListAsync(cancellationToken);
    }

    private async Task ChangeLinkAsync(Guid capaId, Guid complaintId, string? reason, bool linked, CancellationToken cancellationToken)
    {
        var me = await currentUser.RequireAsync(PortalRoles.Policies.ManageCapa);
        var now = clock.UtcNow;
        string number;
        await using (var read = await contexts.CreateDbContextAsync(cancellationToken))
        {
            number = await read.Capas.Where(c => c.Id == capaId).Select(c => c.Number).SingleOrDefaultAsync(cancellationToken)
                ?? throw new DomainException("The CAPA does not exist.");
        }

        // The complaint's updater owns its version check and live events; the CAPA changes in the same transaction, and a
        // refusal by either (already linked, a closed CAPA, no reason) saves neither.
        await complaints.ApplyAsync(complaintId, null, me, now, complaint => complaint.RecordCapaLink(number, linked, reason, me, now),
            cancellationToken, emailCustomer: false, alongside: (db, complaint) =>
        {
            var capa = db.Capas.AsSplitQuery().SingleOrDefault(c => c.Id == capaId) ?? throw new DomainException("The CAPA does not exist.");
            if (linked)
            {
                capa.LinkComplaint(new CapaComplaintLink(complaint.Id, complaint.Reference), reason, me, now);
            }
            else
            {
                capa.UnlinkComplaint(complaint.Id, reason, me, now);
            }
        });
        publisher.Publish(new CapaChanged(capaId, CapaChanges.Changed, [complaintId], me.Id));
    }

    /// <summary>Opens a CAPA by hand (audit finding, review, other); no complaints linked yet.</summary>
    public Task<Guid> CreateAsync(CapaDetailsForm form, CancellationToken cancellationToken = default) => CreateAsync(form, null, cancellationToken);

    private async Task<Guid> CreateAsync(CapaDetailsForm form, CapaScope? scope, CancellationToken cancellationToken)
    {
        var me = await currentUser.RequireAsync(PortalRoles.Policies.ManageCapa);
        Platform.Security.PlainText.Ensure(form);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var (year, sequence) = await NextNumberAsync(db, cancellationToken);
            var capa = CapaRecord.Open(year, sequence, form.Title, form.Kind, form.Source, form.ProblemStatement,
                CapaRisk.Create(form.Severity, form.Likelihood), [], scope?.Product, scope?.CategoryCode, scope?.RootCause, me, clock.UtcNow);
            db.Capas.Add(capa);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                continue;
            }

            publisher.Publish(new CapaChanged(capa.Id, CapaChanges.Opened, [], me.Id));
            return capa.Id;
        }
    }

    public Task UpdateDetailsAsync(Guid id, CapaDetailsForm form, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, form.OpenedOnChange, (_, capa, me, at) =>
        {
            Platform.Security.PlainText.Ensure(form);
            capa.UpdateDetails(form.Title, form.Kind, form.Source, form.ProblemStatement, CapaRisk.Create(form.Severity, form.Likelihood), me, at);
            return Task.CompletedTask;
        }, cancellationToken);

    public Task RecordRootCauseAnalysisAsync(Guid id, RootCauseAnalysisForm form, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, form.OpenedOnChange, (_, capa, me, at) =>
        {
            Platform.Security.PlainText.Ensure(form);
            capa.RecordRootCauseAnalysis(form.Whys, form.Fishbone.Select(f => (f.Key, f.Value)), me, at);
            return Task.CompletedTask;
        }, cancellationToken);

    // A new action adds to the CAPA and replaces nothing: it needs no check against changes since the form opened.
    public Task AddActionAsync(Guid id, CapaActionForm form, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, null, async (db, capa, me, at) =>
        {
            Platform.Security.PlainText.Ensure(form);
            var owner = await OwnerAsync(db, form.OwnerId, cancellationToken);
            capa.AddAction(form.Description, owner, DueOn(form.DueOn), clock.Today, me, at);
        }, cancellationToken);

    private static DateOnly? DueOn(DateTime? due) => due is { } day ? DateOnly.FromDateTime(day) : null;

    private static async Task<Actor?> OwnerAsync(PortalDbContext db, string? ownerId, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(ownerId)
            ? null
            : await db.Users.AsNoTracking().Where(u => u.Id == ownerId).Select(u => new Actor(u.Id, u.DisplayName)).SingleOrDefaultAsync(cancellationToken)
                ?? throw new DomainException("The owner's account no longer exists.");

    /// <summary>
    /// Publishes a memo from the CAPA (the memo feature's rules and notifications) and adds the memo action that waits
    /// for its audience's acknowledgements (P-81), in one transaction.
    /// </summary>
    public async Task AddMemoActionAsync(Guid id, CapaMemoActionForm form, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.PublishMemos);
        Platform.Security.PlainText.Ensure(form);
        StagedMemo? staged = null;
        await ChangeAsync(id, null, async (db, capa, me, at) =>
        {
            var owner = await OwnerAsync(db, form.OwnerId, cancellationToken);
            var memoForm = new MemoForm { Title = form.Title, Body = form.Body, EffectiveOn = form.EffectiveOn, AudienceRoles = form.AudienceRoles };
            staged = await memos.StageAsync(db, memoForm, me, cancellationToken);
            capa.AddMemoAction(staged.Memo.Id, staged.Memo.Title, staged.Memo.AudienceRoles.ToList(), owner, DueOn(form.DueOn), clock.Today, me, at);
        }, cancellationToken);
        memos.Announce(staged!);
    }

    /// <summary>Adds a training action: the staff in the chosen roles are to complete the course (P-80).</summary>
    public Task AddTrainingActionAsync(Guid id, CapaTrainingActionForm form, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, null, async (db, capa, me, at) =>
        {
            var owner = await OwnerAsync(db, form.OwnerId, cancellationToken);
            var course = form.CourseId is { } courseId
                ? await db.TrainingCourses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken) ?? throw new DomainException("The course no longer exists.")
                : throw new DomainException("Choose the course.");
            if (form.RequiredRoles.Any(r => !PortalRoles.All.Contains(r)))
            {
                throw new DomainException("Choose at least one role that must take the course.");
            }

            capa.AddTrainingAction(course.Id, course.Name, form.RequiredRoles.ToList(), owner, DueOn(form.DueOn), clock.Today, me, at);
        }, cancellationToken);

    public Task FinishActionAsync(Guid id, int number, CapaActionStatus status, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, null, (_, capa, me, at) =>
        {
            capa.FinishAction(number, status, clock.Today, me, at);
            return Task.CompletedTask;
        }, cancellationToken);

    public Task SetEffectivenessCheckAsync(Guid id, EffectivenessCheckForm form, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, form.OpenedOnChange, (_, capa, me, at) =>
        {
            Platform.Security.PlainText.Ensure(form);
            capa.SetEffectivenessCheck(form.Criterion, form.WindowDays, me, at);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>A status move without data of its own (start investigation, plan, implement, check, close).</summary>
    public Task MoveAsync(Guid id, CapaStep step, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, null, (_, capa, me, at) =>
        {
            switch (step)
            {
                case CapaStep.StartInvestigation: capa.StartInvestigation(me, at); break;
                case CapaStep.PlanActions: capa.PlanActions(me, at); break;
                case CapaStep.StartImplementation: capa.StartImplementation(me, at); break;
                case CapaStep.StartEffectivenessCheck: capa.StartEffectivenessCheck(me, at); break;
                // Closing needs a signed approval (ApproveClosureAsync); without one the domain refuses with its reason.
                case CapaStep.Close: capa.Close(null, at); break;
                default: throw new ArgumentOutOfRangeException(nameof(step));
            }

            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// A second person in the Quality or CCO role approves the closure and closes the CAPA: they re-enter their password
    /// (checked by ASP.NET Core Identity; a wrong one counts toward the account's lockout like a sign-in), and the
    /// approval is stored as an electronic signature (who, role, when, "approved closure") on the CAPA and in its history.
    /// The domain refuses the CAPA's own owner.
    /// </summary>
    public async Task ApproveClosureAsync(Guid id, CapaClosureApprovalForm form, CancellationToken cancellationToken = default)
    {
        var me = await currentUser.RequireAsync(PortalRoles.Policies.ApproveCapaClosure);
        var principal = await currentUser.GetPrincipalAsync();
        var role = PortalRoles.PolicyRoles[PortalRoles.Policies.ApproveCapaClosure].First(principal.IsInRole);
        // Identity's user manager in a scope of its own: resolved from the circuit's scope, it would lease a database
        // context for as long as the page with the menu's CAPA badge stays open (issue 21).
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var account = await users.FindByIdAsync(me.Id) ?? throw new DomainException("Your account no longer exists.");
        if (await users.IsLockedOutAsync(account))
        {
            throw new DomainException("Your account is locked after too many wrong passwords. Try again later.");
        }

        if (string.IsNullOrEmpty(form.Password) || !await users.CheckPasswordAsync(account, form.Password))
        {
            await users.AccessFailedAsync(account);
            logger.LogWarning("CAPA closure approval refused for {UserId}: wrong password", me.Id);
            throw new DomainException("The password is not correct. The CAPA was not closed.");
        }

        await ChangeAsync(id, null, (_, capa, signer, at) =>
        {
            capa.Close(CapaSignature.ApproveClosure(signer, role, at), at);
            return Task.CompletedTask;
        }, cancellationToken, PortalRoles.Policies.ApproveCapaClosure);
        await users.ResetAccessFailedCountAsync(account);
        logger.LogInformation("CAPA {CapaId} closed with the approval of {UserId} ({Role})", id, me.Id, role);
    }

    /// <summary>Records the effectiveness decision with the evidence the portal computes now (P-61).</summary>
    public Task RecordDecisionAsync(Guid id, EffectivenessDecisionForm form, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, form.OpenedOnChange, async (db, capa, me, at) =>
        {
            Platform.Security.PlainText.Ensure(form);
            var evidence = await RecurrenceQueries.EvidenceAsync(db, capa, at, cancellationToken) ?? new EffectivenessEvidence(0, 0, capa.EffectivenessWindowDays, false);
            capa.RecordEffectiveness(form.Effective, form.Note, evidence, me, at);
        }, cancellationToken);

    /// <param name="seenChange">The CAPA's last change when the user's form was opened; a save over later changes is
    /// refused with them named (<see cref="CapaConflictException"/>). Null for a change that replaces nothing.</param>
    private async Task ChangeAsync(
        Guid id, int? seenChange, Func<PortalDbContext, CapaRecord, Actor, DateTime, Task> change, CancellationToken cancellationToken, string policy = PortalRoles.Policies.ManageCapa)
    {
        var me = await currentUser.RequireAsync(policy);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var capa = await db.Capas.AsSplitQuery().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new DomainException("The CAPA does not exist.");
        var loadedChange = capa.LastChange;
        if (seenChange is { } seen)
        {
            capa.EnsureUnchangedSince(seen);
        }

        await change(db, capa, me, clock.UtcNow);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Committed by someone else between the load and this save: name their change like any other conflict.
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            var current = await fresh.Capas.AsNoTracking().SingleAsync(c => c.Id == id, cancellationToken);
            current.EnsureUnchangedSince(seenChange ?? loadedChange);
            throw new DomainException("Someone else changed this CAPA a moment ago. The page shows the current state; please try again.");
        }

        publisher.Publish(new CapaChanged(capa.Id, CapaChanges.Changed, capa.Complaints.Select(c => c.ComplaintId).ToList(), me.Id));
    }

    private async Task<(int Year, int Sequence)> NextNumberAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var year = clock.Today.Year;
        var last = await db.Capas.Where(c => c.NumberYear == year).MaxAsync(c => (int?)c.NumberSequence, cancellationToken) ?? 0;
        return (year, last + 1);
    }
}
