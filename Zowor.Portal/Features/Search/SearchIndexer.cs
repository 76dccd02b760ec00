using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;

namespace Zowor.Portal.Features.Search;

/// <summary>
/// Indexes new complaints for search on SQLite (<see cref="SqliteSearchIndexSql.IndexQueue"/>), a group at a time: every
/// second, and before every search, so a search finds every complaint registered before it was asked. Issue 21: indexed
/// in each registration's own transaction, a complaint's FTS5 entries were flushed into a segment of their own and merged
/// at its commit, about half of the intake's CPU; indexed a second's complaints at a time, they share one segment. Changes
/// to an indexed complaint still reach the index in their own transaction (the other triggers). SQL Server's full-text
/// index is filled by SQL Server itself, so there this does nothing.
/// </summary>
public sealed class SearchIndexer(IDbContextFactory<PortalDbContext> contexts, TimeSpan interval, ILogger<SearchIndexer> logger) : BackgroundService
{
    /// <summary>Indexes every queued complaint; returns how many were indexed.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsSqlite()
            || !await db.Database.SqlQueryRaw<bool>(SqliteSearchIndexSql.AnyQueued).SingleAsync(cancellationToken))
        {
            return 0;
        }

        // The queue is read inside the write transaction: a registration committed in the meantime is indexed now or
        // stays queued, never emptied from the queue unindexed. (Two indexers, a search's and the timer's, take turns.)
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var indexed = await db.Database.ExecuteSqlRawAsync(SqliteSearchIndexSql.IndexQueue[0], cancellationToken);
        foreach (var statement in SqliteSearchIndexSql.IndexQueue.Skip(1))
        {
            await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return indexed;
    }

    /// <summary>
    /// Before a search: indexes the queue, but a failure (the write lock still taken when its wait runs out, under a burst
    /// of writes) is logged and the search goes on, missing at most the complaints of the last moment.
    /// </summary>
    public async Task CatchUpBeforeSearchAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CatchUpAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Search indexing before a search failed; searching the index as it is");
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // SQL Server has no queue: the loop stops here instead of making a context every second to find that out.
        await using (var db = await contexts.CreateDbContextAsync(stoppingToken))
        {
            if (!db.Database.IsSqlite())
            {
                return;
            }
        }

        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await CatchUpAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be busy or gone for a moment; the complaints stay queued, and a search indexes them too.
                logger.LogWarning(ex, "Search indexing failed; retrying in {Seconds} s", interval.TotalSeconds);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
