namespace Zowor.Portal.Features.Trends.Rollups;

/// <summary>Counts and sums to add per rollup row (negative to take away); rows whose change nets to zero are left out.</summary>
public sealed class TrendRollupDelta
{
    private readonly Dictionary<TrendRollupKey, (long Count, long Sum)> _rows = [];

    public void Add(TrendRollupKey key, long count, long sum)
    {
        var (c, s) = _rows.GetValueOrDefault(key);
        _rows[key] = (c + count, s + sum);
    }

    public int Count => _rows.Count;

    /// <summary>The rows with a non-zero change.</summary>
    public IEnumerable<TrendRollup> Rows => _rows.Where(r => r.Value != (0, 0)).Select(r => new TrendRollup
    {
        Span = r.Key.Span, Category = r.Key.Category, Channel = r.Key.Channel, Product = r.Key.Product, Day = r.Key.Day,
        Figure = r.Key.Figure, Key = r.Key.Key, Text = r.Key.Text, Count = r.Value.Count, Sum = r.Value.Sum,
    });

    public void Clear() => _rows.Clear();
}
