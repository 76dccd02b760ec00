using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Trends;

/// <summary>Which breakdown a figure of the dashboard belongs to.</summary>
public enum TrendDimension
{
    /// <summary>A Pareto row: the root-cause category's enum name.</summary>
    RootCause,

    /// <summary>A category bar: the category code.</summary>
    Category,

    /// <summary>A product row: the product key (a listed product's English name, or an unmapped spelling).</summary>
    Product,
}
