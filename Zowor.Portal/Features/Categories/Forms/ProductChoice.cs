using Zowor.Portal.Features.Products;

namespace Zowor.Portal.Features.Categories;

/// <summary>A product offered for type-ahead and mapping.</summary>
public sealed record ProductChoice(long Id, string NameEn, string NameRu)
{
    public string Name(string twoLetterCulture) => twoLetterCulture == "ru" ? NameRu : NameEn;

    public static ProductChoice Of(ListedProduct product) => new(product.Id, product.NameEn, product.NameRu);
}
