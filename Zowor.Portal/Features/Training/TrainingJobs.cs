using Hangfire;
using Zowor.Portal.Platform.Hosting;

namespace Zowor.Portal.Features.Training;

/// <summary>The training feature's recurring job (P-80): expiring and overdue training, flagged at 01:00 UTC (06:00 in Almaty), before the working day.</summary>
public sealed class TrainingJobs : IRecurringJobRegistration
{
    public const string TrainingExpiry = "training-expiry";

    public void Schedule(IRecurringJobManager recurring) =>
        recurring.AddOrUpdate<TrainingExpiryJob>(TrainingExpiry, job => job.RunAsync(CancellationToken.None), Cron.Daily(1));

    public void CatchUp(IBackgroundJobClient jobs) => jobs.Enqueue<TrainingExpiryJob>(job => job.RunAsync(CancellationToken.None));
}
