using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Settings;

namespace Zowor.Portal.Features.Retention;

/// <summary>
/// P-51: records are kept for the retention period (12 months by default) after a complaint is closed or withdrawn;
/// then the customer's personal data and every free text that may hold it are erased. Statistics (dates, channel,
/// category, product, levels, root-cause category, resolution kind and amount) stay for trends.
/// The timeline is append-only except for this one sanctioned path: its free text is blanked in bulk, and an
/// "Anonymised" entry records the erasure without the erased content.
/// </summary>
public sealed class RetentionJob(
    IDbContextFactory<PortalDbContext> contexts,
    ComplaintUpdater updater,
    Evidence.EvidenceStore evidenceFiles,
    SettingsProvider settingsProvider,
    TimeProvider time,
    ILogger<RetentionJob> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var settings = await settingsProvider.ReloadAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var cutoff = now.AddMonths(-settings.RetentionMonths);
        List<Guid> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            due = await db.Complaints.AsNoTracking()
                .Where(c => c.AnonymisedAt == null && c.EndedAt != null && c.EndedAt <= cutoff)
                .OrderBy(c => c.EndedAt)
                .Select(c => c.Id)
                .Take(1000)
                .ToListAsync(cancellationToken);
        }

        var erased = 0;
        foreach (var id in due)
        {
            try
            {
                await EraseAsync(id, now, cutoff, cancellationToken);
                erased++;
            }
            catch (Exception ex) when (ex is ComplaintConflictException or DomainException)
            {
                // Reopened or changed this moment; the next run decides again.
            }
        }

        if (erased > 0)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (db.Database.IsSqlite())
            {
                // The write-ahead log still holds the pages as they were before the erasure: fold it in and empty it.
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
            }

            logger.LogInformation("Retention: personal data of {Count} complaints erased (P-51)", erased);
        }

        return erased;
    }

    /// <summary>Erases one complaint: timeline text first (idempotent), then the aggregate, so a crash in between is repaired by the next run.</summary>
    public async Task EraseAsync(Guid id, DateTime now, DateTime cutoff, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // Only while the complaint is still ended past the cutoff: one reopened since the selection keeps its history.
            var stillDue = db.Complaints.Where(c => c.Id == id && c.AnonymisedAt == null && c.EndedAt != null && c.EndedAt <= cutoff);
            await db.ComplaintHistory
                .Where(h => EF.Property<Guid>(h, "ComplaintId") == id && stillDue.Any() && h.Kind != ComplaintHistoryKinds.StatusChanged && h.Kind != ComplaintHistoryKinds.Escalated)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.Details, (string?)null).SetProperty(h => h.Before, (string?)null).SetProperty(h => h.After, (string?)null), cancellationToken);
            // Status and escalation lines keep their values; their free text (reasons, notes) may name the customer.
            await db.ComplaintHistory
                .Where(h => EF.Property<Guid>(h, "ComplaintId") == id && stillDue.Any() && h.Details != null)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.Details, (string?)null), cancellationToken);
            // What the customer was e-mailed names them; an unsent message to an erased address is never sent.
            await db.OutboxMessages
                .Where(m => m.ComplaintId == id && stillDue.Any())
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.ToAddress, Complaint.Erased)
                    .SetProperty(m => m.ToName, Complaint.Erased)
                    .SetProperty(m => m.Body, Complaint.Erased)
                    .SetProperty(m => m.FailedAt, m => m.SentAt == null ? now : m.FailedAt), cancellationToken);
            await db.SatisfactionSurveys
                .Where(x => x.ComplaintId == id && x.Comment != null && stillDue.Any())
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Comment, Complaint.Erased), cancellationToken);
        }

        await updater.ApplyAsync(id, expectedVersion: null, Actor.System, now, complaint => complaint.Anonymise(now), cancellationToken);
        evidenceFiles.DeleteAll(id);
    }
}
