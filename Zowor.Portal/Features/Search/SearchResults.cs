using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;

namespace Zowor.Portal.Features.Search;

/// <summary>One page of global search results.</summary>
/// <param name="Total">How many complaints match, at most <see cref="ComplaintSearchService.MaximumResults"/>.</param>
/// <param name="MoreThanMaximum">More complaints match than are counted and paged: the user should narrow the search.</param>
public sealed record SearchResults(SearchQuery Query, IReadOnlyList<SearchHit> Hits, int Total, bool MoreThanMaximum, int Page, int PageSize)
{
    public int PageCount => (Total + PageSize - 1) / PageSize;
}

/// <summary>A complaint found; <paramref name="ByReferenceOrContact"/> when its reference, customer or order matched (ranked first).</summary>
public sealed record SearchHit(Guid Id, string Reference, DateTime ReceivedAt, string CustomerName, string Subject, ComplaintStatus Status,
    EscalationLevel Level, bool ByReferenceOrContact);

/// <summary>Complaints related to one case (P-51, P-60).</summary>
/// <param name="PossibleDuplicates">Of the same customer about the same order, received within 7 days of this one.</param>
public sealed record RelatedComplaints(
    IReadOnlyList<RelatedComplaint> SameCustomer,
    IReadOnlyList<RelatedComplaint> SameOrder,
    IReadOnlyList<RelatedComplaint> SameProductAndCategory,
    IReadOnlyList<RelatedComplaint> PossibleDuplicates)
{
    public static RelatedComplaints None { get; } = new([], [], [], []);

    public bool IsEmpty => SameCustomer.Count == 0 && SameOrder.Count == 0 && SameProductAndCategory.Count == 0;
}

public sealed record RelatedComplaint(Guid Id, string Reference, DateTime ReceivedAt, string Subject, ComplaintStatus Status);
