using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Training;
using Zowor.Portal.Platform.Export;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Training;

/// <summary>
/// Training records (P-80). Every staff member sees their own; training managers (CSM, CCO, Quality, Admin) record
/// sessions and see the team's compliance; Admins add courses.
/// </summary>
/// <remarks>A session's completions are committed together with what waits on them (<see cref="ITeachingEvidenceListener"/>:
/// a CAPA's training action completes when the last of the required staff completed the course).</remarks>
public sealed class TrainingService(
    IDbContextFactory<PortalDbContext> contexts,
    CurrentUser currentUser,
    BusinessClock clock,
    Realtime.LivePublisher publisher,
    IEnumerable<ITeachingEvidenceListener> evidenceListeners)
{
    /// <summary>My standing on every course, with the sessions I attended.</summary>
    public async Task<MyTraining> GetMineAsync(CancellationToken cancellationToken = default)
    {
        var me = await currentUser.RequireAsync(PortalRoles.Policies.Staff);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var matrix = await TrainingMatrix.LoadAsync(db, clock.Today, me.Id, cancellationToken);
        var history = await db.TrainingCompletions.AsNoTracking().Where(c => c.UserId == me.Id)
            .Join(db.TrainingSessions, c => c.SessionId, s => s.Id, (c, s) => new { c.CourseId, c.CompletedOn, c.ExpiresOn, s.Trainer })
            .Join(db.TrainingCourses, x => x.CourseId, course => course.Id, (x, course) => new CompletionRecord(course.Name, x.CompletedOn, x.ExpiresOn, x.Trainer))
            .ToListAsync(cancellationToken);
        var row = matrix.Staff.SingleOrDefault();
        var courses = matrix.Courses
            .Select(c => new CourseStanding(c, row?.Standings[c.Id] ?? TrainingStanding.Evaluate([], matrix.Today)))
            .ToList();
        return new MyTraining(courses, history.OrderByDescending(h => h.CompletedOn).ToList());
    }

    /// <summary>The team's standing on every course, with the headline compliance figures.</summary>
    public async Task<TrainingMatrixData> GetTeamAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.TrainingRecords);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await TrainingMatrix.LoadAsync(db, clock.Today, onlyUserId: null, cancellationToken);
    }

    public async Task<IReadOnlyList<CourseInfo>> ListCoursesAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Staff);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.TrainingCourses.AsNoTracking().OrderByDescending(c => c.IsMandatory).ThenBy(c => c.Name)
            .Select(c => new CourseInfo(c.Id, c.Name, c.Description, c.IsMandatory, c.ValidityMonths))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The most recent sessions, newest first.</summary>
    public async Task<IReadOnlyList<SessionSummary>> ListSessionsAsync(int take = 50, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.TrainingRecords);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.TrainingSessions.AsNoTracking()
            .OrderByDescending(s => s.HeldOn).ThenByDescending(s => s.Id)
            .Take(take)
            .Join(db.TrainingCourses, s => s.CourseId, c => c.Id, (s, c) => new SessionSummary(s.Id, c.Name, s.HeldOn, s.Trainer, s.Completions.Count))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Staff who can attend a session.</summary>
    public async Task<IReadOnlyList<StaffMember>> ListStaffAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.TrainingRecords);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await StaffDirectory.LoadAsync(db, cancellationToken);
    }

    /// <summary>
    /// Records a session that took place; each attendee completes the course on its date. What waits on the completions
    /// (a CAPA's training action, P-80, P-62) is settled in the same transaction.
    /// </summary>
    public async Task<int> RecordSessionAsync(TrainingSessionForm form, CancellationToken cancellationToken = default)
    {
        var recorder = await currentUser.RequireAsync(PortalRoles.Policies.TrainingRecords);
        Platform.Security.PlainText.Ensure(form);
        var session = await TeachingEvidenceUnit.SaveAsync(contexts, evidenceListeners, publisher, async (db, ct) =>
        {
            var course = await db.TrainingCourses.SingleOrDefaultAsync(c => c.Id == form.CourseId, ct)
                ?? throw new DomainException("Choose a course.");
            var heldOn = form.HeldOn is { } date ? DateOnly.FromDateTime(date) : throw new DomainException("Enter the date of the session.");
            var ids = form.AttendeeIds.ToList();
            var attendees = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new Actor(u.Id, u.DisplayName)).ToListAsync(ct);
            if (attendees.Count != ids.Distinct().Count())
            {
                throw new DomainException("An attendee's account no longer exists.");
            }

            var session = TrainingSession.Record(course, heldOn, form.Trainer, form.Notes, attendees, clock.Today, recorder, clock.UtcNow);
            db.TrainingSessions.Add(session);
            await db.SaveChangesAsync(ct);
            return session;
        }, (listener, db, session, ct) => listener.CourseCompletedAsync(db, session.CourseId, ct), cancellationToken);
        return session.Id;
    }

    /// <summary>Adds a course (Admins).</summary>
    public async Task<int> AddCourseAsync(TrainingCourseForm form, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Admin);
        Platform.Security.PlainText.Ensure(form);
        var course = TrainingCourse.Create(form.Name, form.Description, form.ValidityMonths, form.IsMandatory);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.TrainingCourses.AnyAsync(c => c.Name == course.Name, cancellationToken))
        {
            throw new DomainException("A course with this name already exists.");
        }

        db.TrainingCourses.Add(course);
        await db.SaveChangesAsync(cancellationToken);
        return course.Id;
    }

    /// <summary>The team's compliance as CSV: one row per staff member and course, for auditors and spreadsheets.</summary>
    public async Task<string> ExportTeamCsvAsync(CancellationToken cancellationToken = default)
    {
        var team = await GetTeamAsync(cancellationToken);
        var csv = new StringBuilder();
        csv.Append(Csv.Line("Staff member", "Roles", "Course", "Mandatory", "Status", "Completed on", "Expires on")).Append(Csv.NewLine);
        foreach (var row in team.Staff)
        {
            foreach (var course in team.Courses)
            {
                var standing = row.Standings[course.Id];
                csv.Append(Csv.Line(
                    Csv.Text(row.Member.Name),
                    Csv.Text(string.Join(' ', row.Member.Roles)),
                    Csv.Text(course.Name),
                    course.IsMandatory ? "yes" : "no",
                    standing.Status.ToString(),
                    standing.CompletedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
                    standing.ExpiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty)).Append(Csv.NewLine);
            }
        }

        return csv.ToString();
    }
}
