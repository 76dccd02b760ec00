using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Platform.Operations;

/// <summary>What kind of database fault stopped an action; each one means nothing of it was written.</summary>
public enum DatabaseFaultKind
{
    /// <summary>Another writer held the database for the whole busy timeout (SQLite busy or locked; SQL Server's retries ran out).</summary>
    Busy,

    /// <summary>The database file or its folder became read-only.</summary>
    ReadOnly,

    /// <summary>The disk failed to read or write (I/O error).</summary>
    IoError,

    /// <summary>The disk is full.</summary>
    Full,
}

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

/// <summary>
/// A database fault as a refused request: shown like any business refusal (<c>L.Localize(exception)</c>), nothing saved.
/// </summary>
public sealed class DatabaseFaultException : DomainException
{
    private DatabaseFaultException(string message, DatabaseFaultKind kind) : base(message) => Kind = kind;

    public DatabaseFaultKind Kind { get; }

    public static DatabaseFaultException For(DatabaseFaultKind kind) => kind == DatabaseFaultKind.Busy
        ? new DatabaseFaultException("The database is busy. Nothing was saved; try again in a moment.", kind)
        : new DatabaseFaultException("The database cannot store changes just now (a storage fault). Nothing was saved; try again later.", kind);
}
