namespace Zowor.Portal.Domain.Common;

/// <summary>Something that happened to an aggregate, dispatched by the web app after the change is saved.</summary>
public interface IDomainEvent
{
    /// <summary>When it happened (UTC).</summary>
    DateTime OccurredAt { get; }
}
