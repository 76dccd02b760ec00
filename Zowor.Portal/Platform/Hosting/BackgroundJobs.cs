using Hangfire;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Zowor.Portal.Data;
using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Platform.Hosting;

/// <summary>
/// Hangfire inside the portal: storage, server, dashboard and the start-up scheduling of every feature's recurring jobs
/// (<see cref="IRecurringJobRegistration"/>). The jobs recompute everything from the database, so the embedded default
/// keeps Hangfire's own state in memory (nothing to lose on a restart); with SQL Server, Hangfire stores its state there too.
/// </summary>
public static class BackgroundJobs
{
    public static WebApplicationBuilder AddBackgroundJobs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
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
    public static IEndpointRouteBuilder MapJobDashboard(this IEndpointRouteBuilder endpoints)
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

    /// <summary>
    /// Registers every feature's recurring jobs, then runs the catch-up ones once, so a portal that was down catches up at
    /// once. Features in the order they were added (<see cref="PortalFeatures"/>).
    /// </summary>
    internal static void ScheduleAll(IEnumerable<IRecurringJobRegistration> registrations, IRecurringJobManager recurring, IBackgroundJobClient jobs)
    {
        var features = registrations.ToList();
        features.ForEach(feature => feature.Schedule(recurring));
        features.ForEach(feature => feature.CatchUp(jobs));
    }

    /// <summary>Schedules the jobs at start-up, on every node (Hangfire keeps one recurring job per id).</summary>
    private sealed class JobScheduler(IEnumerable<IRecurringJobRegistration> registrations, IRecurringJobManager recurring, IBackgroundJobClient jobs) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            ScheduleAll(registrations, recurring, jobs);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
