using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Taxonomy;
using Zowor.Portal.Features.Audit;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Products;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Categories;

/// <summary>
/// The Admin's use cases on the taxonomies: complaint categories, root-cause categories, the product list and the
/// mapping of free-text product spellings. Every method checks the Admin policy itself. Complaints keep codes and ids,
/// never names, so a rename shows everywhere at once; a deactivated entry stays on old complaints and in trends and is
/// only no longer offered.
/// </summary>
public sealed class TaxonomyService(
    IDbContextFactory<PortalDbContext> contexts,
    CurrentUser currentUser,
    BusinessClock clock,
    ComplaintUpdater updater,
    AuditTrail audit)
{
    public async Task<IReadOnlyList<ComplaintCategory>> GetCategoriesAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Code).ToListAsync(cancellationToken);
    }

    /// <summary>Adds a category or saves one; its code changes only while nothing refers to it.</summary>
    public async Task<string> SaveCategoryAsync(CategoryForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var actor = await currentUser.RequireAsync(PortalRoles.Policies.Admin);
        var code = TaxonomyRules.Code(form.Code);
        var (en, ru) = TaxonomyRules.Names(form.NameEn, form.NameRu);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var self = form.OriginalCode ?? code;
        if (await db.Categories.AnyAsync(c => c.Code != self && (c.NameEn == en || c.NameRu == ru), cancellationToken))
        {
            // Names label the charts and breakdowns, where two categories of one name could not be told apart.
            throw new DomainException("Another category already has this name.");
        }

        ComplaintCategory? category = null;
        if (form.OriginalCode is { } original)
        {
            category = await db.Categories.SingleOrDefaultAsync(c => c.Code == original, cancellationToken)
                ?? throw new DomainException("The category no longer exists.");
            if (original != code)
            {
                TaxonomyRules.EnsureCodeMayChange(await CategoryInUseAsync(db, original, cancellationToken));
                db.Categories.Remove(category);
                category = null;
            }
        }

        if (category is null)
        {
            if (await db.Categories.AnyAsync(c => c.Code == code, cancellationToken))
            {
                throw new DomainException("A category with the code “{0}” already exists.", code);
            }

            category = new ComplaintCategory { Code = code, NameEn = en, NameRu = ru };
            db.Categories.Add(category);
        }

        category.NameEn = en;
        category.NameRu = ru;
        category.SortOrder = form.SortOrder;
        category.IsActive = form.IsActive;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(actor, "Category saved", null, null, $"{code}: {en} / {ru}{(form.IsActive ? string.Empty : " (inactive)")}", cancellationToken);
        return code;
    }

    public async Task<IReadOnlyList<RootCauseCategoryName>> GetRootCausesAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RootCauseCategories.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(cancellationToken);
    }

    public async Task SaveRootCauseAsync(RootCauseNameForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var actor = await currentUser.RequireAsync(PortalRoles.Policies.Admin);
        var (en, ru) = TaxonomyRules.Names(form.NameEn, form.NameRu);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var cause = await db.RootCauseCategories.SingleOrDefaultAsync(c => c.Code == form.Code, cancellationToken)
            ?? throw new DomainException("The root-cause category no longer exists.");
        cause.NameEn = en;
        cause.NameRu = ru;
        cause.SortOrder = form.SortOrder;
        cause.IsActive = form.IsActive;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(actor, "Root-cause category saved", null, null, $"{form.Code}: {en} / {ru}{(form.IsActive ? string.Empty : " (inactive)")}", cancellationToken);
    }

    public async Task<IReadOnlyList<ProductEntry>> GetProductsAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var products = await db.Products.AsNoTracking().OrderBy(p => p.NameEn).ToListAsync(cancellationToken);
        var aliases = (await db.ProductAliases.AsNoTracking().OrderBy(a => a.Alias).ToListAsync(cancellationToken)).ToLookup(a => a.ProductId, a => a.Alias);
        var counts = await db.Complaints.Where(c => c.ProductId != null).GroupBy(c => c.ProductId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return products.Select(p => new ProductEntry(p.Id, p.NameEn, p.NameRu, p.IsActive,
            aliases[p.Id].Where(a => a != TaxonomyRules.Normalise(p.NameEn) && a != TaxonomyRules.Normalise(p.NameRu)).ToList(),
            counts.GetValueOrDefault(p.Id))).ToList();
    }

    /// <summary>
    /// Adds or saves a listed product. Its names and aliases are the spellings that map new complaints to it; a former
    /// name stays an alias, so CAPA scopes and links written with it keep counting the product.
    /// </summary>
    public async Task<long> SaveProductAsync(ProductForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var actor = await currentUser.RequireAsync(PortalRoles.Policies.Admin);
        var (en, ru) = TaxonomyRules.Names(form.NameEn, form.NameRu, TaxonomyRules.ProductNameLength);
        var typed = TaxonomyRules.Aliases(form.Aliases);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        ListedProduct product;
        List<string> kept = [];
        if (form.Id is { } id)
        {
            product = await db.Products.Include(p => p.Aliases).SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
                ?? throw new DomainException("The product no longer exists.");
            kept = [TaxonomyRules.Normalise(product.NameEn), TaxonomyRules.Normalise(product.NameRu)];
        }
        else
        {
            product = new ListedProduct { NameEn = en, NameRu = ru };
            db.Products.Add(product);
        }

        if (await db.Products.AnyAsync(p => p.NameEn == en && p.Id != product.Id, cancellationToken))
        {
            throw new DomainException("A product with the name “{0}” already exists.", en);
        }

        var spellings = typed.Concat([TaxonomyRules.Normalise(en), TaxonomyRules.Normalise(ru)]).Concat(kept).Distinct(StringComparer.Ordinal).ToList();
        var taken = await db.ProductAliases.Where(a => spellings.Contains(a.Alias) && a.ProductId != product.Id).Select(a => a.Alias).FirstOrDefaultAsync(cancellationToken);
        if (taken is not null)
        {
            throw new DomainException("The spelling “{0}” already belongs to another product.", taken);
        }

        product.NameEn = en;
        product.NameRu = ru;
        product.IsActive = form.IsActive;
        product.Aliases.RemoveAll(a => !spellings.Contains(a.Alias));
        product.Aliases.AddRange(spellings.Where(s => product.Aliases.All(a => a.Alias != s)).Select(s => new ProductAlias { Alias = s }));
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(actor, "Product saved", null, null, $"{en} / {ru}{(form.IsActive ? string.Empty : " (inactive)")}", cancellationToken);
        return product.Id;
    }

    /// <summary>The free-text spellings of complaints not mapped to a listed product, most used first.</summary>
    public async Task<IReadOnlyList<UnmappedProduct>> GetUnmappedAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Complaints.Where(c => c.ProductId == null && c.Product != null && c.AnonymisedAt == null)
            .GroupBy(c => c.Product!).Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key).ToListAsync(cancellationToken);
        return rows.Select(r => new UnmappedProduct(r.Key, r.Count)).ToList();
    }

    /// <summary>
    /// Maps every unmapped complaint with one of <paramref name="spellings"/> to the listed product (a timeline entry on
    /// each), and keeps each spelling as an alias, so later complaints spelled so are mapped at registration.
    /// </summary>
    /// <returns>How many complaints were mapped.</returns>
    public async Task<int> MapSpellingsAsync(IReadOnlyCollection<string> spellings, long productId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spellings);
        var actor = await currentUser.RequireAsync(PortalRoles.Policies.Admin);
        if (spellings.Count == 0)
        {
            throw new DomainException("Tick the spellings to map.");
        }

        List<Guid> ids;
        string name;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == productId && p.IsActive, cancellationToken)
                ?? throw new DomainException("Choose a product from the list.");
            name = product.NameEn;
            var normalised = spellings.Select(TaxonomyRules.Normalise).Distinct(StringComparer.Ordinal).ToList();
            var taken = await db.ProductAliases.Where(a => normalised.Contains(a.Alias) && a.ProductId != productId).Select(a => a.Alias).FirstOrDefaultAsync(cancellationToken);
            if (taken is not null)
            {
                throw new DomainException("The spelling “{0}” already belongs to another product.", taken);
            }

            var known = await db.ProductAliases.Where(a => a.ProductId == productId).Select(a => a.Alias).ToListAsync(cancellationToken);
            db.ProductAliases.AddRange(normalised.Except(known).Select(s => new ProductAlias { ProductId = productId, Alias = s }));
            await db.SaveChangesAsync(cancellationToken);
            var exact = spellings.ToList();
            ids = await db.Complaints.Where(c => c.ProductId == null && c.Product != null && exact.Contains(c.Product)).Select(c => c.Id).ToListAsync(cancellationToken);
        }

        var now = clock.UtcNow;
        foreach (var id in ids)
        {
            // One complaint per unit of work, as staff would map them one by one: each gets its timeline entry and live update.
            await updater.ApplyAsync(id, null, actor, now, c => c.MapProduct(productId, name, null, actor, now), cancellationToken, emailCustomer: false);
        }

        await audit.RecordAsync(actor, "Product spellings mapped", null, null, $"{string.Join(", ", spellings)} → {name} ({ids.Count})", cancellationToken);
        return ids.Count;
    }

    private static async Task<bool> CategoryInUseAsync(PortalDbContext db, string code, CancellationToken cancellationToken) =>
        await db.Complaints.AnyAsync(c => c.CategoryCode == code, cancellationToken)
        || await db.Capas.AnyAsync(c => c.RecurrenceCategory == code, cancellationToken)
        || await db.RecurringIssueAlerts.AnyAsync(a => a.CategoryCode == code, cancellationToken);
}
