using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Features.Settings;

namespace Zowor.Portal.Data;

/// <summary>Brings the database to the current migration and seeds it before the portal serves requests.</summary>
internal sealed class DatabaseInitializer(
    IServiceProvider services,
    DatabaseOptions options,
    IHostEnvironment environment,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var migrate = options.MigrateOnStartup ?? (options.Provider == DatabaseProvider.Sqlite || environment.IsDevelopment());
        if (migrate)
        {
            await Migrations.PreSquashDatabase.ThrowIfFoundAsync(db.Database, cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            if (db.Database.IsSqlite())
            {
                // WAL lets readers (queues, dashboards) run while a writer commits.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                // Statistics for every table that lacks them (a new index, a first start): without them the planner
                // guesses, and on a large file a wrong guess is a full scan (docs/BENCHMARKS.md).
                await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", cancellationToken);
            }

            logger.LogInformation("Database is at the latest migration ({Provider})", options.Provider);
        }

        var seeder = scope.ServiceProvider.GetRequiredService<DbSeeder>();
        await seeder.SeedAsync(options.SeedDemoData ?? environment.IsDevelopment(), cancellationToken);
        await scope.ServiceProvider.GetRequiredService<SettingsProvider>().ReloadAsync(cancellationToken);

        // Issue 21: a database that had complaints before the trend rollups existed (the TrendRollups migration) gets them
        // computed once, so the dashboard, which reads only the rollups, shows its figures from the first start.
        if (!await db.TrendRollups.AnyAsync(cancellationToken) && await db.Complaints.AnyAsync(cancellationToken))
        {
            await scope.ServiceProvider.GetRequiredService<Features.Trends.Rollups.TrendRollupStore>().RebuildAsync(cancellationToken);
        }
        else if (!await db.RepeatCustomerRollups.AnyAsync(cancellationToken) && await db.Complaints.AnyAsync(c => c.Customer.Email != null || c.Customer.Phone != null, cancellationToken))
        {
            // The same for the repeat-customer rollup (the RepeatCustomerRollups migration) when the trend rollups are older.
            await scope.ServiceProvider.GetRequiredService<Features.Trends.Rollups.TrendRollupStore>().RebuildRepeatCustomersAsync(cancellationToken);
        }

        // Compile the aggregate's query now, not on the first user's first action (about a second on a small machine).
        await db.Complaints.AsNoTracking().AsSplitQuery()
            .Include(c => c.Evidence).Include(c => c.Interviews).Include(c => c.Communications).Include(c => c.Escalations)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
