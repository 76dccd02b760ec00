using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Zowor.Portal.Tests.Support;

/// <summary>
/// Runs a test's action once, inside the next <c>SaveChanges</c> of any portal context, after the service has loaded
/// and checked the complaint but before its UPDATE reaches the database: the window in which a second user's change
/// can slip in. Register it with <c>services.ConfigureDbContext&lt;SqlitePortalDbContext&gt;(o =&gt; o.AddInterceptors(hook))</c>.
/// </summary>
public sealed class SaveChangesHook : SaveChangesInterceptor
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

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _beforeNextSave, null) is { } action)
        {
            await action();
            Fired = true;
        }

        return result;
    }
}
