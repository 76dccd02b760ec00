using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Features.Complaints;

/// <summary>Publishes a saved complaint's domain events to the live-update notifier, then clears them.</summary>
public sealed class ComplaintEventPublisher(PortalNotifier notifier)
{
    public Task PublishAsync(Complaint complaint, Actor changedBy, CancellationToken cancellationToken = default)
    {
        if (complaint.DomainEvents.Count > 0)
        {
            notifier.Publish(new ComplaintChanged(complaint.Id, complaint.Reference, complaint.Status, complaint.EscalationLevel, changedBy.Id,
                complaint.DomainEvents.Select(e => e.GetType().Name).ToArray()));
        }

        complaint.ClearDomainEvents();
        return Task.CompletedTask;
    }
}
