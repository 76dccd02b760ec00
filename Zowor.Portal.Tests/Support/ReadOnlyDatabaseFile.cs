using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Zowor.Portal.Tests.Support;

/// <summary>
/// Makes the portal's SQLite database file really read-only while it runs, so that SQLite itself refuses every write
/// with SQLITE_READONLY (8, "attempt to write a readonly database") — the code path of a disk remounted read-only or a
/// file whose write permission was taken away, not an exception thrown by a test.
/// </summary>
/// <remarks>
/// Why not only <c>chmod</c>: CI runs as root, and root writes a file whatever its mode bits say; and connections already
/// open (the pool) keep writing through their descriptors. So, enabled, every connection of the portal's contexts is
/// opened with <c>Mode=ReadOnly</c> (SQLITE_OPEN_READONLY): the same state SQLite falls back to when it cannot open a
/// file for writing, and it holds for root too. It is a different connection string, hence a fresh pool: no connection
/// opened for writing earlier is reused. The file's write permission is removed as well, so a run as an ordinary user is
/// refused by the operating system on top. Register with
/// <c>services.ConfigureDbContext&lt;SqlitePortalDbContext&gt;(o =&gt; o.AddInterceptors(readOnly))</c>.
/// </remarks>
public sealed class ReadOnlyDatabaseFile : DbConnectionInterceptor
{
    private volatile string? _file;
    private UnixFileMode _mode;
    private int _opened;

    /// <summary>How many connections were opened read-only since <see cref="Enable"/>.</summary>
    public int Opened => _opened;

    public void Enable(string file)
    {
        if (!OperatingSystem.IsWindows())
        {
            _mode = File.GetUnixFileMode(file);
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        _opened = 0;
        _file = file;
    }

    public void Disable()
    {
        if (_file is { } file)
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, _mode);
            }

            _file = null;
        }
    }

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        OpenReadOnly(connection);
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        OpenReadOnly(connection);
        return ValueTask.FromResult(result);
    }

    private void OpenReadOnly(DbConnection connection)
    {
        var builder = new SqliteConnectionStringBuilder(connection.ConnectionString);
        var wanted = _file is null ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadOnly;
        if (builder.Mode != wanted)
        {
            // A context's connection object may be reused after Disable: it goes back to the normal mode then.
            builder.Mode = wanted;
            connection.ConnectionString = builder.ToString();
        }

        if (wanted == SqliteOpenMode.ReadOnly)
        {
            Interlocked.Increment(ref _opened);
        }
    }
}
