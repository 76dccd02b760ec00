using System.Globalization;

namespace Zowor.Portal.Benchmarks.Suite;

/// <summary>One measured figure against its target (from issue 9), printed as it is taken and in the closing table.</summary>
/// <param name="Benchmark">Which benchmark took it ("1 intake").</param>
/// <param name="Name">What was measured ("p95 latency").</param>
/// <param name="Value">The measurement, in <paramref name="Unit"/>.</param>
/// <param name="Unit">"ms", "/s", "KB"...</param>
/// <param name="Target">The target as text ("≤ 250 ms"), or null for a figure reported without one.</param>
/// <param name="Met">Whether the target is met; null without a target.</param>
public sealed record Figure(string Benchmark, string Name, double Value, string Unit, string? Target = null, bool? Met = null)
{
    public string Verdict => Met switch { true => "met", false => "MISSED", null => string.Empty };

    public override string ToString() =>
        $"{Benchmark,-22} {Name,-48} {Format(Value),12} {Unit,-6} {Target ?? string.Empty,-12} {Verdict}";

    public static string Format(double value) =>
        value.ToString(Math.Abs(value) >= 100 ? "N0" : Math.Abs(value) >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);
}

/// <summary>The figures of a run; printed line by line and as one table at the end.</summary>
public sealed class Report
{
    private readonly List<Figure> _figures = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<Figure> Figures
    {
        get
        {
            lock (_gate)
            {
                return [.. _figures];
            }
        }
    }

    /// <summary>Records a figure with an upper-bound target ("at most").</summary>
    public Figure AtMost(string benchmark, string name, double value, string unit, double target) =>
        Add(new Figure(benchmark, name, value, unit, $"≤ {Figure.Format(target)} {unit}", value <= target));

    /// <summary>Records a figure with a lower-bound target ("at least").</summary>
    public Figure AtLeast(string benchmark, string name, double value, string unit, double target) =>
        Add(new Figure(benchmark, name, value, unit, $"≥ {Figure.Format(target)} {unit}", value >= target));

    /// <summary>Records a figure that has no target of its own (context for the others).</summary>
    public Figure Info(string benchmark, string name, double value, string unit) => Add(new Figure(benchmark, name, value, unit));

    /// <summary>Records a yes/no target ("zero errors", "memory flat").</summary>
    public Figure Check(string benchmark, string name, double value, string unit, string target, bool met) =>
        Add(new Figure(benchmark, name, value, unit, target, met));

    public void Print(TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine($"{"benchmark",-22} {"figure",-48} {"value",12} {"unit",-6} {"target",-12} verdict");
        writer.WriteLine(new string('-', 112));
        foreach (var figure in Figures)
        {
            writer.WriteLine(figure);
        }

        var targets = Figures.Count(f => f.Met is not null);
        var missed = Figures.Count(f => f.Met == false);
        writer.WriteLine(new string('-', 112));
        writer.WriteLine($"{Figures.Count} figures, {targets - missed} of {targets} targets met{(missed > 0 ? $", {missed} missed" : string.Empty)}");
    }

    private Figure Add(Figure figure)
    {
        lock (_gate)
        {
            _figures.Add(figure);
        }

        Console.WriteLine($"  {figure}");
        return figure;
    }
}

/// <summary>Percentiles by nearest rank over a sample.</summary>
public static class Percentiles
{
    public static double Of(IReadOnlyCollection<double> sample, double percentile)
    {
        if (sample.Count == 0)
        {
            return double.NaN;
        }

        var sorted = sample.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
