using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Features.Training;
using Zowor.Portal.Platform.Time;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Features.Capa;

/// <summary>
/// Completes a CAPA's memo or training action the moment its evidence is complete (P-80, P-81, P-62): called by the memo
/// and training services inside the transaction that saves the last acknowledgement or completion, so the action is done
/// in the same commit, with the portal as actor on the CAPA's history. Reading the CAPA and the hourly scan remain the
/// safety net (an audience that shrank when someone changed role, a save that lost a race here).
/// </summary>
public sealed class CapaTeachingListener(BusinessClock clock, ILogger<CapaTeachingListener> logger) : ITeachingEvidenceListener
{
    /// <inheritdoc />
    public Task<IReadOnlyList<LiveEvent>> MemoAcknowledgedAsync(PortalDbContext db, Guid memoId, CancellationToken cancellationToken) =>
        SettleAsync(db, c => c.Actions.Any(a => a.Status == CapaActionStatus.Open && a.Kind == CapaActionKind.Memo && a.MemoId == memoId), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<LiveEvent>> CourseCompletedAsync(PortalDbContext db, int courseId, CancellationToken cancellationToken) =>
        SettleAsync(db, c => c.Actions.Any(a => a.Status == CapaActionStatus.Open && a.Kind == CapaActionKind.Training && a.TrainingCourseId == courseId), cancellationToken);

    private async Task<IReadOnlyList<LiveEvent>> SettleAsync(
        PortalDbContext db, System.Linq.Expressions.Expression<Func<CapaRecord, bool>> waitsOnIt, CancellationToken cancellationToken)
    {
        var ids = await db.Capas.AsNoTracking().Where(c => c.Status != CapaStatus.Closed).Where(waitsOnIt).Select(c => c.Id).ToListAsync(cancellationToken);
        var events = new List<LiveEvent>();
        foreach (var id in ids)
        {
            var capa = await db.Capas.AsSplitQuery().SingleAsync(c => c.Id == id, cancellationToken);
            if (await TeachingEvidenceQueries.SettleAsync(db, capa, clock.Today, clock.UtcNow, cancellationToken) == 0)
            {
                continue;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone saved this CAPA a moment ago: the evidence stands, and the next read of the CAPA or the hourly
                // scan finishes the action. Stop tracking it so the failed change is not saved again.
                foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).ToList())
                {
                    entry.State = EntityState.Detached;
                }

                continue;
            }

            logger.LogInformation("CAPA {Number}: memo or training action done on its evidence as it was recorded", capa.Number);
            events.Add(new CapaChanged(capa.Id, CapaChanges.Changed, capa.Complaints.Select(c => c.ComplaintId).ToList(), Actor.SystemId));
        }

        return events;
    }
}
