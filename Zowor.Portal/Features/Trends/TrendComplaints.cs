namespace Zowor.Portal.Features.Trends;

/// <summary>The complaints behind a figure under the dashboard's filter: the newest <see cref="Listed"/>, of <see cref="Total"/>.</summary>
public sealed record TrendComplaints(TrendFilter Filter, TrendSlice Slice, int Total, IReadOnlyList<TrendComplaint> Listed)
{
    /// <summary>How many complaints a drill-down lists (and a CAPA opened from it links) at most.</summary>
    public const int MaxListed = 100;

    public bool IsTruncated => Total > Listed.Count;
}
