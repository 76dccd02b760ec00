using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Features.Complaints;

/// <summary>The queue as the prerender showed it (<see cref="ComplaintQueue.Prerendered"/>): <see cref="Key"/> names its list and language.</summary>
public sealed record QueueSnapshot(
    string Key, IReadOnlyList<QueueRow> Rows, int Total, bool CanBulk, IReadOnlyList<QueueCategory> Categories, IReadOnlyList<StaffMember> Staff);
