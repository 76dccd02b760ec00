using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Settings;

namespace Zowor.Portal.Features.Retention;

/// <summary>
/// P-51: records are kept for the retention period (12 months by default) after a complaint is closed or withdrawn;
/// then the customer's personal data and every free text that may hold it are erased through
/// <see cref="PersonalDataEraser"/> (the same erasure as a GDPR request). Statistics (dates, channel, category, product,
/// levels, root-cause category, resolution kind and amount) stay for trends.
/// </summary>
public sealed class RetentionJob(
    IDbContextFactory<PortalDbContext> contexts,
    PersonalDataEraser eraser,
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
                // Only while the complaint is still ended past the cutoff: one reopened since the selection keeps its history.
                await eraser.EraseAsync(id, c => c.EndedAt != null && c.EndedAt <= cutoff, now, cancellationToken);
                erased++;
            }
            catch (Exception ex) when (ex is ComplaintConflictException or DomainException && ex is not Platform.Operations.DatabaseFaultException)
            {
                // Reopened or changed this moment; the next run decides again. (A database fault fails the run instead,
                // which Hangfire logs and retries.)
            }
        }

        if (erased > 0)
        {
            await eraser.ScrubAsync(cancellationToken);
            logger.LogInformation("Retention: personal data of {Count} complaints erased (P-51)", erased);
        }

        return erased;
    }
}
