using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Products;

/// <summary>
/// The one place that says which product a complaint counts under (P-60): a mapped complaint counts under its listed
/// product's English name, whatever the customer wrote; an unmapped one under its own spelling. Trends, recurring-issue
/// alerts and CAPA scopes all use these queries, so they agree, and the database does the grouping.
/// </summary>
public static class ProductQueries
{
    /// <summary>Each complaint with the product it counts under (null when it names none).</summary>
    public static IQueryable<ProductKeyed> Keyed(PortalDbContext db, IQueryable<Complaint> complaints) =>
        from c in complaints
        join p in db.Products on c.ProductId equals (long?)p.Id into listed
        from p in listed.DefaultIfEmpty()
        select new ProductKeyed { Complaint = c, Product = p != null ? p.NameEn : c.Product };

    /// <summary>
    /// The complaints about <paramref name="product"/>: the listed product whose name, former name or alias it is (all
    /// spellings mapped to it), and the unmapped complaints with exactly this spelling.
    /// </summary>
    public static IQueryable<Complaint> About(PortalDbContext db, IQueryable<Complaint> complaints, string product)
    {
        var normalised = Domain.Taxonomy.TaxonomyRules.Normalise(product);
        var listed = db.ProductAliases.Where(a => a.Alias == normalised).Select(a => (long?)a.ProductId);
        return complaints.Where(c => c.ProductId == null ? c.Product == product : listed.Contains(c.ProductId));
    }

    /// <summary>
    /// The listed product a new complaint's text names (a name or alias of an active product, ignoring case and spaces), if any.
    /// </summary>
    public static async Task<long?> MatchAsync(PortalDbContext db, string? text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var normalised = Domain.Taxonomy.TaxonomyRules.Normalise(text);
        return await (from a in db.ProductAliases
                      join p in db.Products on a.ProductId equals p.Id
                      where a.Alias == normalised && p.IsActive
                      select (long?)p.Id).FirstOrDefaultAsync(cancellationToken);
    }
}
