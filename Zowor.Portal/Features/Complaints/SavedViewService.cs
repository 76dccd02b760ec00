using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Features.Complaints;

/// <summary>
/// A user's own saved queue views: list, save, rename, delete. Every method acts on the signed-in user's views only;
/// someone else's view is "not found", so ids reveal nothing.
/// </summary>
public sealed class SavedViewService(IDbContextFactory<PortalDbContext> contexts, CurrentUser currentUser, TimeProvider time)
{
    /// <summary>The list pages that have views, with the policy that opens each.</summary>
    private static readonly IReadOnlyDictionary<string, string> Pages = new Dictionary<string, string>
    {
        ["queue"] = PortalRoles.Policies.Queue,
        ["escalations"] = PortalRoles.Policies.EscalationBoard,
    };

    public async Task<IReadOnlyList<SavedQueueView>> GetMineAsync(string pagePath, CancellationToken cancellationToken = default)
    {
        var actor = await RequirePageAsync(pagePath);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SavedQueueViews.AsNoTracking().Where(v => v.UserId == actor.Id && v.PagePath == pagePath)
            .OrderBy(v => v.Name).ToListAsync(cancellationToken);
    }

    /// <summary>Saves the filter (from its first page) as a view named <paramref name="name"/>.</summary>
    public async Task<SavedQueueView> SaveAsync(string pagePath, string? name, QueueFilter filter, CancellationToken cancellationToken = default)
    {
        var actor = await RequirePageAsync(pagePath);
        var text = Guard.Text(name, "Name", SavedQueueView.NameLength);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mine = db.SavedQueueViews.Where(v => v.UserId == actor.Id);
        if (await mine.CountAsync(cancellationToken) >= SavedQueueView.MaxPerUser)
        {
            throw new DomainException("You have {0} saved views already; delete one first.", SavedQueueView.MaxPerUser);
        }

        await EnsureNameFreeAsync(db, actor.Id, pagePath, text, except: null, cancellationToken);
        var view = new SavedQueueView
        {
            UserId = actor.Id,
            Name = text,
            PagePath = pagePath,
            Query = filter.FirstPage().ToQueryString(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.SavedQueueViews.Add(view);
        await SaveAsync(db, text, cancellationToken);
        return view;
    }

    public async Task RenameAsync(Guid id, string? name, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireAsync(PortalRoles.Policies.Staff);
        var text = Guard.Text(name, "Name", SavedQueueView.NameLength);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var view = await FindMineAsync(db, actor, id, cancellationToken);
        await EnsureNameFreeAsync(db, actor.Id, view.PagePath, text, except: id, cancellationToken);
        view.Name = text;
        await SaveAsync(db, text, cancellationToken);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireAsync(PortalRoles.Policies.Staff);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.SavedQueueViews.Remove(await FindMineAsync(db, actor, id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<Actor> RequirePageAsync(string pagePath) =>
        Pages.TryGetValue(pagePath, out var policy)
            ? await currentUser.RequireAsync(policy)
            : throw new DomainException("Views exist for the live queue and the escalation board only.");

    private static async Task<SavedQueueView> FindMineAsync(PortalDbContext db, Actor actor, Guid id, CancellationToken cancellationToken) =>
        await db.SavedQueueViews.SingleOrDefaultAsync(v => v.Id == id && v.UserId == actor.Id, cancellationToken)
        ?? throw new DomainException("The view no longer exists.");

    [SuppressMessage("Globalization", "CA1309:Use ordinal string comparison", Justification = "View names are compared as the user reads them, in the user's language.")]
    private static async Task EnsureNameFreeAsync(PortalDbContext db, string userId, string pagePath, string name, Guid? except, CancellationToken cancellationToken)
    {
        // Case-insensitive in code, as a person reads names ("Mine" and "mine" are one view), on either database.
        var names = await db.SavedQueueViews.Where(v => v.UserId == userId && v.PagePath == pagePath && v.Id != except)
            .Select(v => v.Name).ToListAsync(cancellationToken);
        if (names.Any(n => string.Equals(n, name, StringComparison.CurrentCultureIgnoreCase)))
        {
            throw new DomainException("You already have a view named {0}.", name);
        }
    }

    private static async Task SaveAsync(PortalDbContext db, string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index: the same name saved from another tab a moment ago.
            throw new DomainException("You already have a view named {0}.", name);
        }
    }
}
