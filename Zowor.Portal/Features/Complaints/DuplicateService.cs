using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Security;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Complaints;

/// <summary>
/// Merging duplicates (issue 17): staff mark a complaint as a duplicate of another. The duplicate is withdrawn with the
/// reason "duplicate of ZW-…" and the primary's timeline records the merge, in one transaction on the duplicate's
/// version (a concurrent change to either is a conflict); the customer is e-mailed the reference that stays; the
/// primary's case page shows the duplicate's contacts and evidence; /track of the duplicate points to the primary.
/// </summary>
public sealed class DuplicateService(
    IDbContextFactory<PortalDbContext> contexts,
    CurrentUser currentUser,
    BusinessClock clock,
    ComplaintUpdater updater,
    ComplaintEventPublisher publisher)
{
    public async Task MarkDuplicateAsync(Guid id, long version, MarkDuplicateForm form, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireAsync(ComplaintActionPolicies.For(ComplaintAction.MarkDuplicate));
        PlainText.Ensure(form);
        var reference = ComplaintReference.TryParse(form.PrimaryReference)?.ToString()
            ?? throw new DomainException("Enter the reference of the complaint that carries on, e.g. ZW-2026-000123.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var primaryId = await db.Complaints.Where(c => c.Reference == reference).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainException("There is no complaint {0}.", reference);

        var now = clock.UtcNow;
        Complaint? primary = null;
        await updater.ApplyAsync(id, version, actor, now, duplicate => duplicate.MarkDuplicateOf(primaryId, reference, actor, now), cancellationToken,
            alongside: (context, duplicate) =>
            {
                // The primary's side goes into the same SaveChanges (one transaction, the primary's version checked too).
                // ComplaintUpdater's hook is synchronous, hence the synchronous load of one row.
                primary = context.Complaints.Single(c => c.Id == primaryId);
                primary.RecordDuplicate(duplicate.Id, duplicate.Reference, actor, now);
            });
        if (primary is not null)
        {
            // The primary's open pages (case, queues) learn of the merge as well.
            publisher.Publish(primary, actor, primary.EscalationLevel, []);
        }
    }

    /// <summary>The complaints merged into <paramref name="primaryId"/>, each with its contacts and evidence, oldest first.</summary>
    public async Task<IReadOnlyList<MergedDuplicate>> GetMergedAsync(Guid primaryId, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Staff);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var duplicates = await db.Complaints.AsNoTracking().AsSplitQuery()
            .Include(c => c.Communications).Include(c => c.Evidence)
            .Where(c => c.DuplicateOfId == primaryId)
            .OrderBy(c => c.ReceivedAt)
            .ToListAsync(cancellationToken);
        return duplicates.Select(d => new MergedDuplicate(d.Id, d.Reference, d.ReceivedAt, d.Customer.Name, d.Subject,
            d.Communications.OrderBy(c => c.At).ToList(), d.Evidence.OrderBy(e => e.AddedAt).ToList())).ToList();
    }
}
