using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Zowor.Portal.Tests.Support;

/// <summary>
/// Runs a test's action once, in the next save of any portal context, after the service has loaded and checked the
/// complaint but before its UPDATE reaches the database: the window in which a second user's change can slip in.
/// A save of complaints opens its write transaction before EF's SavingChanges (the trend rollups are kept in it, and on
/// SQLite it holds the write lock), so the action runs as that transaction starts, or at SavingChanges for a save that
/// starts none. Register it with <c>services.ConfigureDbContext&lt;SqlitePortalDbContext&gt;(o =&gt; o.AddInterceptors(hook))</c>.
/// </summary>
public sealed class SaveChangesHook : IDbTransactionInterceptor, ISaveChangesInterceptor
{
    private Func<Task>? _beforeNextSave;

    /// <summary>Whether the armed action has run.</summary>
    public bool Fired { get; private set; }

    /// <summary>Arms the hook; the action runs once, and saves it makes itself pass through untouched.</summary>
    public void BeforeNextSave(Func<Task> action)
    {
        Fired = false;
        _beforeNextSave = action;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await FireAsync();
        return result;
    }

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            await FireAsync();
        }

        return result;
    }

    private async Task FireAsync()
    {
        if (Interlocked.Exchange(ref _beforeNextSave, null) is { } action)
        {
            await action();
            Fired = true;
        }
    }
}
