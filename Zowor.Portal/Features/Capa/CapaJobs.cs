using Hangfire;
using Zowor.Portal.Platform.Hosting;

namespace Zowor.Portal.Features.Capa;

/// <summary>The CAPA feature's recurring job (P-60, P-62): recurring issues and overdue CAPA actions, hourly (and at start-up).</summary>
public sealed class CapaJobs : IRecurringJobRegistration
{
    public const string CapaScan = "capa-scan";

    public void Schedule(IRecurringJobManager recurring) =>
        recurring.AddOrUpdate<CapaScanJob>(CapaScan, job => job.RunAsync(CancellationToken.None), Cron.Hourly);

    public void CatchUp(IBackgroundJobClient jobs) => jobs.Enqueue<CapaScanJob>(job => job.RunAsync(CancellationToken.None));
}
