using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Features.Categories;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Products;

/// <summary>The product list as the forms and the case page use it: type-ahead, and mapping one complaint's product.</summary>
public sealed class ProductService(
    IDbContextFactory<PortalDbContext> contexts,
    CurrentUser currentUser,
    BusinessClock clock,
    ComplaintUpdater updater)
{
    /// <summary>How many suggestions the type-ahead offers.</summary>
    public const int Suggestions = 10;

    /// <summary>
    /// Active product names in the given language containing <paramref name="text"/> (all of them when empty), for the
    /// public form and staff registration. Public: product names are not secret, and the form still takes free text.
    /// </summary>
    public async Task<IReadOnlyList<string>> SuggestAsync(string? text, string twoLetterCulture, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var products = await db.Products.AsNoTracking().Where(p => p.IsActive).Select(p => new { p.NameEn, p.NameRu }).ToListAsync(cancellationToken);
        var typed = text?.Trim() ?? string.Empty;
        return products
            .Select(p => twoLetterCulture == "ru" ? p.NameRu : p.NameEn)
            .Where(n => n.Contains(typed, StringComparison.CurrentCultureIgnoreCase))
            .OrderBy(n => !n.StartsWith(typed, StringComparison.CurrentCultureIgnoreCase)).ThenBy(n => n, StringComparer.CurrentCulture)
            .Take(limit).ToList();
    }

    /// <summary>Active listed products, for the case page's "map product".</summary>
    public async Task<IReadOnlyList<ProductChoice>> GetChoicesAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.HandleComplaints);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await db.Products.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.NameEn).ToListAsync(cancellationToken))
            .Select(ProductChoice.Of).ToList();
    }

    /// <summary>The listed product a complaint is mapped to, if any (any product, inactive ones too: history keeps it).</summary>
    public async Task<ProductChoice?> GetAsync(long? id, CancellationToken cancellationToken = default)
    {
        if (id is not { } productId)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Products.AsNoTracking().Where(p => p.Id == productId).Select(p => new ProductChoice(p.Id, p.NameEn, p.NameRu)).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Maps one complaint's product to a listed product (on its timeline); staff who handle complaints may.</summary>
    public async Task MapAsync(Guid complaintId, long version, long? productId, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireAsync(PortalRoles.Policies.HandleComplaints);
        string name;
        string? previous;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            name = await db.Products.Where(p => p.Id == productId && p.IsActive).Select(p => p.NameEn).SingleOrDefaultAsync(cancellationToken)
                ?? throw new DomainException("Choose a product from the list.");
            previous = await (from c in db.Complaints
                              join p in db.Products on c.ProductId equals (long?)p.Id
                              where c.Id == complaintId
                              select p.NameEn).SingleOrDefaultAsync(cancellationToken);
        }

        var now = clock.UtcNow;
        await updater.ApplyAsync(complaintId, version, actor, now, c => c.MapProduct(productId!.Value, name, previous, actor, now), cancellationToken, emailCustomer: false);
    }
}
