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

    /// <summary>Bar options for counts: values shown, ticks at a round step for the largest count, slanted labels beyond six bars.</summary>
    public static BarChartOptions Bars(IEnumerable<int> counts, int labels) => new()
    {
        ShowValues = true,
        YAxisTicks = TickStep(counts.DefaultIfEmpty(0).Max()),
        XAxisLabelRotation = labels > 6 ? 35 : 0,
        ChartPalette = Palette,
    };

    /// <summary>Donut options: the colour-blind-safe palette.</summary>
    public static DonutChartOptions Donut() => new() { ChartPalette = Palette };

    /// <summary>A round tick step giving about five ticks up to <paramref name="max"/>: 1 for 5, 2 for 9, 5 for 20, 50 for 240.</summary>
    public static int TickStep(int max)
    {
        if (max <= 5)
        {
            return 1;
        }

        var rough = max / 5.0;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= rough);
        return (int)step;
    }
}
