using Hangfire;

namespace Zowor.Portal.Platform.Hosting;

/// <summary>
/// A feature's recurring Hangfire jobs. Each feature contributes its own with <see cref="RecurringJobs.AddRecurringJobs{T}"/>
/// from its <c>Add&lt;Feature&gt;()</c>; <see cref="BackgroundJobs"/> schedules all of them at start-up.
/// </summary>
public interface IRecurringJobRegistration
{
    /// <summary>Adds or updates the feature's recurring jobs. The ids are the jobs' names in Hangfire's storage and on the dashboard: keep them.</summary>
    void Schedule(IRecurringJobManager recurring);

    /// <summary>Enqueues one run of each job that must catch up at once after the portal was down.</summary>
    void CatchUp(IBackgroundJobClient jobs);
}
