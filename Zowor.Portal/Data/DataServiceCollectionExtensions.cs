using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Zowor.Portal.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the configured provider's context, a pooled factory for per-operation contexts, and start-up migration and seeding.</summary>
    public static WebApplicationBuilder AddPortalData(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddSingleton(options);
        switch (options.Provider)
        {
            case DatabaseProvider.SqlServer:
                var sqlServer = builder.Configuration.GetConnectionString("Portal")
                    ?? throw new InvalidOperationException("Database:Provider is SqlServer, but ConnectionStrings:Portal is not set.");
                builder.Services.AddPooledDbContextFactory<SqlServerPortalDbContext>(o => UseSqlServerPortal(o, sqlServer));
                Register<SqlServerPortalDbContext>(builder.Services);
                break;
            default:
                builder.Services.AddPooledDbContextFactory<SqlitePortalDbContext>(o => o.UseSqlite(SqliteConnectionString(options, builder.Environment.ContentRootPath))
                    .AddInterceptors(new SqlitePragmaInterceptor(options.BusyTimeoutSeconds)));
                Register<SqlitePortalDbContext>(builder.Services);
                break;
        }

        builder.Services.AddScoped<DbSeeder>();
        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }

    /// <summary>
    /// The SQL Server options of production, in one place: the app and the tests that translate every query for SQL Server
    /// (Zowor.Portal.Tests/SqlServer) configure the provider exactly alike. Transient errors (failover, throttling) are retried.
    /// </summary>
    public static DbContextOptionsBuilder UseSqlServerPortal(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure());

    /// <summary>The SQLite connection string for a path relative to the content root; creates the folder.</summary>
    public static string SqliteConnectionString(DatabaseOptions options, string contentRoot)
    {
        var path = Path.IsPathRooted(options.SqlitePath) ? options.SqlitePath : Path.Combine(contentRoot, options.SqlitePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // A writer waits (Microsoft.Data.Sqlite retries SQLITE_BUSY) up to the busy timeout instead of failing at once;
        // then the action fails as a whole (Platform/Operations/DatabaseFault), its transaction rolled back.
        return new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = options.BusyTimeoutSeconds, Pooling = true }.ToString();
    }

    /// <remarks>
    /// The contexts are pooled (issue 21): a context's first use builds its own internal service scope, a few percent of a
    /// web-form complaint's CPU when each operation makes two or three. The contexts hold no state of their own beyond what
    /// EF resets when one returns to the pool (tracked entities, command timeout, transaction).
    /// </remarks>
    private static void Register<TContext>(IServiceCollection services)
        where TContext : PortalDbContext
    {
        services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<TContext>>();
        // Identity's stores need a scoped context (leased from the pool, returned when the scope ends); features use the
        // factory (one context per operation).
        services.AddScoped<PortalDbContext>(sp => sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext());
    }
}
