using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Zowor.Portal.Tests.Support;

/// <summary>
/// Makes the database fail as a real one does: armed with a SQLite result code (5 busy, 6 locked, 8 read-only, 10 I/O
/// error, 13 full), the next write command (INSERT, UPDATE, DELETE) of any portal context throws the
/// <see cref="SqliteException"/> SQLite would, after <c>skipWrites</c> writes passed, so a fault can strike in the middle
/// of a transaction. Register it with <c>services.ConfigureDbContext&lt;SqlitePortalDbContext&gt;(o =&gt; o.AddInterceptors(injector))</c>.
/// </summary>
public sealed class DatabaseFaultInjector : DbCommandInterceptor
{
    private int? _code;
    private int _skip;

    /// <summary>How many commands failed since arming.</summary>
    public int Failed { get; private set; }

    public void Arm(int sqliteCode, int skipWrites = 0)
    {
        Failed = 0;
        _skip = skipWrites;
        _code = sqliteCode;
    }

    public void Disarm() => _code = null;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Strike(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Strike(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Strike(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Strike(command);
        return result;
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Strike(command);
        return result;
    }

    private void Strike(DbCommand command)
    {
        if (_code is not { } code || !IsWrite(command.CommandText))
        {
            return;
        }

        if (_skip > 0)
        {
            _skip--;
            return;
        }

        Failed++;
        throw new SqliteException(code switch
        {
            5 => "SQLite Error 5: 'database is locked'.",
            6 => "SQLite Error 6: 'database table is locked'.",
            8 => "SQLite Error 8: 'attempt to write a readonly database'.",
            10 => "SQLite Error 10: 'disk I/O error'.",
            13 => "SQLite Error 13: 'database or disk is full'.",
            _ => $"SQLite Error {code}.",
        }, code);
    }

    private static bool IsWrite(string sql)
    {
        foreach (var statement in sql.Split(';'))
        {
            var text = statement.TrimStart();
            if (text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
                || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
