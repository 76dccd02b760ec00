using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Complaints;

/// <summary>A complaint withdrawn as a duplicate, as its primary's case page shows it.</summary>
public sealed record MergedDuplicate(
    Guid Id,
    string Reference,
    DateTime ReceivedAt,
    string CustomerName,
    string Subject,
    IReadOnlyList<CommunicationEntry> Communications,
    IReadOnlyList<EvidenceItem> Evidence);
