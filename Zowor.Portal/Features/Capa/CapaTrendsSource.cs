using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Features.Trends;

namespace Zowor.Portal.Features.Capa;

/// <summary>
/// Open and overdue CAPAs (P-62) for the trends dashboard and the CEO page: open = not closed; overdue = open with at
/// least one open action past its due date. Counted in the database. The callers check their own policies.
/// </summary>
public sealed class CapaTrendsSource(IDbContextFactory<PortalDbContext> contexts) : ITrendsCapaSource
{
    /// <inheritdoc />
    public async Task<CapaFigures> GetOpenAndOverdueAsync(DateOnly todayLocal, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = db.Capas.AsNoTracking().Where(c => c.Status != CapaStatus.Closed);
        return new CapaFigures(
            Connected: true,
            Open: await open.CountAsync(cancellationToken),
            Overdue: await open.CountAsync(c => c.Actions.Any(a => a.Status == CapaActionStatus.Open && a.DueOn < todayLocal), cancellationToken));
    }
}
