using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Complaints;

/// <summary>Every complaint's outcome of one bulk action, in the order they were taken.</summary>
public sealed record BulkResult(ComplaintAction Action, IReadOnlyList<BulkRowResult> Rows)
{
    public int Done => Rows.Count(r => r.Outcome == BulkOutcome.Done);
    public int Conflicts => Rows.Count(r => r.Outcome == BulkOutcome.Conflict);
    public int Refused => Rows.Count(r => r.Outcome == BulkOutcome.Refused);
}
