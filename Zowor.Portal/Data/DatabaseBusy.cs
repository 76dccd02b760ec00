using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Zowor.Portal.Data;

/// <summary>
/// Recognises a SQLite database that stayed busy or locked for the whole busy timeout
/// (<c>Database:BusyTimeoutSeconds</c>; Microsoft.Data.Sqlite retries a busy statement until then).
/// SQL Server's transient errors are retried by its execution strategy instead.
/// </summary>
public static class DatabaseBusy
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static bool Is(Exception exception) =>
        exception switch
        {
            SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked,
            DbUpdateException { InnerException: { } inner } => Is(inner),
            InvalidOperationException { InnerException: { } inner } => Is(inner),
            _ => false,
        };
}
