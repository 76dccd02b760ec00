using System.Diagnostics;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Features.Capa;
using Zowor.Portal.Features.Escalation;
using Zowor.Portal.Features.Reviews;
using Zowor.Portal.Features.Settings;
using Zowor.Portal.Features.Training;
using Zowor.Portal.Features.Trends;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Data;

/// <summary>
/// <c>dotnet run --project Zowor.Portal -- --smoke</c>: the first-deployment check against the configured database (the
/// README's SQL Server checklist). It applies the migrations, seeds roles and categories as start-up does, makes Hangfire
/// install or check its schema, then runs the portal's heaviest real read queries — the deadline scan, the trends
/// dashboard, a review pack's figures, CAPA recurrence, training compliance, the complaint aggregate and the staff
/// directory — and prints one line per step. It changes no complaint. Exit code 0 when every step passed.
/// </summary>
public static class DatabaseSmokeTest
{
    public const string Argument = "--smoke";

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var contexts = provider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var clock = provider.GetRequiredService<BusinessClock>();
        var now = clock.UtcNow;
        var today = clock.Today;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        output.WriteLine($"Smoke test of the portal's database ({db.Database.ProviderName})");

        (string Step, Func<Task<string>> Run)[] steps =
        [
            ("migrations applied", async () =>
            {
                await db.Database.MigrateAsync(cancellationToken);
                return $"{(await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Count()} applied, none pending";
            }),
            ("roles and categories seeded", async () =>
            {
                await provider.GetRequiredService<DbSeeder>().SeedAsync(demoData: false, cancellationToken);
                return $"{await db.Roles.CountAsync(cancellationToken)} roles, {await db.Categories.CountAsync(cancellationToken)} categories";
            }),
            ("settings read", async () => $"time zone {(await provider.GetRequiredService<SettingsProvider>().ReloadAsync(cancellationToken)).TimeZone}"),
            ("Hangfire storage ready", () => Task.FromResult($"{provider.GetRequiredService<JobStorage>().GetMonitoringApi().Servers().Count} servers registered")),
            ("deadline scan query", async () =>
            {
                var due = await provider.GetRequiredService<DeadlineScanJob>().FindDueAsync(provider.GetRequiredService<SettingsProvider>().Current, now, cancellationToken);
                return $"{due.Count} complaints with a step due";
            }),
            ("trends dashboard, last six months", async () =>
            {
                var report = await provider.GetRequiredService<TrendQueries>().GetReportAsync(TrendFilter.LastMonths(today, 6), cancellationToken);
                return $"{report.ByMonth.Sum(m => m.Count)} complaints received";
            }),
            ("review pack figures, last month", async () =>
            {
                var figures = await ReviewPackJob.ComputeAsync(db, now.AddMonths(-1), now, now, cancellationToken);
                return $"{figures.Received} received";
            }),
            ("CAPA recurrence groups", async () => $"{(await CapaScanJob.FindNewAlertsAsync(db, 3, 30, now, today, cancellationToken)).Count} alerts would be raised"),
            ("training compliance", async () =>
            {
                var compliance = await provider.GetRequiredService<ComplianceQueries>().TrainingComplianceAsync(today, cancellationToken);
                return $"{compliance.Required} required trainings, {compliance.Current} current";
            }),
            ("complaint aggregate", async () =>
            {
                var complaint = await db.Complaints.AsNoTracking().AsSplitQuery()
                    .Include(c => c.Evidence).Include(c => c.Interviews).Include(c => c.Communications).Include(c => c.Escalations).Include(c => c.History)
                    .OrderByDescending(c => c.ReceivedAt).FirstOrDefaultAsync(cancellationToken);
                return complaint?.Reference ?? "no complaints yet";
            }),
            ("staff directory", async () => $"{(await StaffDirectory.LoadAsync(db, cancellationToken)).Count} staff"),
        ];

        foreach (var (step, run) in steps)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                var result = await run();
                output.WriteLine($"  ok    {step}: {result} ({watch.ElapsedMilliseconds} ms)");
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                output.WriteLine($"  FAIL  {step}: {ex.GetType().Name}: {ex.Message}");
                output.WriteLine(ex.ToString());
                return 1;
            }
        }

        output.WriteLine($"Smoke test passed: {steps.Length} steps.");
        return 0;
    }
}
