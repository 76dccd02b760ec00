using Hangfire;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Zowor.Portal.Data;
using Zowor.Portal.Features.Capa;
using Zowor.Portal.Features.Identity;
using Zowor.Portal.Features.Retention;
using Zowor.Portal.Features.Reviews;
using Zowor.Portal.Features.Training;

namespace Zowor.Portal.Features.Escalation;

/// <summary>
/// Hangfire inside the portal. The jobs recompute everything from the database, so the embedded default keeps
/// Hangfire's own state in memory (nothing to lose on a restart); with SQL Server, Hangfire stores its state there too.
/// </summary>
public static class DeadlineJobsExtensions
{
    public const string DeadlineScan = "deadline-scan";
    public const string Retention = "retention";
    public const string MonthlyReview = "monthly-review";
    public const string AnnualReview = "annual-review";
    public const string TrainingExpiry = "training-expiry";
    public const string CapaScan = "capa-scan";

    public static WebApplicationBuilder AddDeadlineJobs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<DeadlineScanJob>();
        services.AddScoped<RetentionJob>();
        services.AddScoped<ReviewPackJob>();
        services.AddScoped<TrainingExpiryJob>();
        services.AddScoped<CapaScanJob>();

        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (database.Provider == DatabaseProvider.SqlServer)
            {
                config.UseSqlServerStorage(builder.Configuration.GetConnectionString("Portal"));
            }
            else
            {
                config.UseInMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) });
            }
        });

        // Tests call the jobs directly and switch the server off (Jobs:RunServer=false).
        if (builder.Configuration.GetValue("Jobs:RunServer", true))
        {
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = 2;
                o.SchedulePollingInterval = TimeSpan.FromSeconds(15);
            });
            services.AddHostedService<JobScheduler>();
        }

        return builder;
    }

    /// <summary>The dashboard is for Admins only: the endpoint's policy decides, Hangfire's own filter is off.</summary>
    public static IEndpointRouteBuilder MapDeadlineJobs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AllowAuthorizedByEndpoint()],
            AppPath = "/",
            DashboardTitle = "Zowor Portal jobs",
        }).RequireAuthorization(PortalRoles.Policies.Admin);
        return endpoints;
    }

    /// <summary>The endpoint's authorization policy already ran; nothing more to check here.</summary>
    private sealed class AllowAuthorizedByEndpoint : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => true;
    }

    /// <summary>Registers the recurring jobs and runs each once at start-up, so a portal that was down catches up at once.</summary>
    private sealed class JobScheduler(IRecurringJobManager recurring, IBackgroundJobClient jobs) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            recurring.AddOrUpdate<DeadlineScanJob>(DeadlineScan, job => job.RunAsync(CancellationToken.None), Cron.Minutely);
            recurring.AddOrUpdate<RetentionJob>(Retention, job => job.RunAsync(CancellationToken.None), Cron.Daily(2));
            // Daily, not on the 1st: every missing monthly and annual pack is made (catch-up after downtime), and the 1st
            // in UTC is not the 1st in every business time zone. The catch-up covers the annual packs too.
            recurring.AddOrUpdate<ReviewPackJob>(MonthlyReview, job => job.CatchUpAsync(CancellationToken.None), Cron.Daily(3));
            recurring.RemoveIfExists(AnnualReview);
            // P-80: expiring and overdue training, flagged at 01:00 UTC (06:00 in Almaty), before the working day.
            recurring.AddOrUpdate<TrainingExpiryJob>(TrainingExpiry, job => job.RunAsync(CancellationToken.None), Cron.Daily(1));
            // P-60, P-62: recurring issues and overdue CAPA actions, hourly.
            recurring.AddOrUpdate<CapaScanJob>(CapaScan, job => job.RunAsync(CancellationToken.None), Cron.Hourly);
            // Issue 21: the trend rollups of a sample of days compared with the complaint rows, drift repaired.
            recurring.AddOrUpdate<Trends.Rollups.TrendRollupCheckJob>(Trends.Rollups.TrendRollupCheckJob.Name, job => job.RunAsync(CancellationToken.None), Cron.Hourly);
            jobs.Enqueue<DeadlineScanJob>(job => job.RunAsync(CancellationToken.None));
            jobs.Enqueue<RetentionJob>(job => job.RunAsync(CancellationToken.None));
            jobs.Enqueue<ReviewPackJob>(job => job.CatchUpAsync(CancellationToken.None));
            jobs.Enqueue<TrainingExpiryJob>(job => job.RunAsync(CancellationToken.None));
            jobs.Enqueue<CapaScanJob>(job => job.RunAsync(CancellationToken.None));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
