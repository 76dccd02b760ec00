namespace Zowor.Portal.Features.Products;

/// <summary>
/// An entry of the admin-managed product list. Complaints keep the product as written and point here once mapped, so
/// trends, recurring-issue alerts and CAPA scopes count one product however customers spelled it (P-60, P-62).
/// </summary>
public sealed class ListedProduct
{
    public const int MaxNameLength = 200;

    public long Id { get; private set; }
    public required string NameEn { get; set; }
    public required string NameRu { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>Its spellings (names and aliases, normalised), saved with it.</summary>
    public List<ProductAlias> Aliases { get; private set; } = [];

    public string Name(string twoLetterCulture) => twoLetterCulture == "ru" ? NameRu : NameEn;
}
