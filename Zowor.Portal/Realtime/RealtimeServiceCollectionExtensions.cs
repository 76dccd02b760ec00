using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Realtime;

public static class RealtimeServiceCollectionExtensions
{
    /// <summary>
    /// Live updates: the in-process notifier, the complaints hub and presence. With <c>Redis:Connection</c> set, the hub
    /// uses the Redis backplane and events are relayed to the other nodes; without it the portal runs on one node.
    /// </summary>
    public static WebApplicationBuilder AddRealtime(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSignalR();
        services.AddSingleton<PortalNotifier>();
        services.AddSingleton<LivePublisher>();
        services.AddSingleton<PresenceTracker>();
        services.AddHostedService(sp => sp.GetRequiredService<PresenceTracker>());
        // One per circuit: Blazor resolves the circuit handlers from the circuit's own scope.
        services.AddScoped<CircuitPresence>();
        // One notifier subscription per circuit for the layout's live parts (badges, bell, headline counts).
        services.AddScoped<CircuitLiveEvents>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<CircuitPresence>());

        var connection = builder.Configuration["Redis:Connection"];
        if (string.IsNullOrWhiteSpace(connection))
        {
            services.AddSingleton<IClusterRelay, SingleNodeRelay>();
            return builder;
        }

        var options = ConfigurationOptions.Parse(connection);
        // Start and keep serving while Redis is down; fail fast instead of queueing, so no action waits for Redis.
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = 2000;
        options.ReconnectRetryPolicy = new LinearRetry(1000);
        options.ChannelPrefix = RedisChannel.Literal("zowor");
        services.AddSingleton<IConnectionMultiplexer>(sp => ConnectionMultiplexer.Connect(options, new LoggingTextWriter(sp.GetRequiredService<ILogger<RedisClusterRelay>>())));
        services.AddSingleton<RedisClusterRelay>();
        services.AddSingleton<IClusterRelay>(sp => sp.GetRequiredService<RedisClusterRelay>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisClusterRelay>());

        // The backplane only for the complaints hub: Blazor's own circuits stay local, so they keep working when Redis is down.
        services.AddSingleton<IConfigureOptions<RedisOptions>>(sp => new ConfigureOptions<RedisOptions>(o =>
            o.ConnectionFactory = _ => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>())));
        services.AddSingleton<HubLifetimeManager<ComplaintHub>, RedisHubLifetimeManager<ComplaintHub>>();
        return builder;
    }

    public static IEndpointRouteBuilder MapRealtime(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<ComplaintHub>("/hubs/complaints").RequireAuthorization(PortalRoles.Policies.Staff);
        endpoints.MapIdlePageEvents();
        return endpoints;
    }

    /// <summary>Sends the multiplexer's connection log to the portal's log at debug level.</summary>
    private sealed class LoggingTextWriter(ILogger logger) : StringWriter
    {
        public override void WriteLine(string? value) => logger.LogDebug("Redis: {Message}", value);
    }
}
