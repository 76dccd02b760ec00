using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Reviews;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Reviews;

/// <summary>
/// The resolution-effectiveness figures over time (P-61), month by month in the business calendar. The rates take the
/// complaints RECEIVED in a month (a cohort) and apply <see cref="EffectivenessRates"/> to small projections of them;
/// satisfaction takes the survey answers GIVEN in a month, grouped and summed in the database. No authorization here:
/// <see cref="EffectivenessService"/> checks it.
/// </summary>
public sealed class EffectivenessQueries(IDbContextFactory<PortalDbContext> contexts, BusinessClock clock)
{
    public const string Unassigned = "—";

    public async Task<EffectivenessReport> GetAsync(int months, CancellationToken cancellationToken = default)
    {
        var today = clock.Today;
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var rows = new List<EffectivenessMonth>();
        var byCategory = new List<SatisfactionCell>();
        var byChannel = new List<SatisfactionCell>();
        var byHandler = new List<SatisfactionCell>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        for (var month = thisMonth.AddMonths(1 - months); month <= thisMonth; month = month.AddMonths(1))
        {
            var from = clock.ToUtc(month.ToDateTime(TimeOnly.MinValue));
            var to = clock.ToUtc(month.AddMonths(1).ToDateTime(TimeOnly.MinValue));
            var cohort = db.Complaints.AsNoTracking().Where(c => c.ReceivedAt >= from && c.ReceivedAt < to);
            rows.Add(new EffectivenessMonth(
                month,
                await ReopenAsync(cohort, cancellationToken),
                await FirstOfferAsync(db, cohort, cancellationToken),
                await FirstEstimateAsync(cohort, today, cancellationToken)));

            var answers = db.SatisfactionSurveys.AsNoTracking()
                .Where(s => s.AnsweredAt >= from && s.AnsweredAt < to && s.OutcomeScore != null && s.HandlingScore != null)
                .Join(db.Complaints, s => s.ComplaintId, c => c.Id, (s, c) => new { c.CategoryCode, c.Channel, c.OwnerName, Points = s.OutcomeScore!.Value + s.HandlingScore!.Value });
            byCategory.AddRange((await answers.GroupBy(a => a.CategoryCode).Select(g => new { g.Key, Count = g.Count(), Points = g.Sum(a => a.Points) }).ToListAsync(cancellationToken))
                .Select(g => Cell(month, g.Key, g.Count, g.Points)));
            byChannel.AddRange((await answers.GroupBy(a => a.Channel).Select(g => new { g.Key, Count = g.Count(), Points = g.Sum(a => a.Points) }).ToListAsync(cancellationToken))
                .Select(g => Cell(month, g.Key.ToString(), g.Count, g.Points)));
            byHandler.AddRange((await answers.GroupBy(a => a.OwnerName).Select(g => new { g.Key, Count = g.Count(), Points = g.Sum(a => a.Points) }).ToListAsync(cancellationToken))
                .Select(g => Cell(month, g.Key ?? Unassigned, g.Count, g.Points)));
        }

        return new EffectivenessReport(rows, byCategory, byChannel, byHandler);
    }

    private static async Task<RateFigure> ReopenAsync(IQueryable<Complaint> cohort, CancellationToken cancellationToken)
    {
        var facts = await cohort.Select(c => new { Ended = c.ResolvedAt != null || c.EndedAt != null, Reopened = c.ReopenedAt != null }).ToListAsync(cancellationToken);
        return EffectivenessRates.ReopenRate(facts.Select(f => new ReopenFact(f.Ended, f.Reopened)));
    }

    private static async Task<RateFigure> FirstOfferAsync(PortalDbContext db, IQueryable<Complaint> cohort, CancellationToken cancellationToken)
    {
        var ids = cohort.Select(c => c.Id);
        var answers = await db.ComplaintHistory.AsNoTracking()
            .Where(h => h.Kind == ComplaintHistoryKinds.CustomerResponded && ids.Contains(EF.Property<Guid>(h, "ComplaintId")))
            .Select(h => new { ComplaintId = EF.Property<Guid>(h, "ComplaintId"), Entry = h })
            .ToListAsync(cancellationToken);
        return EffectivenessRates.FirstOfferAcceptance(answers
            .GroupBy(a => a.ComplaintId)
            .Select(g => (IReadOnlyList<bool>)g.OrderBy(a => a.Entry.At).ThenBy(a => a.Entry.Id).Select(a => a.Entry.CustomerAccepted == true).ToList()));
    }

    private async Task<RateFigure> FirstEstimateAsync(IQueryable<Complaint> cohort, DateOnly today, CancellationToken cancellationToken)
    {
        var facts = await cohort.Where(c => c.FirstEstimatedResolutionDate != null)
            .Select(c => new { c.FirstEstimatedResolutionDate, c.ResolvedAt }).ToListAsync(cancellationToken);
        return EffectivenessRates.ResolvedByFirstEstimate(
            facts.Select(f => new EstimateFact(f.FirstEstimatedResolutionDate, f.ResolvedAt is { } at ? DateOnly.FromDateTime(clock.ToLocal(at)) : null)), today);
    }

    // The mean of the two scores per answer, averaged over the answers: the points summed over twice the answers.
    private static SatisfactionCell Cell(DateOnly month, string key, int answers, int points) =>
        new(month, key, answers, Math.Round(points / (2.0 * answers), 2));
}
