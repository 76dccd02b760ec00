namespace Zowor.Portal.Features.Complaints;

/// <summary>
/// Which page numbers the queue's pager shows, as MudPagination did (two at each end, three around the current one,
/// an ellipsis for each gap), now that the pager is plain markup (issue 21).
/// </summary>
public static class QueuePager
{
    private const int Boundary = 2;
    private const int Middle = 3;

    /// <summary>Zero-based page numbers in order, <c>null</c> where an ellipsis stands for the pages left out.</summary>
    public static IReadOnlyList<int?> Pages(int current, int count)
    {
        if (count <= (2 * Boundary) + Middle + 2)
        {
            return Enumerable.Range(0, count).Select(p => (int?)p).ToList();
        }

        // The window around the current page, kept inside the pages between the two boundaries.
        var start = Math.Clamp(current - (Middle / 2), Boundary + 1, count - Boundary - Middle - 1);
        var pages = new List<int?>();
        pages.AddRange(Enumerable.Range(0, Boundary).Select(p => (int?)p));
        pages.Add(start == Boundary + 1 ? Boundary : null);
        pages.AddRange(Enumerable.Range(start, Middle).Select(p => (int?)p));
        pages.Add(start + Middle == count - Boundary - 1 ? count - Boundary - 1 : null);
        pages.AddRange(Enumerable.Range(count - Boundary, Boundary).Select(p => (int?)p));
        return pages;
    }
}
