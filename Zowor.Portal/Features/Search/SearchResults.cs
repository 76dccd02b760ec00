namespace Zowor.Portal.Features.Search;

/// <summary>One page of global search results.</summary>
/// <param name="Total">How many complaints match, at most <see cref="ComplaintSearchService.MaximumResults"/>.</param>
/// <param name="MoreThanMaximum">More complaints match than are counted and paged: the user should narrow the search.</param>
public sealed record SearchResults(SearchQuery Query, IReadOnlyList<SearchHit> Hits, int Total, bool MoreThanMaximum, int Page, int PageSize)
{
    public int PageCount => (Total + PageSize - 1) / PageSize;
}
