using Hangfire;
using Zowor.Portal.Platform.Hosting;

namespace Zowor.Portal.Features.Trends.Rollups;

/// <summary>
/// The trends feature's recurring job (issue 21): the rollups of a sample of days compared with the complaint rows, drift
/// repaired, hourly; no run at start-up. Registered by <c>AddTrends()</c>.
/// </summary>
public sealed class TrendRollupJobs : IRecurringJobRegistration
{
    public void Schedule(IRecurringJobManager recurring) =>
        recurring.AddOrUpdate<TrendRollupCheckJob>(TrendRollupCheckJob.Name, job => job.RunAsync(CancellationToken.None), Cron.Hourly);

    public void CatchUp(IBackgroundJobClient jobs)
    {
        // The check is cheap to skip: the next hour runs it.
    }
}
