using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace Zowor.Portal.Platform.Operations;

/// <summary>
/// The one classifier of database faults, for every door that writes: staff pages and the error presenter, the API
/// (503 with Retry-After), the public pages (the customer's text stays in the form), sign-in and the jobs (logged, retried).
/// SQLite primary result codes: 5 busy, 6 locked, 8 read-only, 10 I/O error, 13 full. A busy SQLite writer has already
/// waited <c>Database:BusyTimeoutSeconds</c>; SQL Server's transient errors are retried by its execution strategy first.
/// </summary>
public static class DatabaseFault
{
    /// <summary>The fault somewhere in <paramref name="exception"/>'s chain, or null for any other error.</summary>
    public static DatabaseFaultKind? Classify(Exception? exception) =>
        exception switch
        {
            null => null,
            DatabaseFaultException fault => fault.Kind,
            SqliteException sqlite => sqlite.SqliteErrorCode switch
            {
                5 or 6 => DatabaseFaultKind.Busy,
                8 => DatabaseFaultKind.ReadOnly,
                10 => DatabaseFaultKind.IoError,
                13 => DatabaseFaultKind.Full,
                _ => null,
            },
            RetryLimitExceededException => DatabaseFaultKind.Busy,
            _ => Classify(exception.InnerException),
        };

    /// <summary>What the user is told (English; the key the UI translates, see <see cref="DatabaseFaultException.For"/>).</summary>
    public static string Message(DatabaseFaultKind kind) => DatabaseFaultException.For(kind).Message;

    /// <summary>When to try again: a lock passes in seconds, a storage fault needs an operator.</summary>
    public static TimeSpan RetryAfter(DatabaseFaultKind kind) => kind == DatabaseFaultKind.Busy ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(60);
}
