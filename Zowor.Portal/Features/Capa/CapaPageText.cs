using System.Globalization;
using Microsoft.Extensions.Localization;
using Zowor.Portal.Components.Shared;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Platform.Localization;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Capa;

/// <summary>
/// What the CAPA editor says about a record in words: labels, the recurrence scope, the entries a conflict notice sets
/// side by side, and the input policy's message for the list fields. Kept out of the page so the page reads as its
/// outline and these texts can be read (and changed) in one place.
/// </summary>
// The localizer is L, as in the components, so the localization check finds the keys (LocalizationTests).
internal static class CapaPageText
{
    /// <summary>"Close" alone next to the page title reads like closing the page.</summary>
    public static string StepLabel(IStringLocalizer L, CapaStep step) => step == CapaStep.Close ? L["Close CAPA"] : L[EnumText.Of(step)];

    public static string Scope(IStringLocalizer L, CapaView view)
    {
        var capa = view.Capa;
        if (!RecurrenceQueries.HasScope(capa))
        {
            return L["Recurrence is not counted: no product, category or root cause is set."];
        }

        var parts = new List<string>();
        if (capa.RecurrenceProduct is { } product)
        {
            parts.Add(product);
        }

        if (view.CategoryName is { } category)
        {
            parts.Add(category);
        }

        if (capa.RecurrenceRootCause is { } cause)
        {
            parts.Add(L[EnumText.Of(cause)]);
        }

        // A category and a root cause may share a name ("Packaging · Packaging"): each name once (issue 20).
        return string.Format(CultureInfo.CurrentCulture, L["Recurrence counted for: {0}"], string.Join(" · ", parts.Distinct(StringComparer.CurrentCultureIgnoreCase)));
    }

    /// <summary>The fishbone's branch names as Ishikawa writes them ("Product / materials", not "Product materials").</summary>
    public static string FishboneLabel(IStringLocalizer L, FishboneCategory category) => category switch
    {
        FishboneCategory.ProductMaterials => L["Product / materials"],
        FishboneCategory.EquipmentSystems => L["Equipment / systems"],
        _ => L[EnumText.Of(category)],
    };

    public static IReadOnlyList<(string Label, string Value)> DetailsEntry(IStringLocalizer L, string? title, string? problem) =>
        [(L["Title"], title ?? string.Empty), (L["Problem statement"], problem ?? string.Empty)];

    public static IReadOnlyList<(string Label, string Value)> WhysEntry(IStringLocalizer L, IEnumerable<string?> whys) =>
        whys.Select((why, i) => (string.Format(CultureInfo.CurrentCulture, L["Why {0}"], i + 1), why ?? string.Empty)).Where(w => w.Item2.Length > 0).ToList();

    /// <summary>
    /// The 5 Whys and fishbone notes are lists, not form fields with attributes the page could read: each field says the
    /// input policy's message itself as it is typed; the service refuses the same text on save.
    /// </summary>
    public static string? PolicyMessage(IStringLocalizer L, string? text, bool multiLine) =>
        PlainText.Problem(text, multiLine, string.Empty)?.ErrorMessage is { } message ? L[message].Value : null;
}
