using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Notifications;

namespace Zowor.Portal.Features.Complaints;

/// <summary>
/// The one way a complaint changes, for people and jobs alike: one context, load the aggregate, apply domain methods,
/// plan notifications into the same transaction, save with the version check, publish. Authorization is the caller's.
/// </summary>
public sealed class ComplaintUpdater(
    IDbContextFactory<PortalDbContext> contexts,
    ComplaintEventPublisher publisher,
    ILogger<ComplaintUpdater> logger)
{
    /// <summary>
    /// Applies <paramref name="change"/> to the complaint. With <paramref name="expectedVersion"/> a change made since the
    /// caller read the complaint fails with <see cref="ComplaintConflictException"/>; a concurrent commit always does.
    /// </summary>
    /// <returns>Whether the change raised any event (and so was saved).</returns>
    public async Task<bool> ApplyAsync(Guid id, long? expectedVersion, Actor actor, DateTime now, Action<Complaint> change, CancellationToken cancellationToken)
    {
        // Every log line of this change names the complaint, so one case can be followed through the logs.
        using var idScope = logger.BeginScope(new Dictionary<string, object> { ["ComplaintId"] = id });
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var complaint = await db.Complaints.AsSplitQuery()
            .Include(c => c.Evidence).Include(c => c.Interviews).Include(c => c.Communications).Include(c => c.Escalations)
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new DomainException("The complaint no longer exists.");
        using var referenceScope = logger.BeginScope(new Dictionary<string, object> { ["ComplaintReference"] = complaint.Reference });

        var version = db.Entry(complaint).Property<long>(PortalDbContext.VersionProperty);
        if (expectedVersion is { } expected && version.CurrentValue != expected)
        {
            throw new ComplaintConflictException();
        }

        var levelBefore = complaint.EscalationLevel;
        change(complaint);
        if (complaint.DomainEvents.Count == 0)
        {
            return false;
        }

        var notifications = await NotificationPlanner.PlanAsync(db, complaint, actor, now, cancellationToken);
        try
        {
            // The UPDATE carries "WHERE Version = expected": a change committed in between makes it affect no row.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ComplaintConflictException();
        }
        catch (Exception ex) when (DatabaseBusy.Is(ex))
        {
            // The transaction rolled back as a whole: nothing of this change was written.
            logger.LogWarning(ex, "Complaint {Reference}: the database stayed busy; the change was not saved", complaint.Reference);
            throw new DomainException("The database is busy. Nothing was saved; try again in a moment.");
        }

        logger.LogInformation("Complaint {Reference} changed by {UserId}: {Kinds}", complaint.Reference, actor.Id,
            string.Join(", ", complaint.DomainEvents.Select(e => e.GetType().Name)));
        publisher.Publish(complaint, actor, levelBefore, notifications);
        return true;
    }
}
