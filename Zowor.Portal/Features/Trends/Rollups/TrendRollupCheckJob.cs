using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Trends.Rollups;

/// <summary>Hourly: compares the rollups of a sample of business days with the complaint rows and repairs drift.</summary>
public sealed class TrendRollupCheckJob(TrendRollupStore store, Platform.Time.BusinessClock clock)
{
    public const string Name = "trend-rollup-check";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var days = await store.SampleDaysAsync(clock.Today, cancellationToken);
        await store.CheckAsync(days, cancellationToken);
    }
}
