using Hangfire;
using Zowor.Portal.Platform.Hosting;

namespace Zowor.Portal.Features.Reviews;

/// <summary>The reviews feature's recurring job: the monthly and annual review packs, made daily at 03:00 UTC (and at start-up).</summary>
public sealed class ReviewJobs : IRecurringJobRegistration
{
    public const string MonthlyReview = "monthly-review";

    /// <summary>The annual packs' former job, now part of the daily catch-up; removed where an older portal scheduled it.</summary>
    public const string AnnualReview = "annual-review";

    public void Schedule(IRecurringJobManager recurring)
    {
        // Daily, not on the 1st: every missing monthly and annual pack is made (catch-up after downtime), and the 1st
        // in UTC is not the 1st in every business time zone. The catch-up covers the annual packs too.
        recurring.AddOrUpdate<ReviewPackJob>(MonthlyReview, job => job.CatchUpAsync(CancellationToken.None), Cron.Daily(3));
        recurring.RemoveIfExists(AnnualReview);
    }

    public void CatchUp(IBackgroundJobClient jobs) => jobs.Enqueue<ReviewPackJob>(job => job.CatchUpAsync(CancellationToken.None));
}
