using System.Globalization;
using Zowor.Portal.Components.Shared;

namespace Zowor.Portal.Features.Categories;

/// <summary>
/// The current names of the complaint and root-cause categories in the UI culture, looked up by the code complaints
/// keep; an unknown code shows as itself. Pages render these as text (Razor encodes them; charts through <see cref="ChartLabels"/>).
/// </summary>
public sealed class TaxonomyNames(IReadOnlyDictionary<string, ComplaintCategory> categories, IReadOnlyDictionary<string, RootCauseCategoryName> rootCauses)
{
    public static readonly TaxonomyNames Empty = new(new Dictionary<string, ComplaintCategory>(), new Dictionary<string, RootCauseCategoryName>());

    private static string Culture => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public string Category(string code) =>
        categories.TryGetValue(code, out var category) ? category.Name(Culture) : code;

    /// <summary>A root-cause category's name from its code (the enum member's name, as complaints and figures keep it).</summary>
    public string RootCause(string code) =>
        rootCauses.TryGetValue(code, out var cause) ? cause.Name(Culture) : EnumText.OfName(code);
}
