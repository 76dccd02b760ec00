namespace Zowor.Portal.Features.Products;

/// <summary>
/// Another spelling of a listed product. A new complaint whose product text matches a name or an alias (ignoring case
/// and surrounding spaces) is mapped at registration; mapping spellings in bulk adds them here.
/// </summary>
public sealed class ProductAlias
{
    public long Id { get; private set; }
    public long ProductId { get; init; }

    /// <summary>The spelling, trimmed and lower-cased (<see cref="Domain.Taxonomy.TaxonomyRules.Normalise"/>); unique over all products.</summary>
    public required string Alias { get; init; }
}
