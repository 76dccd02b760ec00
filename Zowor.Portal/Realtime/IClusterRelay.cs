namespace Zowor.Portal.Realtime;

/// <summary>Carries live events to the portal's other web nodes, which hand them to their own open pages.</summary>
public interface IClusterRelay
{
    /// <summary>A random id of this process, so a node ignores its own messages.</summary>
    string NodeId { get; }

    Task PublishAsync(LiveEvent liveEvent);
}
