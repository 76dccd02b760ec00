using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Products;

namespace Zowor.Portal.Features.Capa;

/// <summary>
/// The counting behind P-60 and P-61, done by the database (COUNT with WHERE / GROUP BY … HAVING), never by loading
/// complaints into memory. Withdrawn complaints do not count: they were withdrawn, not resolved.
/// </summary>
public static class RecurrenceQueries
{
    /// <summary>Root causes that say nothing about a systemic problem, so they never raise an alert.</summary>
    public static readonly IReadOnlyList<RootCauseCategory> NotSystemic =
        [RootCauseCategory.NoFaultFound, RootCauseCategory.CustomerMisuse, RootCauseCategory.Other];

    /// <summary>Complaints in the CAPA's scope: its product, category and root-cause category, each when set.</summary>
    /// <remarks>The product is matched as <see cref="ProductQueries.About"/> says: every spelling mapped to the listed product.</remarks>
    public static IQueryable<Complaint> InScope(PortalDbContext db, IQueryable<Complaint> complaints, string? product, string? category, RootCauseCategory? rootCause)
    {
        var query = complaints.Where(c => c.Status != ComplaintStatus.Withdrawn);
        if (product is not null)
        {
            query = ProductQueries.About(db, query, product);
        }

        if (category is not null)
        {
            query = query.Where(c => c.CategoryCode == category);
        }

        if (rootCause is { } cause)
        {
            query = query.Where(c => c.RootCause != null && c.RootCause.Category == cause);
        }

        return query;
    }

    /// <summary>Whether a CAPA has a scope the effectiveness check can count.</summary>
    public static bool HasScope(CapaRecord capa) =>
        capa.RecurrenceProduct is not null || capa.RecurrenceCategory is not null || capa.RecurrenceRootCause is not null;

    /// <summary>
    /// One row with the recurrences before and after <paramref name="split"/>, each within <paramref name="windowDays"/>:
    /// <c>SELECT COUNT(CASE …), COUNT(CASE …) FROM Complaints WHERE … GROUP BY …</c>. No row when nothing matched.
    /// </summary>
    public static IQueryable<RecurrenceCounts> EffectivenessCounts(
        PortalDbContext db, string? product, string? category, RootCauseCategory? rootCause, DateTime split, int windowDays)
    {
        var from = split.AddDays(-windowDays);
        var to = split.AddDays(windowDays);
        return InScope(db, db.Complaints, product, category, rootCause)
            .Where(c => c.ReceivedAt >= from && c.ReceivedAt < to)
            .GroupBy(c => 1)
            .Select(g => new RecurrenceCounts(g.Count(c => c.ReceivedAt < split), g.Count(c => c.ReceivedAt >= split)));
    }

    /// <summary>The evidence for a CAPA in its effectiveness check; null before implementation or without a scope.</summary>
    public static async Task<EffectivenessEvidence?> EvidenceAsync(PortalDbContext db, CapaRecord capa, DateTime now, CancellationToken cancellationToken)
    {
        if (capa.ImplementedAt is not { } split || !HasScope(capa))
        {
            return null;
        }

        var counts = await EffectivenessCounts(db, capa.RecurrenceProduct, capa.RecurrenceCategory, capa.RecurrenceRootCause, split, capa.EffectivenessWindowDays)
            .FirstOrDefaultAsync(cancellationToken) ?? new RecurrenceCounts(0, 0);
        return new EffectivenessEvidence(counts.Before, counts.After, capa.EffectivenessWindowDays, now >= split.AddDays(capa.EffectivenessWindowDays));
    }

    /// <summary>Product and category pairs with at least <paramref name="threshold"/> complaints received in [from, to).</summary>
    /// <remarks>Grouped by the product each complaint counts under (<see cref="ProductQueries.Keyed"/>), so spellings mapped to one listed product count together.</remarks>
    public static IQueryable<ProductGroup> ProductGroups(PortalDbContext db, DateTime from, DateTime to, int threshold) =>
        ProductQueries.Keyed(db, db.Complaints
            .Where(c => c.Status != ComplaintStatus.Withdrawn && c.Product != null && c.ReceivedAt >= from && c.ReceivedAt < to))
            .GroupBy(k => new { k.Product, k.Complaint.CategoryCode })
            .Where(g => g.Count() >= threshold)
            .Select(g => new ProductGroup(g.Key.Product!, g.Key.CategoryCode, g.Count()));

    /// <summary>Systemic root-cause categories with at least <paramref name="threshold"/> complaints received in [from, to).</summary>
    public static IQueryable<RootCauseGroup> RootCauseGroups(PortalDbContext db, DateTime from, DateTime to, int threshold)
    {
        var excluded = NotSystemic.ToList();
        return db.Complaints
            .Where(c => c.Status != ComplaintStatus.Withdrawn && c.RootCause != null && !excluded.Contains(c.RootCause.Category)
                && c.ReceivedAt >= from && c.ReceivedAt < to)
            .GroupBy(c => c.RootCause!.Category)
            .Where(g => g.Count() >= threshold)
            .Select(g => new RootCauseGroup(g.Key, g.Count()));
    }
}
