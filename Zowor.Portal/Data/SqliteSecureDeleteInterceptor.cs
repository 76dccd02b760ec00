using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Zowor.Portal.Data;

/// <summary>
/// Makes SQLite overwrite deleted and updated content on disk (<c>PRAGMA secure_delete</c>), so personal data erased
/// under P-51 does not survive in the file's free pages.
/// </summary>
internal sealed class SqliteSecureDeleteInterceptor : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete = ON;";
        command.ExecuteNonQuery();
    }
}
