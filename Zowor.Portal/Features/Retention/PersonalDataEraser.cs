using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;

namespace Zowor.Portal.Features.Retention;

/// <summary>
/// The one way a complaint's personal data is erased, shared by retention (P-51, 12 months after closure) and by a
/// customer's GDPR erasure request (P-91): the timeline's free text is blanked in bulk (the only sanctioned change to the
/// append-only timeline), then <see cref="Complaint.Anonymise"/> erases the aggregate and records an "Anonymised" entry
/// without the erased content. Statistics stay for trends.
/// </summary>
public sealed class PersonalDataEraser(
    IDbContextFactory<PortalDbContext> contexts,
    ComplaintUpdater updater,
    Evidence.EvidenceStore evidenceFiles,
    Mail.PickupDirectoryMailTransport pickup)
{
    /// <summary>
    /// Erases one complaint while <paramref name="stillDue"/> holds for it: timeline text first (idempotent), then the
    /// aggregate, so a crash in between is repaired by the next attempt. A complaint reopened since it was chosen keeps its history.
    /// </summary>
    public async Task EraseAsync(Guid id, Expression<Func<Complaint, bool>> stillDue, DateTime now, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var due = db.Complaints.Where(c => c.Id == id && c.AnonymisedAt == null).Where(stillDue);
            if (!await due.AnyAsync(cancellationToken))
            {
                return;
            }

            // Files first (idempotent): a failure here leaves the complaint for the next run, not files forever.
            evidenceFiles.DeleteAll(id);
            foreach (var messageId in await db.OutboxMessages.Where(m => m.ComplaintId == id).Select(m => m.Id).ToListAsync(cancellationToken))
            {
                var file = pickup.PathOf(messageId.ToString("N"));
                if (File.Exists(file))
                {
                    File.Delete(file);
                }
            }

            await db.ComplaintHistory
                .Where(h => EF.Property<Guid>(h, "ComplaintId") == id && due.Any() && h.Kind != ComplaintHistoryKinds.StatusChanged && h.Kind != ComplaintHistoryKinds.Escalated)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.Details, (string?)null).SetProperty(h => h.Before, (string?)null).SetProperty(h => h.After, (string?)null), cancellationToken);
            // Status and escalation lines keep their values; their free text (reasons, notes) may name the customer.
            await db.ComplaintHistory
                .Where(h => EF.Property<Guid>(h, "ComplaintId") == id && due.Any() && h.Details != null)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.Details, (string?)null), cancellationToken);
            // What the customer was e-mailed names them; an unsent message to an erased address is never sent.
            await db.OutboxMessages
                .Where(m => m.ComplaintId == id && due.Any())
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.ToAddress, Complaint.Erased)
                    .SetProperty(m => m.ToName, Complaint.Erased)
                    .SetProperty(m => m.Body, Complaint.Erased)
                    .SetProperty(m => m.LastError, (string?)null)
                    .SetProperty(m => m.FailedAt, m => m.SentAt == null ? now : m.FailedAt), cancellationToken);
            await db.SatisfactionSurveys
                .Where(x => x.ComplaintId == id && x.Comment != null && due.Any())
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Comment, Complaint.Erased), cancellationToken);
            // The mailbox's record of the customer's e-mails keeps only what proves each was handled once.
            await db.Set<Mailbox.InboundMail>()
                .Where(m => m.ComplaintId == id && due.Any())
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.FromAddress, (string?)null)
                    .SetProperty(m => m.Subject, (string?)null)
                    .SetProperty(m => m.Detail, (string?)null), cancellationToken);
        }

        // Still due when saved: a complaint reopened in the meantime keeps its data (and is erased later, if ever).
        var isDue = stillDue.Compile();
        await updater.ApplyAsync(id, expectedVersion: null, Actor.System, now, complaint =>
        {
            if (isDue(complaint))
            {
                complaint.Anonymise(now);
            }
        }, cancellationToken);
    }

    /// <summary>
    /// After erasures: SQLite's write-ahead log still holds the pages as they were before; fold it into the file and empty
    /// it. (Deleted and overwritten content in the file itself is zeroed by <c>secure_delete</c>, SqlitePragmaInterceptor.)
    /// </summary>
    public async Task ScrubAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }
    }
}
