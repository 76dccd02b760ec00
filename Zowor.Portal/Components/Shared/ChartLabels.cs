using System.Net;
using MudBlazor;

namespace Zowor.Portal.Components.Shared;

/// <summary>
/// Labels for <see cref="MudChart{T}"/> as text. MudBlazor 9 writes the x-axis labels of axis charts (bar, line,
/// stacked bar) into the SVG as markup, while it writes legends (donut, pie) as text; category, root-cause and product
/// names are data an admin or a customer typed, so axis labels are HTML-encoded here and reach the page as the text
/// they are. <c>ChartLabelsTests</c> pins both behaviours, so a MudBlazor upgrade that changes either one fails a test.
/// </summary>
public static class ChartLabels
{
    public static string[] For(ChartType type, IEnumerable<string> labels) =>
        type is ChartType.Donut or ChartType.Pie
            ? labels.ToArray()
            : labels.Select(label => WebUtility.HtmlEncode(label) ?? string.Empty).ToArray();
}
