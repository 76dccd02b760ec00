using Hangfire;
using Zowor.Portal.Platform.Hosting;

namespace Zowor.Portal.Features.Retention;

/// <summary>The retention feature's recurring job: erasure of expired personal data, daily at 02:00 UTC (and once at start-up).</summary>
public sealed class RetentionJobs : IRecurringJobRegistration
{
    public const string Retention = "retention";

    public void Schedule(IRecurringJobManager recurring) =>
        recurring.AddOrUpdate<RetentionJob>(Retention, job => job.RunAsync(CancellationToken.None), Cron.Daily(2));

    public void CatchUp(IBackgroundJobClient jobs) => jobs.Enqueue<RetentionJob>(job => job.RunAsync(CancellationToken.None));
}
