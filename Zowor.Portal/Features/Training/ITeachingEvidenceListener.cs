using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Features.Training;

/// <summary>
/// Told inside the transaction that records teaching evidence (a memo acknowledgement, P-81; a training completion,
/// P-80), after that evidence is saved and before it is committed, so a feature that waits on it (a CAPA's memo and
/// training actions, P-62) acts in the same commit. Memos and training know nothing of CAPAs: the CAPA feature registers
/// an implementation, and with none registered the evidence is simply saved.
/// </summary>
public interface ITeachingEvidenceListener
{
    /// <summary>Someone acknowledged <paramref name="memoId"/>; the acknowledgement is saved on <paramref name="db"/>'s open transaction.</summary>
    /// <returns>The live events to publish once the transaction committed.</returns>
    Task<IReadOnlyList<LiveEvent>> MemoAcknowledgedAsync(PortalDbContext db, Guid memoId, CancellationToken cancellationToken);

    /// <summary>Staff completed the course <paramref name="courseId"/>; the completions are saved on <paramref name="db"/>'s open transaction.</summary>
    /// <returns>The live events to publish once the transaction committed.</returns>
    Task<IReadOnlyList<LiveEvent>> CourseCompletedAsync(PortalDbContext db, int courseId, CancellationToken cancellationToken);
}

/// <summary>Saves teaching evidence and lets the listeners act on it in one transaction (one retriable unit on SQL Server).</summary>
internal static class TeachingEvidenceUnit
{
    /// <summary>
    /// Runs <paramref name="save"/> (which adds the evidence to a fresh context and saves it) and then each listener, in one
    /// transaction, and publishes the listeners' live events after the commit. <paramref name="save"/> may run again when
    /// the provider's execution strategy retries a transient failure, each time on a new context.
    /// </summary>
    public static async Task<T> SaveAsync<T>(
        IDbContextFactory<PortalDbContext> contexts,
        IEnumerable<ITeachingEvidenceListener> listeners,
        LivePublisher publisher,
        Func<PortalDbContext, CancellationToken, Task<T>> save,
        Func<ITeachingEvidenceListener, PortalDbContext, T, CancellationToken, Task<IReadOnlyList<LiveEvent>>> notify,
        CancellationToken cancellationToken)
    {
        var all = listeners.ToList();
        await using var strategyContext = await contexts.CreateDbContextAsync(cancellationToken);
        var strategy = strategyContext.Database.CreateExecutionStrategy();
        var (result, events) = await strategy.ExecuteAsync(async ct =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var saved = await save(db, ct);
            var raised = new List<LiveEvent>();
            foreach (var listener in all)
            {
                raised.AddRange(await notify(listener, db, saved, ct));
            }

            await transaction.CommitAsync(ct);
            return (saved, raised);
        }, cancellationToken);
        foreach (var live in events)
        {
            publisher.Publish(live);
        }

        return result;
    }
}
