using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Categories;

/// <summary>Reads the complaint and root-cause category taxonomies (names are looked up, never copied onto complaints).</summary>
public sealed class CategoryService(IDbContextFactory<PortalDbContext> contexts)
{
    public async Task<IReadOnlyList<ComplaintCategory>> GetActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Categories.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.SortOrder).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, ComplaintCategory>> GetAllByCodeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Code, cancellationToken);
    }

    /// <summary>Every root-cause category's names (inactive ones too: old complaints and trends keep them), in the admin's order.</summary>
    public async Task<IReadOnlyList<RootCauseCategoryName>> GetRootCausesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RootCauseCategories.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(cancellationToken);
    }

    /// <summary>The names of both taxonomies, for pages that show codes as names.</summary>
    public async Task<TaxonomyNames> GetNamesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Code, cancellationToken);
        var causes = await db.RootCauseCategories.AsNoTracking().ToListAsync(cancellationToken);
        var products = await db.Products.AsNoTracking().ToListAsync(cancellationToken);
        return new TaxonomyNames(categories, causes.ToDictionary(c => c.Code.ToString()),
            products.GroupBy(p => p.NameEn, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal));
    }
}
