using Hangfire;
using Zowor.Portal.Platform.Hosting;

namespace Zowor.Portal.Features.Escalation;

/// <summary>The escalation feature's recurring job: the deadline scan, every minute (and once at start-up).</summary>
public sealed class EscalationJobs : IRecurringJobRegistration
{
    public const string DeadlineScan = "deadline-scan";

    public void Schedule(IRecurringJobManager recurring) =>
        recurring.AddOrUpdate<DeadlineScanJob>(DeadlineScan, job => job.RunAsync(CancellationToken.None), Cron.Minutely);

    public void CatchUp(IBackgroundJobClient jobs) => jobs.Enqueue<DeadlineScanJob>(job => job.RunAsync(CancellationToken.None));
}
