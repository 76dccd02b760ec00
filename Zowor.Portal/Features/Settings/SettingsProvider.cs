using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;

namespace Zowor.Portal.Features.Settings;

/// <summary>
/// The current settings, held in memory for pages and the clock and reloaded from the database at start-up, after an
/// Admin saves, and at every deadline scan (so another node's change arrives within a minute).
/// </summary>
public sealed class SettingsProvider(IDbContextFactory<PortalDbContext> contexts)
{
    private volatile PortalSettings _current = new();

    /// <summary>A copy-safe snapshot; never mutate it.</summary>
    public PortalSettings Current => _current;

    public async Task<PortalSettings> ReloadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.Set<PortalSettings>().AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            stored = new PortalSettings();
            db.Add(stored);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another node created the row first; read theirs.
                await using var again = await contexts.CreateDbContextAsync(cancellationToken);
                stored = await again.Set<PortalSettings>().AsNoTracking().SingleAsync(cancellationToken);
            }
        }

        _current = stored;
        return stored;
    }
}
