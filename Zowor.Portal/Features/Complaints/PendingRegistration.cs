using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Complaints;

/// <summary>A registration waiting to be written (<see cref="ComplaintUpdater.RegisterAsync"/>), and the answer its sender awaits.</summary>
internal sealed record PendingRegistration(int Year, Func<ComplaintReference, Complaint> Create, Actor Actor, DateTime Now, Action<PortalDbContext, Complaint>? Alongside)
{
    /// <summary>Completed by whichever writer writes it; continuations run on the pool, not on that writer.</summary>
    public TaskCompletionSource<Complaint> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
