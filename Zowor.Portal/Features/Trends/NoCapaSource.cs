namespace Zowor.Portal.Features.Trends;

/// <summary>The placeholder until CAPA tracking is connected: no figures, and the tiles say so instead of showing zeros as facts.</summary>
public sealed class NoCapaSource : ITrendsCapaSource
{
    public Task<CapaFigures> GetOpenAndOverdueAsync(DateOnly todayLocal, CancellationToken cancellationToken = default) =>
        Task.FromResult(new CapaFigures(Connected: false, Open: 0, Overdue: 0));
}
