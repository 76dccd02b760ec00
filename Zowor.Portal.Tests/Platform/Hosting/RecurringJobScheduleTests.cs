using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Platform.Hosting;

namespace Zowor.Portal.Tests.Platform.Hosting;

/// <summary>
/// Each feature registers its own recurring jobs (issue 16); together they are the jobs the portal always had: the same
/// ids (Hangfire's names in its storage and on the dashboard), schedules, methods and start-up catch-up runs, in the same
/// order (P-20's deadline scan, retention, review packs, P-80's training expiry, P-60/P-62's CAPA scan, the rollup check).
/// </summary>
public sealed class RecurringJobScheduleTests
{
    [Fact]
    public void TheFeatures_ScheduleThePortalsJobs_WithTheirIdsSchedulesAndCatchUpRuns()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Jobs:RunServer"] = "false", ["Mail:Dispatch"] = "false" });
        builder.AddPortalFeatures();
        using var services = builder.Services.BuildServiceProvider();
        var recurring = new RecordingRecurringJobs();
        var jobs = new RecordingJobClient();

        BackgroundJobs.ScheduleAll(services.GetServices<IRecurringJobRegistration>(), recurring, jobs);

        Assert.Equal(
            [
                "deadline-scan DeadlineScanJob.RunAsync * * * * *",
                "retention RetentionJob.RunAsync 0 2 * * *",
                "monthly-review ReviewPackJob.CatchUpAsync 0 3 * * *",
                "remove annual-review",
                "training-expiry TrainingExpiryJob.RunAsync 0 1 * * *",
                "capa-scan CapaScanJob.RunAsync 0 * * * *",
                "trend-rollup-check TrendRollupCheckJob.RunAsync 0 * * * *",
            ],
            recurring.Calls);
        Assert.Equal(
            ["DeadlineScanJob.RunAsync", "RetentionJob.RunAsync", "ReviewPackJob.CatchUpAsync", "TrainingExpiryJob.RunAsync", "CapaScanJob.RunAsync"],
            jobs.Enqueued);
    }

    [Fact]
    public void AFeatureAddedTwice_SchedulesItsJobsOnce()
    {
        var services = new ServiceCollection();
        services.AddRecurringJobs<Zowor.Portal.Features.Capa.CapaJobs>();
        services.AddRecurringJobs<Zowor.Portal.Features.Capa.CapaJobs>();

        Assert.Single(services, d => d.ServiceType == typeof(IRecurringJobRegistration));
    }

    private static string Name(Job job) => $"{job.Type.Name}.{job.Method.Name}";

    private sealed class RecordingRecurringJobs : IRecurringJobManager
    {
        public List<string> Calls { get; } = [];

        public void AddOrUpdate(string recurringJobId, Job job, string cronExpression, RecurringJobOptions options) =>
            Calls.Add($"{recurringJobId} {Name(job)} {cronExpression}");

        public void Trigger(string recurringJobId) => Calls.Add("trigger " + recurringJobId);

        public void RemoveIfExists(string recurringJobId) => Calls.Add("remove " + recurringJobId);
    }

    private sealed class RecordingJobClient : IBackgroundJobClient
    {
        public List<string> Enqueued { get; } = [];

        public string Create(Job job, IState state)
        {
            Assert.IsType<EnqueuedState>(state);
            Enqueued.Add(Name(job));
            return Enqueued.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => throw new NotSupportedException();
    }
}
