using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Zowor.Portal.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the configured provider's context, a factory for per-operation contexts, and start-up migration and seeding.</summary>
    public static WebApplicationBuilder AddPortalData(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddSingleton(options);
        switch (options.Provider)
        {
            case DatabaseProvider.SqlServer:
                var sqlServer = builder.Configuration.GetConnectionString("Portal")
                    ?? throw new InvalidOperationException("Database:Provider is SqlServer, but ConnectionStrings:Portal is not set.");
                builder.Services.AddDbContextFactory<SqlServerPortalDbContext>(o => UseSqlServerPortal(o, sqlServer));
                Register<SqlServerPortalDbContext>(builder.Services);
                break;
            default:
                builder.Services.AddDbContextFactory<SqlitePortalDbContext>(o => o.UseSqlite(SqliteConnectionString(options, builder.Environment.ContentRootPath))
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

    private static void Register<TContext>(IServiceCollection services)
        where TContext : PortalDbContext
    {
        services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<TContext>>();
        // Identity's stores need a scoped context; features use the factory (one context per operation).
        services.AddScoped<PortalDbContext>(sp => sp.GetRequiredService<TContext>());
    }
}
