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

/// <summary>One figure of the dashboard (a Pareto row, a category bar, a product row), whose complaints a click lists.</summary>
public sealed record TrendSlice(TrendDimension Dimension, string Key);

/// <summary>One complaint behind a trend figure, as the drill-down lists it.</summary>
public sealed record TrendComplaint(Guid Id, string Reference, string Customer, string Subject, ComplaintStatus Status, DateTime ReceivedAt);

/// <summary>The complaints behind a figure under the dashboard's filter: the newest <see cref="Listed"/>, of <see cref="Total"/>.</summary>
public sealed record TrendComplaints(TrendFilter Filter, TrendSlice Slice, int Total, IReadOnlyList<TrendComplaint> Listed)
{
    /// <summary>How many complaints a drill-down lists (and a CAPA opened from it links) at most.</summary>
    public const int MaxListed = 100;

    public bool IsTruncated => Total > Listed.Count;
}
