using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Zowor.Portal.Features.Trends.Rollups;

/// <summary>The "all" values of the grain columns.</summary>
public static class TrendRollupGrain
{
    public const string All = "";
    public const int AnyChannel = -1;
}
