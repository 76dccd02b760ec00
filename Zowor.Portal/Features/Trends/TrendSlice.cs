
namespace Zowor.Portal.Features.Trends;

/// <summary>One figure of the dashboard (a Pareto row, a category bar, a product row), whose complaints a click lists.</summary>
public sealed record TrendSlice(TrendDimension Dimension, string Key);
