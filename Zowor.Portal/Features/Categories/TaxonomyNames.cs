using System.Globalization;
using Zowor.Portal.Components.Shared;
using Zowor.Portal.Features.Products;

namespace Zowor.Portal.Features.Categories;

/// <summary>
/// The current names of the complaint and root-cause categories and the listed products in the UI culture, looked up by
/// the key complaints and figures keep (a category's code; a listed product's English name, see
/// <see cref="ProductQueries.Keyed"/>); an unknown key, such as an unmapped product spelling, shows as itself. Pages render these as text (Razor encodes them; charts through <see cref="ChartLabels"/>).
/// </summary>
public sealed class TaxonomyNames(
    IReadOnlyDictionary<string, ComplaintCategory> categories,
    IReadOnlyDictionary<string, RootCauseCategoryName> rootCauses,
    IReadOnlyDictionary<string, ListedProduct> products)
{
    public static readonly TaxonomyNames Empty =
        new(new Dictionary<string, ComplaintCategory>(), new Dictionary<string, RootCauseCategoryName>(), new Dictionary<string, ListedProduct>());

    private static string Culture => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public string Category(string code) =>
        categories.TryGetValue(code, out var category) ? category.Name(Culture) : code;

    /// <summary>A root-cause category's name from its code (the enum member's name, as complaints and figures keep it).</summary>
    public string RootCause(string code) =>
        rootCauses.TryGetValue(code, out var cause) ? cause.Name(Culture) : EnumText.OfName(code);

    /// <summary>A product figure's name: the listed product's name in the UI culture, or the customer's own spelling when unmapped.</summary>
    public string Product(string key) =>
        products.TryGetValue(key, out var product) ? product.Name(Culture) : key;
}
