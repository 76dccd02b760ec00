namespace Zowor.Portal.Features.Trends;

/// <summary>
/// Where the trends dashboard and the CEO review page read the open and overdue CAPAs (P-62) from. CAPA tracking is
/// built in its own feature; it replaces <see cref="NoCapaSource"/> with one DI registration
/// (<c>services.AddSingleton&lt;ITrendsCapaSource, …&gt;()</c> after <c>AddTrends()</c>) and nothing here changes.
/// </summary>
public interface ITrendsCapaSource
{
    /// <summary>Open CAPAs now, and those past their due date, as of <paramref name="todayLocal"/> (business calendar).</summary>
    Task<CapaFigures> GetOpenAndOverdueAsync(DateOnly todayLocal, CancellationToken cancellationToken = default);
}
