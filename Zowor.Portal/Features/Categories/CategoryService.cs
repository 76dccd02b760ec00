using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;

namespace Zowor.Portal.Features.Categories;

/// <summary>Reads the complaint category taxonomy.</summary>
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
}
