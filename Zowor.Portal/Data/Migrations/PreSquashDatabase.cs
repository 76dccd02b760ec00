using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Zowor.Portal.Data.Migrations;

/// <summary>
/// Issue 16 squashed the pre-release migrations (26 per provider, 25 Nov – 4 Dec 2026) into <c>InitialCreate</c> and
/// <c>SearchIndexes</c> per provider; no deployed database depended on them. A database they made (a developer's <c>data/zowor-portal.db</c>) has
/// every table but records only migration ids this build no longer has, so migrating it would start again with
/// <c>InitialCreate</c> and fail on the first existing table. This says what happened and what to do instead.
/// </summary>
internal static class PreSquashDatabase
{
    public static async Task ThrowIfFoundAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        var known = database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var applied = (await database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        if (applied.Count == 0 || applied.Any(known.Contains))
        {
            return;
        }

        throw new InvalidOperationException(
            $"The database was made by migrations this build no longer has (the last one applied: {applied[^1]}): the " +
            "pre-release migrations were squashed (issue 16). Delete the development database " +
            "(SQLite: the file Database:SqlitePath names, by default data/zowor-portal.db, with its -wal and -shm files) " +
            "or point Database:SqlitePath at a new file, and start again: the migration creates it and the demo data is seeded anew.");
    }
}
