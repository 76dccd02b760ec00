namespace Zowor.Portal.Features.Trends.Rollups;

/// <summary>The primary key of a <see cref="TrendRollup"/> row.</summary>
public readonly record struct TrendRollupKey(int Span, string Category, int Channel, string Product, int Day, int Figure, long Key, string Text);
