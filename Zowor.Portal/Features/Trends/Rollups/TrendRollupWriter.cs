using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Settings;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Trends.Rollups;

/// <summary>
/// Keeps the trend rollups in the same transaction as each save of complaints or surveys (<see cref="PortalDbContext"/>
/// calls it from SaveChanges, so registration, <c>ComplaintUpdater</c>, the seeders and the tests all go through it):
/// reads the changed complaints' rollup columns before the save, saves, reads them again inside the transaction, and adds
/// the difference of their contributions to the rollup rows with an atomic upsert (no read-modify-write to race).
/// A path that changes complaint rows without SaveChanges (a bulk UPDATE) calls <see cref="RunAsync"/> around it.
/// </summary>
public static class TrendRollupWriter
{
    private const int RowsPerStatement = 200;

    /// <summary>The complaints a save touches: changed complaints and the complaints of changed surveys.</summary>
    internal static List<Guid> Affected(PortalDbContext db)
    {
        var ids = new HashSet<Guid>();
        foreach (var entry in db.ChangeTracker.Entries<Complaint>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                ids.Add(entry.Entity.Id);
            }
        }

        foreach (var entry in db.ChangeTracker.Entries<SatisfactionSurvey>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                ids.Add(entry.Entity.ComplaintId);
            }
        }

        return [.. ids];
    }

    /// <summary>
    /// Runs <paramref name="save"/> (which writes the complaints <paramref name="ids"/>) with the rollups kept in the same
    /// transaction: the caller's when there is one, else a new one under the provider's execution strategy.
    /// </summary>
    public static async Task<T> RunAsync<T>(PortalDbContext db, IReadOnlyCollection<Guid> ids, Func<Task<T>> save, Action? accepted, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            var result = await save();
            accepted?.Invoke();
            return result;
        }

        if (db.Database.CurrentTransaction is not null)
        {
            var result = await SaveAndApplyAsync(db, ids, save, cancellationToken);
            accepted?.Invoke();
            return result;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        var saved = await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await SaveAndApplyAsync(db, ids, save, ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
        accepted?.Invoke();
        return saved;
    }

    private static async Task<T> SaveAndApplyAsync<T>(PortalDbContext db, IReadOnlyCollection<Guid> ids, Func<Task<T>> save, CancellationToken cancellationToken)
    {
        var zone = await ZoneAsync(db, cancellationToken);
        // A complaint the save adds has no stored row yet (a registration): only the others are read as they were.
        var stored = Stored(db, ids);
        var before = stored.Count == 0 ? [] : await ReadAsync(db, stored, cancellationToken);
        // The repeat-customer rows depend on each customer's whole chain of complaints: every customer the save touches
        // (as stored, and as the tracked complaints will be stored) is read in full before and after.
        var customers = await CustomersAsync(db, stored, cancellationToken);
        await LockCustomersAsync(db, customers, cancellationToken);
        var customersBefore = await RepeatCustomerSource.OfCustomersAsync(db.Complaints.AsNoTracking(), customers, cancellationToken);
        var result = await save();
        var after = await ReadAsync(db, ids, cancellationToken);
        var customersAfter = await RepeatCustomerSource.OfCustomersAsync(db.Complaints.AsNoTracking(), customers, cancellationToken);
        var repeat = new Dictionary<RepeatCustomerKey, long>();
        RepeatCustomerChains.Contribute(customersBefore, zone, -1, repeat);
        RepeatCustomerChains.Contribute(customersAfter, zone, +1, repeat);
        await UpsertAsync(db, RepeatCustomerChains.Rows(repeat), cancellationToken);
        var delta = new TrendRollupDelta();
        foreach (var source in before)
        {
            source.Contribute(zone, -1, delta);
        }

        foreach (var source in after)
        {
            source.Contribute(zone, +1, delta);
        }

        await UpsertAsync(db, delta.Rows, cancellationToken);
        return result;
    }

    /// <summary><paramref name="ids"/> less the complaints this context is adding, which nothing has stored yet.</summary>
    private static List<Guid> Stored(PortalDbContext db, IReadOnlyCollection<Guid> ids)
    {
        var added = db.ChangeTracker.Entries<Complaint>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Id).ToHashSet();
        return added.Count == 0 ? [.. ids] : [.. ids.Where(id => !added.Contains(id))];
    }

    /// <summary>The customers (e-mail, else phone) of complaints <paramref name="ids"/>: as stored, and as tracked to be saved.</summary>
    private static async Task<List<string>> CustomersAsync(PortalDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in db.ChangeTracker.Entries<Complaint>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified && (entry.Entity.Customer?.Email ?? entry.Entity.Customer?.Phone) is { } key)
            {
                keys.Add(key);
            }
        }

        foreach (var chunk in ids.Chunk(500))
        {
            keys.UnionWith(await db.Complaints.AsNoTracking().Where(c => chunk.Contains(c.Id) && (c.Customer.Email != null || c.Customer.Phone != null))
                .Select(c => (c.Customer.Email ?? c.Customer.Phone)!).ToListAsync(cancellationToken));
        }

        return [.. keys];
    }

    /// <summary>
    /// SQL Server: one exclusive application lock per customer until the transaction ends, in key order, so that two
    /// transactions changing the same customer's complaints (two registrations at once) read each other's chain; read
    /// committed alone would let each count its complaint as the customer's first. SQLite has one writer at a time.
    /// </summary>
    private static async Task LockCustomersAsync(PortalDbContext db, List<string> customers, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlServer())
        {
            return;
        }

        foreach (var customer in customers.Order(StringComparer.Ordinal))
        {
            var resource = "repeat-customer:" + (customer.Length > 200 ? customer[..200] : customer);
            await db.Database.ExecuteSqlAsync(
                $"EXEC sp_getapplock @Resource = {resource}, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 30000;", cancellationToken);
        }
    }

    private static Task<List<TrendRollupSource>> ReadAsync(PortalDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        TrendRollupSource.Of(db, db.Complaints.AsNoTracking().Where(c => ids.Contains(c.Id))).ToListAsync(cancellationToken);

    /// <summary>The business time zone as stored in the settings (the rollups' days are business days).</summary>
    public static async Task<TimeZoneInfo> ZoneAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var id = await db.Set<PortalSettings>().AsNoTracking().Where(s => s.Id == PortalSettings.SingletonId).Select(s => s.TimeZone).FirstOrDefaultAsync(cancellationToken);
        return TimeZoneInfo.FindSystemTimeZoneById(BusinessClock.IsKnownZone(id) ? id! : new PortalSettings().TimeZone);
    }

    /// <summary>
    /// Adds each row's count and sum to the stored row, creating it when missing: on SQL Server in statements of 200 rows,
    /// on SQLite one prepared single-row statement run per row (<see cref="SqliteUpsertAsync{TRow}"/>).
    /// </summary>
    public static async Task UpsertAsync(PortalDbContext db, IEnumerable<TrendRollup> rows, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlServer())
        {
            await SqliteUpsertAsync(db, SqliteUpsert(SqliteRow(Width)), Width, rows, (r, v) => Fill(r, v, 0), cancellationToken);
            return;
        }

        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            var (sql, parameters) = UpsertCommand(chunk);
            await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        }
    }

    /// <summary>
    /// Adds each repeat-customer row's count to the stored row, creating it when missing: on SQL Server in statements of 200
    /// rows, on SQLite one prepared single-row statement run per row.
    /// </summary>
    public static async Task UpsertAsync(PortalDbContext db, IEnumerable<RepeatCustomerRollup> rows, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlServer())
        {
            await SqliteUpsertAsync(db, RepeatCustomerChains.SqliteUpsert(SqliteRow(RepeatCustomerChains.Width)), RepeatCustomerChains.Width, rows,
                (r, v) => RepeatCustomerChains.Fill(r, v, 0), cancellationToken);
            return;
        }

        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            var (sql, parameters) = RepeatCustomerChains.UpsertCommand(chunk);
            await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        }
    }

    /// <summary>
    /// SQLite: the rows one at a time through one prepared statement, in the caller's transaction (or on their own connection
    /// open). A statement of 200 rows has 2,000 named parameters, which SQLite parses and Microsoft.Data.Sqlite binds by
    /// name on every save; a registration adds about 50 rows, and preparing and binding that statement was the largest
    /// part of the rollups' cost per complaint (issue 21, the intake profile). The rows are distinct keys, so row by row
    /// adds exactly what the one statement added.
    /// </summary>
    private static async Task SqliteUpsertAsync<TRow>(PortalDbContext db, string sql, int width, IEnumerable<TRow> rows, Action<TRow, object[]> fill,
        CancellationToken cancellationToken)
    {
        using var pending = rows.GetEnumerator();
        if (!pending.MoveNext())
        {
            return;
        }

        var connection = db.Database.GetDbConnection();
        var open = connection.State == System.Data.ConnectionState.Open;
        if (!open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = sql;
            var parameters = new System.Data.Common.DbParameter[width];
            for (var i = 0; i < width; i++)
            {
                parameters[i] = command.CreateParameter();
                parameters[i].ParameterName = "$p" + i.ToString(CultureInfo.InvariantCulture);
                command.Parameters.Add(parameters[i]);
            }

            var values = new object[width];
            do
            {
                fill(pending.Current, values);
                for (var i = 0; i < width; i++)
                {
                    parameters[i].Value = values[i];
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            while (pending.MoveNext());
        }
        finally
        {
            if (!open)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>One row's VALUES list of <paramref name="width"/> SQLite parameters (<c>$p0</c>…).</summary>
    private static StringBuilder SqliteRow(int width) =>
        new StringBuilder("(").AppendJoin(", ", Enumerable.Range(0, width).Select(n => "$p" + n.ToString(CultureInfo.InvariantCulture))).Append(')');

    /// <summary>How many values a rollup row binds.</summary>
    private const int Width = 10;

    /// <summary>Writes a rollup row's values into <paramref name="v"/> from <paramref name="at"/>, in its upsert's column order.</summary>
    private static void Fill(TrendRollup r, object[] v, int at)
    {
        (v[at], v[at + 1], v[at + 2], v[at + 3], v[at + 4]) = (r.Span, r.Category, r.Channel, r.Product, r.Day);
        (v[at + 5], v[at + 6], v[at + 7], v[at + 8], v[at + 9]) = (r.Figure, r.Key, r.Text, r.Count, r.Sum);
    }

    /// <summary>SQL Server's MERGE of <paramref name="rows"/>, with <c>{n}</c> placeholders and their values (SQLite upserts row by row).</summary>
    internal static (string Sql, object[] Parameters) UpsertCommand(IReadOnlyList<TrendRollup> rows)
    {
        var values = new StringBuilder();
        var parameters = new object[rows.Count * Width];
        for (var i = 0; i < rows.Count; i++)
        {
            var p = i * Width;
            Fill(rows[i], parameters, p);
            values.Append(i == 0 ? "(" : ", (");
            values.AppendJoin(", ", Enumerable.Range(p, Width).Select(n => "{" + n.ToString(CultureInfo.InvariantCulture) + "}"));
            values.Append(')');
        }

        return (SqlServerUpsert(values), parameters);
    }

    private const string Columns = "\"Span\", \"Category\", \"Channel\", \"Product\", \"Day\", \"Figure\", \"Key\", \"Text\"";

    private static string SqliteUpsert(StringBuilder values) =>
        $"INSERT INTO \"TrendRollups\" ({Columns}, \"Count\", \"Sum\") VALUES {values} " +
        $"ON CONFLICT ({Columns}) DO UPDATE SET \"Count\" = \"Count\" + excluded.\"Count\", \"Sum\" = \"Sum\" + excluded.\"Sum\";";

    // HOLDLOCK: two transactions adding to a row neither has yet cannot both insert it.
    private static string SqlServerUpsert(StringBuilder values) =>
        $"MERGE [TrendRollups] WITH (HOLDLOCK) AS t USING (VALUES {values}) AS s([Span], [Category], [Channel], [Product], [Day], [Figure], [Key], [Text], [Count], [Sum]) " +
        "ON t.[Span] = s.[Span] AND t.[Category] = s.[Category] AND t.[Channel] = s.[Channel] AND t.[Product] = s.[Product] AND t.[Day] = s.[Day] " +
        "AND t.[Figure] = s.[Figure] AND t.[Key] = s.[Key] AND t.[Text] = s.[Text] " +
        "WHEN MATCHED THEN UPDATE SET t.[Count] = t.[Count] + s.[Count], t.[Sum] = t.[Sum] + s.[Sum] " +
        "WHEN NOT MATCHED THEN INSERT ([Span], [Category], [Channel], [Product], [Day], [Figure], [Key], [Text], [Count], [Sum]) " +
        "VALUES (s.[Span], s.[Category], s.[Channel], s.[Product], s.[Day], s.[Figure], s.[Key], s.[Text], s.[Count], s.[Sum]);";
}
