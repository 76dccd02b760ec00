using MudBlazor;

namespace Zowor.Portal.Components.Shared;

/// <summary>
/// How the portal's charts read at a glance (issue 20): a value on every bar, a y axis scaled to the data (bars of 1–5
/// had an axis to 20), slanted x labels when there are many (long Russian names overlapped), and the Okabe–Ito colours,
/// which stay apart for the common kinds of colour blindness.
/// </summary>
public static class ChartStyle
{
    /// <summary>Okabe and Ito's colour-blind-safe palette (blue first, the portal's own colour family).</summary>
    public static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

    private static readonly int[] TickMultiples = [1, 2, 5, 10];

    /// <summary>
    /// Bar options for counts: values shown, ticks at a round step for the largest count, and the x labels slanted when
    /// they would not fit side by side (see <see cref="Slants"/>).
    /// </summary>
    public static BarChartOptions Bars(IEnumerable<int> counts, IReadOnlyCollection<string> labels) => new()
    {
        ShowValues = true,
        YAxisTicks = TickStep(counts.DefaultIfEmpty(0).Max()),
        XAxisLabelRotation = Slants(labels) ? 35 : 0,
        ChartPalette = Palette,
    };

    /// <summary>
    /// Whether a bar chart's x labels are slanted: beyond six bars, or when together they are longer than a phone's
    /// chart is wide (about 40 characters at 390 px; six Russian category names overlapped there). The chart measures
    /// its box in the browser, so the rule is on the labels, the one thing the server knows.
    /// </summary>
    public static bool Slants(IReadOnlyCollection<string> labels) => labels.Count > 6 || labels.Sum(l => l.Length) > 40;

    /// <summary>The chart's CSS class: slanted labels need room on the left, or the first one runs off the card.</summary>
    public static string? ChartClass(IReadOnlyCollection<string> labels) => Slants(labels) ? "chart-slanted-labels" : null;

    /// <summary>
    /// A donut segment's legend entry with its count, "E-mail (12)": a donut has no room for values on its segments,
    /// so the legend beside it carries them (issue 20: values on bars and segments).
    /// </summary>
    public static string Segment(string name, int count) => $"{name} ({count.ToString(System.Globalization.CultureInfo.CurrentCulture)})";

    /// <summary>Donut options: the colour-blind-safe palette.</summary>
    public static DonutChartOptions Donut() => new() { ChartPalette = Palette };

    /// <summary>
    /// A chart label in lines of at most <paramref name="maxChars"/> characters, broken between words, a word longer
    /// than a line split with a hyphen, and at most <paramref name="maxLines"/> lines, the last ending in "…" when
    /// words are left over. Labels under bars wrap instead of overlapping ("Информационные системы" beside
    /// "Ошибка персонала"); the full name stays in the bar's title and the table beside the chart.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, int maxChars, int maxLines)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLines, 1);
        var lines = new List<string>();
        var line = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = word;
            while (rest.Length > 0)
            {
                var joined = line.Length == 0 ? rest : $"{line} {rest}";
                if (joined.Length <= maxChars)
                {
                    line = joined;
                    rest = string.Empty;
                }
                else if (line.Length > 0)
                {
                    lines.Add(line);
                    line = string.Empty;
                }
                else
                {
                    lines.Add(rest[..(maxChars - 1)] + "-");
                    rest = rest[(maxChars - 1)..];
                }
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        if (lines.Count <= maxLines)
        {
            return lines;
        }

        var last = lines[maxLines - 1].TrimEnd('-');
        lines = lines.Take(maxLines - 1).ToList();
        lines.Add((last.Length < maxChars ? last : last[..(maxChars - 1)]) + "…");
        return lines;
    }

    /// <summary>A round tick step giving about five ticks up to <paramref name="max"/>: 1 for 5, 2 for 9, 5 for 20, 50 for 240.</summary>
    public static int TickStep(int max)
    {
        if (max <= 5)
        {
            return 1;
        }

        var rough = max / 5.0;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = TickMultiples.Select(m => m * magnitude).First(s => s >= rough);
        return (int)step;
    }
}
