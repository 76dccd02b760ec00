using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Features.Settings;

/// <summary>
/// The current settings, held in memory for pages and the clock and reloaded from the database at start-up, at every
/// scan, and whenever an Admin saves on any node (<see cref="SettingsReloader"/>).
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

/// <summary>Reloads the settings on this node when an Admin saved them on any node (the change is relayed like any live event).</summary>
internal sealed class SettingsReloader(PortalNotifier notifier, SettingsProvider provider, ILogger<SettingsReloader> logger) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = notifier.Subscribe<SettingsChanged>(async _ =>
        {
            await provider.ReloadAsync();
            logger.LogInformation("Settings reloaded after a change");
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
