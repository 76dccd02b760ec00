using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Reviews;

namespace Zowor.Portal.Features.Reviews;

/// <summary>
/// Reads the sections of a review pack (<see cref="ReviewSections"/>) for the period [from, to) in UTC, whose business
/// days are [<c>start</c>, <c>end</c>). CAPA, memo, training and survey data are read through their own entities, as
/// they stand when the pack is generated. No authorization: the caller is the pack job.
/// </summary>
internal static class ReviewSectionQueries
{
    // How the CAPA history words an effectiveness decision (CapaRecord.RecordEffectiveness): "Found effective", or the
    // move from the check back to investigation when the problem came back.
    private const string FoundEffective = "Found effective";
    private const string StatusChanged = "Status changed";
    private static readonly string NotEffectiveMove =
        CapaRecord.Describe(CapaStatus.EffectivenessCheck) + " → " + CapaRecord.Describe(CapaStatus.Investigating);

    public static async Task<ReviewSections> ReadAsync(PortalDbContext db, ReviewKind kind, DateOnly start, DateOnly end, DateTime from, DateTime to, DateOnly today,
        CancellationToken cancellationToken) =>
        new(
            await CapaAsync(db, end, from, to, cancellationToken),
            await MemosAsync(db, from, to, cancellationToken),
            await TrainingAsync(db, start, end, cancellationToken),
            await SatisfactionAsync(db, from, to, cancellationToken),
            await PreviousAsync(db, kind, start, today, cancellationToken));

    [SuppressMessage("Globalization", "CA1310:Specify StringComparison for correctness", Justification = "StartsWith runs in SQL (LIKE); EF Core does not translate the StringComparison overloads.")]
    private static async Task<CapaSection> CapaAsync(PortalDbContext db, DateOnly end, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var capas = db.Capas.AsNoTracking();
        var opened = await Rows(capas.Where(c => c.OpenedAt >= from && c.OpenedAt < to), cancellationToken);
        var closed = await Rows(capas.Where(c => c.ClosedAt >= from && c.ClosedAt < to), cancellationToken);
        // Overdue at the period's end: opened by then, not closed by then, with an action due before the period's last
        // day ended and not finished by then.
        var overdue = await Rows(capas.Where(c => c.OpenedAt < to && (c.ClosedAt == null || c.ClosedAt >= to)
            && c.Actions.Any(a => a.DueOn < end && (a.FinishedOn == null || a.FinishedOn >= end))), cancellationToken);
        // Per CAPA with its matching history (a join, not APPLY: SQLite has none), flattened here.
        var decisions = (await capas
            .Where(c => c.History.Any(h => h.At >= from && h.At < to))
            .Select(c => new
            {
                c.Number,
                c.Title,
                Entries = c.History
                    .Where(h => h.At >= from && h.At < to && (h.What == FoundEffective || (h.What == StatusChanged && h.Details!.StartsWith(NotEffectiveMove))))
                    .Select(h => new { h.What, h.At, h.ActorName, h.Details })
                    .ToList(),
            })
            .ToListAsync(cancellationToken))
            .SelectMany(c => c.Entries.Select(h => new { c.Number, c.Title, h.What, h.At, h.ActorName, h.Details }))
            .OrderBy(h => h.At)
            .ToList();
        return new CapaSection(opened, closed, overdue,
            decisions.Select(d => new EffectivenessResultRow(d.Number, d.Title, d.What == FoundEffective, d.At, d.ActorName, d.Details)).ToList());
    }

    private static async Task<IReadOnlyList<CapaRow>> Rows(IQueryable<CapaRecord> capas, CancellationToken cancellationToken) =>
        (await capas.OrderBy(c => c.NumberYear).ThenBy(c => c.NumberSequence)
            .Select(c => new { c.Number, c.Title, c.Kind, c.Source, c.Status })
            .ToListAsync(cancellationToken))
        .Select(c => new CapaRow(c.Number, c.Title, c.Kind.ToString(), c.Source.ToString(), c.Status.ToString()))
        .ToList();

    private static async Task<IReadOnlyList<MemoRow>> MemosAsync(PortalDbContext db, DateTime from, DateTime to, CancellationToken cancellationToken) =>
        (await db.Memos.AsNoTracking().Where(m => m.PublishedAt >= from && m.PublishedAt < to).OrderBy(m => m.PublishedAt)
            .Select(m => new { m.Title, m.PublishedAt, m.AudienceRoles, Acknowledged = m.Acknowledgements.Count })
            .ToListAsync(cancellationToken))
        .Select(m => new MemoRow(m.Title, m.PublishedAt, m.AudienceRoles.ToList(), m.Acknowledged))
        .ToList();

    private static async Task<IReadOnlyList<TrainingSessionRow>> TrainingAsync(PortalDbContext db, DateOnly start, DateOnly end, CancellationToken cancellationToken) =>
        await db.TrainingSessions.AsNoTracking().Where(s => s.HeldOn >= start && s.HeldOn < end)
            .Join(db.TrainingCourses, s => s.CourseId, c => c.Id, (s, c) => new { Session = s, Course = c.Name })
            .OrderBy(s => s.Session.HeldOn).ThenBy(s => s.Course)
            .Select(s => new TrainingSessionRow(s.Course, s.Session.HeldOn, s.Session.Trainer, s.Session.Completions.Count))
            .ToListAsync(cancellationToken);

    private static async Task<SatisfactionSection> SatisfactionAsync(PortalDbContext db, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var surveys = db.SatisfactionSurveys.AsNoTracking();
        var sent = await surveys.CountAsync(s => s.IssuedAt >= from && s.IssuedAt < to, cancellationToken);
        var answered = surveys.Where(s => s.AnsweredAt >= from && s.AnsweredAt < to && s.OutcomeScore != null && s.HandlingScore != null);
        var totals = await answered.GroupBy(s => 1)
            .Select(g => new { Count = g.Count(), Outcome = g.Sum(s => s.OutcomeScore!.Value), Handling = g.Sum(s => s.HandlingScore!.Value) })
            .SingleOrDefaultAsync(cancellationToken);
        var byCategory = await answered.Join(db.Complaints, s => s.ComplaintId, c => c.Id, (s, c) => new { c.CategoryCode, s.OutcomeScore, s.HandlingScore })
            .GroupBy(a => a.CategoryCode)
            .Select(g => new { g.Key, Count = g.Count(), Sum = g.Sum(a => a.OutcomeScore!.Value + a.HandlingScore!.Value) })
            .ToListAsync(cancellationToken);
        return new SatisfactionSection(
            sent,
            totals?.Count ?? 0,
            totals is null ? null : Math.Round((double)totals.Outcome / totals.Count, 2),
            totals is null ? null : Math.Round((double)totals.Handling / totals.Count, 2),
            byCategory.OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => new SatisfactionRow(c.Key, c.Count, Math.Round(c.Sum / (2.0 * c.Count), 2))).ToList());
    }

    private static async Task<PreviousReview?> PreviousAsync(PortalDbContext db, ReviewKind kind, DateOnly start, DateOnly today, CancellationToken cancellationToken)
    {
        var previous = await db.Set<ReviewPack>().AsNoTracking().Where(p => p.Kind == kind && p.PeriodStart < start)
            .OrderByDescending(p => p.PeriodStart).Select(p => new { p.Id, p.PeriodStart }).FirstOrDefaultAsync(cancellationToken);
        if (previous is null)
        {
            return null;
        }

        var findings = await db.Set<ReviewFinding>().AsNoTracking().Where(f => f.ReviewPackId == previous.Id)
            .OrderBy(f => f.AddedAt).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        return new PreviousReview(previous.PeriodStart, findings
            .Select(f => new PreviousDecisionRow(f.Text, f.Decision, f.Owner, f.DueDate, ReviewDecisions.StatusOn(today, f.DueDate, f.DoneOn), f.DoneOn))
            .ToList());
    }
}
