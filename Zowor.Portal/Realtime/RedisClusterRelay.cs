using System.Text.Json;
using StackExchange.Redis;

namespace Zowor.Portal.Realtime;

/// <summary>
/// Relays live events through a Redis channel. Each node publishes what happened on it and forwards what the others
/// published to its own <see cref="PortalNotifier"/>. The multiplexer reconnects by itself; the subscription is renewed
/// whenever the connection comes back, so updates resume after a Redis outage.
/// </summary>
public sealed class RedisClusterRelay(IConnectionMultiplexer redis, PortalNotifier notifier, ILogger<RedisClusterRelay> logger)
    : IClusterRelay, IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("zowor:live");

    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    public async Task PublishAsync(LiveEvent liveEvent)
    {
        var envelope = JsonSerializer.Serialize(new Envelope(NodeId, liveEvent));
        await redis.GetSubscriber().PublishAsync(Channel, envelope);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored += OnConnectionRestored;
        redis.ConnectionFailed += OnConnectionFailed;
        await SubscribeAsync();
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored -= OnConnectionRestored;
        redis.ConnectionFailed -= OnConnectionFailed;
        return Task.CompletedTask;
    }

    private async Task SubscribeAsync()
    {
        try
        {
            var subscriber = redis.GetSubscriber();
            await subscriber.UnsubscribeAsync(Channel);
            await subscriber.SubscribeAsync(Channel, (_, message) => Receive(message));
            logger.LogInformation("Live updates relayed through Redis as node {NodeId}", NodeId);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Redis is unreachable: live updates stay on this node until it is back");
        }
    }

    private void Receive(RedisValue message)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(message.ToString());
            if (envelope is not null && envelope.NodeId != NodeId)
            {
                notifier.Publish(envelope.Event);
            }
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Ignored an unreadable live-update message");
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            logger.LogInformation("Redis is back: live updates flow between nodes again");
            _ = SubscribeAsync();
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            logger.LogWarning("Redis connection lost ({FailureType}): pages keep working, other nodes' changes arrive when it is back", e.FailureType);
        }
    }

    private sealed record Envelope(string NodeId, LiveEvent Event);
}
