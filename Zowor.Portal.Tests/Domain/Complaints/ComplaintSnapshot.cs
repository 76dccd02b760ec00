using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Domain.Complaints;

/// <summary>
/// Everything observable about a complaint, compared by value: a refused call must leave it equal to the snapshot
/// taken before. Every stored field (<see cref="StoredComplaint"/>), plus the history and the domain events not yet
/// dispatched. On failure the record's ToString shows which part moved.
/// </summary>
internal sealed record ComplaintSnapshot(StoredComplaint Stored, int HistoryCount, int EventCount)
{
    public static ComplaintSnapshot Of(Complaint complaint) =>
        new(StoredComplaint.Of(complaint), complaint.History.Count, complaint.DomainEvents.Count);
}
