using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Zowor.Portal.Features.Trends.Rollups;

/// <summary>Whether a rollup row covers a day or a whole month.</summary>
public static class TrendRollupSpan
{
    public const int Day = 0;
    public const int Month = 1;
}
