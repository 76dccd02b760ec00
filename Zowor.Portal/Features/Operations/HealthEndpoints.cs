using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using Zowor.Portal.Data;

namespace Zowor.Portal.Features.Operations;

/// <summary>
/// <c>/health/live</c>: the process answers (no checks). <c>/health/ready</c>: the database answers, and Redis too when
/// <c>Redis:Connection</c> is set. Both are anonymous for load balancers and answer only Healthy/Degraded/Unhealthy,
/// never details that would help an attacker.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>The tag of the checks behind /health/ready.</summary>
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddPortalHealthChecks(this WebApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
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
