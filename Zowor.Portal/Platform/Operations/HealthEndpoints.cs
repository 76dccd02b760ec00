using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using Zowor.Portal.Data;

namespace Zowor.Portal.Platform.Operations;

/// <summary>
/// <c>/health/live</c>: the process answers (no checks). <c>/health/ready</c>: the database answers, the storage folder
/// (evidence, mail) is writable, no customer e-mail is failing, and Redis too when <c>Redis:Connection</c> is set (the
/// complaints mailbox adds its own check). Both are anonymous for load balancers and answer only Healthy/Degraded/Unhealthy,
/// never details that would help an attacker.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>The tag of the checks behind /health/ready.</summary>
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddPortalHealthChecks(this WebApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag])
            .AddCheck<OutboxHealthCheck>("outbox", tags: [ReadyTag]);
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Redis:Connection"]))
        {
            checks.AddCheck<RedisHealthCheck>("redis", tags: [ReadyTag]);
        }

        return builder;
    }

    public static IEndpointRouteBuilder MapPortalHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return endpoints;
    }

    private sealed class DatabaseHealthCheck(IDbContextFactory<PortalDbContext> contexts) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                // A real query, not only an open connection: the schema is there and the file is readable.
                await db.Complaints.AnyAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy(exception: ex);
            }
        }
    }

    /// <summary>
    /// The storage folder (<c>Storage:DataPath</c>, shared by every node) takes a file: a node that cannot write there
    /// would lose evidence uploads and e-mail copies, so it is not ready.
    /// </summary>
    private sealed class StorageHealthCheck(Storage.DataFolders folders) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var probe = Path.Combine(folders.Root, $".ready-{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}");
            try
            {
                Directory.CreateDirectory(folders.Root);
                await File.WriteAllTextAsync(probe, "ready", cancellationToken);
                File.Delete(probe);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return HealthCheckResult.Unhealthy(exception: ex);
            }
        }
    }

    /// <summary>
    /// Customer e-mails that the mail server refused: still retrying, or given up within the last day. The portal works,
    /// but customers are not hearing from it, so an operator must look (Degraded).
    /// </summary>
    private sealed class OutboxHealthCheck(IDbContextFactory<PortalDbContext> contexts, TimeProvider time) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var since = time.GetUtcNow().UtcDateTime.AddDays(-1);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var failing = await db.OutboxMessages.AnyAsync(m => m.SentAt == null && m.Attempts > 0 && (m.FailedAt == null || m.FailedAt > since), cancellationToken);
            return failing ? HealthCheckResult.Degraded("Customer e-mails are failing.") : HealthCheckResult.Healthy();
        }
    }

    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await redis.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // Pages and actions keep working without Redis (README), but this node is not fully ready.
                return HealthCheckResult.Degraded(exception: ex);
            }
        }
    }
}
