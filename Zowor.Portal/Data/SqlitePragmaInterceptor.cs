using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Zowor.Portal.Data;

/// <summary>
/// Sets three pragmas on every SQLite connection the portal opens:
/// <list type="bullet">
/// <item><c>secure_delete</c>: SQLite overwrites deleted and updated content on disk, so personal data erased under
/// P-51 does not survive in the file's free pages.</item>
/// <item><c>busy_timeout</c> (<c>Database:BusyTimeoutSeconds</c>): a writer that finds another writer's lock waits
/// inside SQLite, which retries within a millisecond or a few of the lock coming free. Without it Microsoft.Data.Sqlite
/// retries the busy statement itself after a fixed 150 ms sleep, so under concurrent writes (the public form at tens of
/// complaints a second) every collision cost 150 ms and a blocked thread. The time limit is the same either way.</item>
/// <item><c>mmap_size</c> 1 GiB: reads map the file instead of copying each page through a system call into the small
/// per-connection cache; the trends aggregates over a million complaints spent as much time in those calls as in
/// SQLite itself (docs/BENCHMARKS.md).</item>
/// </list>
/// A pooled connection keeps its pragmas while it is pooled, so they are set once per database connection (its native
/// handle), not again on every open: EF opens and closes the connection around each query (issue 21: intake cost).
/// </summary>
internal sealed class SqlitePragmaInterceptor(int busyTimeoutSeconds) : DbConnectionInterceptor
{
    private readonly string _pragmas = string.Create(CultureInfo.InvariantCulture,
        $"PRAGMA secure_delete = ON; PRAGMA busy_timeout = {Math.Max(0, busyTimeoutSeconds) * 1000}; PRAGMA mmap_size = 1073741824;");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static readonly object Done = new();

    // The native connections the pragmas were set on; an entry goes with its connection when the pool closes it.
    private readonly ConditionalWeakTable<object, object> _applied = [];

    private void Apply(DbConnection connection)
    {
        var handle = (connection as SqliteConnection)?.Handle;
        if (handle is not null && _applied.TryGetValue(handle, out _))
        {
            return;
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
        }

        if (handle is not null)
        {
            _applied.AddOrUpdate(handle, Done);
        }
    }
}
