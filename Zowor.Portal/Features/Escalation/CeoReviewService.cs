using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Trends;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Escalation;

/// <summary>
/// The CEO review page (P-72, P-73): the level-3 complaints with their escalation history and CEO decisions, the
/// month's headline figures and open CAPAs. The CEO and the CCO read it; only the CEO decides.
/// </summary>
public sealed class CeoReviewService(
    IDbContextFactory<PortalDbContext> contexts,
    CurrentUser currentUser,
    BusinessClock clock,
    ComplaintUpdater updater,
    TrendQueries trends)
{
    public async Task<IReadOnlyList<CeoCase>> GetLevel3Async(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.CeoReview);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = ComplaintWorkflow.UnresolvedStatuses.ToArray();
        var cases = await db.Complaints.AsNoTracking()
            .Where(c => c.EscalationLevel == EscalationLevel.ChiefExecutive && open.Contains(c.Status))
            .OrderBy(c => c.EscalatedAt)
            .Select(c => new
            {
                c.Id,
                c.Reference,
                c.Subject,
                CustomerName = c.Customer.Name,
                c.Status,
                c.ReceivedAt,
                c.EscalatedAt,
                c.OwnerName,
                c.AcknowledgementDueAt,
                c.ReopenedAt,
                Version = EF.Property<long>(c, PortalDbContext.VersionProperty),
                Offer = c.Resolution == null ? null : c.Resolution.Details,
                OfferKind = c.Resolution == null ? (ResolutionKind?)null : c.Resolution.Kind,
                Escalations = c.Escalations.OrderBy(e => e.At).Select(e => new CeoEscalation((int)e.FromLevel, (int)e.ToLevel, e.Reason, e.Automatic, e.At, e.ByName)).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var ids = cases.Select(c => c.Id).ToArray();
        var decisions = await db.ComplaintHistory.AsNoTracking()
            .Where(h => h.Kind == ComplaintHistoryKinds.CeoDecision && ids.Contains(EF.Property<Guid>(h, "ComplaintId")))
            .OrderBy(h => h.At)
            .Select(h => new { ComplaintId = EF.Property<Guid>(h, "ComplaintId"), h.After, h.Details, h.At, h.ActorName })
            .ToListAsync(cancellationToken);
        return cases.Select(c => new CeoCase(
            c.Id, c.Reference, c.Subject, c.CustomerName, c.Status, c.ReceivedAt, c.EscalatedAt, c.OwnerName, c.Version, c.OfferKind, c.Offer,
            c.Escalations,
            decisions.Where(d => d.ComplaintId == c.Id)
                .Select(d => new CeoDecisionView(Enum.TryParse<CeoDecisionOutcome>(d.After, out var outcome) ? outcome : CeoDecisionOutcome.Other, d.Details ?? string.Empty, d.At, d.ActorName))
                .ToList(),
            c.AcknowledgementDueAt,
            c.ReopenedAt)).ToList();
    }

    /// <summary>This month so far (business calendar), from the trend queries.</summary>
    public async Task<TrendReport> GetMonthAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.CeoReview);
        return await trends.GetReportAsync(TrendFilter.MonthToDate(clock.Today), cancellationToken);
    }

    /// <summary>Whether the signed-in user may decide (the CEO), so the page shows the form only to them.</summary>
    public Task<bool> CanDecideAsync() => currentUser.IsAllowedAsync(PortalRoles.Policies.CeoDecisions);

    /// <summary>Records the CEO's decision on the complaint's timeline (P-72). Only the CEO; the version guards against a concurrent change.</summary>
    public async Task RecordDecisionAsync(Guid id, long version, CeoDecisionForm form, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireAsync(PortalRoles.Policies.CeoDecisions);
        Platform.Security.PlainText.Ensure(form);
        var outcome = form.Outcome ?? throw new Domain.Common.DomainException("Choose the outcome of the decision.");
        await updater.ApplyAsync(id, version, actor, clock.UtcNow, c => c.RecordCeoDecision(outcome, form.Decision ?? string.Empty, actor, clock.UtcNow), cancellationToken);
    }
}
