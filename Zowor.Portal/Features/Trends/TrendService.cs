using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Trends;

/// <summary>The trends dashboard's use cases (P-60, P-61, P-90), for Quality, the CCO and the CEO.</summary>
public sealed class TrendService(TrendQueries queries, CurrentUser currentUser, BusinessClock clock)
{
    /// <summary>The default period: the last six months including this one.</summary>
    public TrendFilter DefaultFilter() => TrendFilter.LastMonths(clock.Today, 6);

    public async Task<TrendReport> GetReportAsync(TrendFilter filter, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Trends);
        return await queries.GetReportAsync(filter, cancellationToken);
    }

    /// <summary>The complaints behind a figure of the dashboard under its filter (the drill-down, issue 19).</summary>
    public async Task<TrendComplaints> ComplaintsBehindAsync(TrendFilter filter, TrendSlice slice, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Trends);
        return await queries.ComplaintsBehindAsync(filter, slice, TrendComplaints.MaxListed, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ProductsAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Trends);
        return await queries.ProductsAsync(cancellationToken);
    }
}
