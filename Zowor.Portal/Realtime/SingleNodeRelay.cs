namespace Zowor.Portal.Realtime;

/// <summary>One node, no Redis: nothing to relay.</summary>
public sealed class SingleNodeRelay : IClusterRelay
{
    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    public Task PublishAsync(LiveEvent liveEvent) => Task.CompletedTask;
}
