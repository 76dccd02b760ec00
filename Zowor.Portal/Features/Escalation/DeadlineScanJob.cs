using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Settings;

namespace Zowor.Portal.Features.Escalation;

/// <summary>
/// The rules in time (P-20, P-21, P-41, P-71, P-72), recomputed from the database on every run: acknowledgement warning
/// and breach, customer-update cadence, and automatic escalation. Indexed queries find only the complaints with
/// something due; each is changed through the domain with the version check, every step recorded at the moment it
/// became due and in that order. Running twice, on two nodes, or after days of downtime records each step exactly once.
/// </summary>
public sealed class DeadlineScanJob(
    IDbContextFactory<PortalDbContext> contexts,
    ComplaintUpdater updater,
    SettingsProvider settingsProvider,
    TimeProvider time,
    ILogger<DeadlineScanJob> logger)
{
    /// <summary>At most this many complaints per run, so one run stays short; the next run continues.</summary>
    public const int BatchSize = 2000;

    public async Task<DeadlineScanResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var settings = await settingsProvider.ReloadAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var due = await FindDueAsync(settings, now, cancellationToken);
        var result = new DeadlineScanResult();
        foreach (var id in due)
        {
            try
            {
                var steps = 0;
                await updater.ApplyAsync(id, expectedVersion: null, Actor.System, now, complaint => steps = ApplyDueSteps(complaint, settings, now), cancellationToken);
                result.ComplaintsChanged += steps > 0 ? 1 : 0;
                result.Steps += steps;
            }
            catch (ComplaintConflictException)
            {
                // Someone changed it this very moment; the next run recomputes from what they saved.
                result.Conflicts++;
            }
        }

        if (result.Steps > 0 || result.Conflicts > 0)
        {
            logger.LogInformation("Deadline scan: {Steps} steps on {Complaints} complaints, {Conflicts} deferred", result.Steps, result.ComplaintsChanged, result.Conflicts);
        }

        return result;
    }

    /// <summary>The ids of complaints with at least one step due, oldest first. Each condition is one indexed query.</summary>
    internal async Task<IReadOnlyList<Guid>> FindDueAsync(PortalSettings settings, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = ComplaintWorkflow.UnresolvedStatuses.ToArray();
        var warnFrom = now.AddHours(-settings.AcknowledgementWarningHours);
        var updateFrom = now.AddDays(-settings.CustomerUpdateDays);
        var level1From = now.AddDays(-settings.Level1ResolutionDays);
        var level2From = now.AddDays(-settings.Level2ResolutionDays);
        var complaints = db.Complaints.AsNoTracking();

        var due = complaints.Where(c => c.Status == ComplaintStatus.Received && c.AcknowledgementWarnedAt == null && c.ReceivedAt <= warnFrom)
            .Select(c => new { c.Id, c.ReceivedAt })
            .Union(complaints.Where(c => c.Status == ComplaintStatus.Received && c.AcknowledgementBreachedAt == null && c.AcknowledgementDueAt <= now)
                .Select(c => new { c.Id, c.ReceivedAt }))
            // A reopening restarts the cadence and the targets: nothing is due before the reopening plus the period.
            .Union(complaints.Where(c => open.Contains(c.Status) && c.CustomerUpdateDueSince == null && (c.LastCustomerUpdateAt ?? c.ReceivedAt) <= updateFrom
                    && (c.ReopenedAt == null || c.ReopenedAt <= updateFrom))
                .Select(c => new { c.Id, c.ReceivedAt }))
            .Union(complaints.Where(c => open.Contains(c.Status) && c.EscalationLevel == EscalationLevel.CustomerServiceManager
                    && (c.Severity == ComplaintSeverity.Serious || (c.ReceivedAt <= level1From && (c.ReopenedAt == null || c.ReopenedAt <= level1From))))
                .Select(c => new { c.Id, c.ReceivedAt }))
            .Union(complaints.Where(c => open.Contains(c.Status) && c.EscalationLevel == EscalationLevel.ChiefCustomerOfficer && c.EscalatedAt <= level2From
                    && (c.ReopenedAt == null || c.ReopenedAt <= level2From))
                .Select(c => new { c.Id, c.ReceivedAt }));
        return await due.OrderBy(c => c.ReceivedAt).Select(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken);
    }

    /// <summary>Applies every step due by <paramref name="now"/>, earliest first, and returns how many it applied.</summary>
    internal static int ApplyDueSteps(Complaint complaint, PortalSettings settings, DateTime now)
    {
        var applied = 0;
        // Each step changes what the next check sees; the bound only guards against a rule that would not.
        while (applied < 16 && NextStep(complaint, settings, now) is { } step)
        {
            step.Apply();
            applied++;
        }

        return applied;
    }

    private static Step? NextStep(Complaint c, PortalSettings settings, DateTime now)
    {
        var candidates = new List<Step>(4);
        if (c.Status == ComplaintStatus.Received && c.AcknowledgementWarnedAt is null && c.ReceivedAt.AddHours(settings.AcknowledgementWarningHours) is var warnAt && warnAt <= now)
        {
            candidates.Add(new Step(warnAt, 0, () => c.WarnAcknowledgementDue(warnAt)));
        }

        if (c.Status == ComplaintStatus.Received && c.AcknowledgementBreachedAt is null && c.AcknowledgementDueAt <= now)
        {
            candidates.Add(new Step(c.AcknowledgementDueAt, 1, () => c.RecordAcknowledgementBreach()));
        }

        // The cadence counts from the last update, but never from before a reopening: a complaint reopened weeks after its
        // last update is owed one a full period after the reopening. Long-running rules are also never dated before the
        // complaint's last change, so nothing is back-dated into the time it was closed.
        if (c.IsUnresolved && c.CustomerUpdateDueSince is null && Later(c.LastCustomerUpdateAt ?? c.ReceivedAt, c.ClockStartedAt).AddDays(settings.CustomerUpdateDays) is var updateDue && updateDue <= now)
        {
            var updateAt = Later(updateDue, c.LastChangedAt);
            candidates.Add(new Step(updateAt, 2, () => c.FlagCustomerUpdateDue(updateAt)));
        }

        if (EscalationPolicy.Next(c, now, settings.Escalation) is { } decision)
        {
            var escalateAt = Later(decision.DueAt, c.LastChangedAt);
            candidates.Add(new Step(escalateAt, 3, () => c.Escalate(decision.To, decision.Reason, Actor.System, escalateAt, automatic: true)));
        }

        return candidates.OrderBy(s => s.DueAt).ThenBy(s => s.Order).FirstOrDefault();
    }

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;

    private sealed record Step(DateTime DueAt, int Order, Action Apply);
}
