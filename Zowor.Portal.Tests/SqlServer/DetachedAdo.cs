using System.Collections;
using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.SqlClient;

namespace Zowor.Portal.Tests.SqlServer;

/// <summary>
/// Stands in for the <see cref="SqlCommand"/> EF Core creates, so that a suppressed transaction can be attached to it
/// (SqlCommand accepts only a real SqlTransaction). Parameters are real <see cref="SqlParameter"/>s, so the SQL Server
/// type mappings configure them as in production. Executing it is a bug of the capture: every execution is suppressed.
/// </summary>
internal sealed class DetachedCommand : DbCommand
{
    private readonly SqlCommand _parameters = new();

    public DetachedCommand(DbCommand created)
    {
        DbConnection = created.Connection;
        created.Dispose();
    }

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string CommandText { get; set; } = string.Empty;

    public override int CommandTimeout { get; set; }

    public override CommandType CommandType { get; set; }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection { get; set; }

    protected override DbParameterCollection DbParameterCollection => _parameters.Parameters;

    protected override DbTransaction? DbTransaction { get; set; }

    public override void Cancel()
    {
    }

    public override void Prepare()
    {
    }

    public override int ExecuteNonQuery() => throw Reached();

    public override object? ExecuteScalar() => throw Reached();

    protected override DbParameter CreateDbParameter() => _parameters.CreateParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => throw Reached();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _parameters.Dispose();
        }

        base.Dispose(disposing);
    }

    private InvalidOperationException Reached() => new($"A command reached SQL Server instead of the capture: {CommandText}");
}

/// <summary>The transaction EF Core gets when it begins one on the never-opened connection.</summary>
internal sealed class DetachedTransaction(DbConnection connection, IsolationLevel isolationLevel) : DbTransaction
{
    public override IsolationLevel IsolationLevel { get; } = isolationLevel;

    protected override DbConnection DbConnection { get; } = connection;

    public override bool SupportsSavepoints => true;

    public override void Commit()
    {
    }

    public override void Rollback()
    {
    }

    public override void Save(string savepointName)
    {
    }

    public override void Rollback(string savepointName)
    {
    }

    public override void Release(string savepointName)
    {
    }
}

/// <summary>A reader over fixed result sets (<see cref="EmptyDatabaseResults"/>), converting to whatever type EF Core asks for.</summary>
internal sealed class FixedResultsReader(IReadOnlyList<ResultSet> sets) : DbDataReader
{
    private int _set;
    private int _row = -1;

    private ResultSet? Current => _set < sets.Count ? sets[_set] : null;

    public override int Depth => 0;

    public override int FieldCount => Current?.Columns.Count ?? 0;

    public override bool HasRows => Current is { Rows.Count: > 0 };

    public override bool IsClosed => false;

    public override int RecordsAffected => 1;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override bool NextResult()
    {
        _set++;
        _row = -1;
        return _set < sets.Count;
    }

    public override bool Read() => Current is { } set && ++_row < set.Rows.Count;

    public override object GetValue(int ordinal) => Current!.Rows[_row][ordinal] ?? DBNull.Value;

    public override bool IsDBNull(int ordinal) => Current!.Rows[_row][ordinal] is null;

    public override T GetFieldValue<T>(int ordinal) => (T)To(typeof(T), GetValue(ordinal));

    public override string GetName(int ordinal) => Current!.Columns[ordinal];

    public override int GetOrdinal(string name) => Current!.Columns.ToList().IndexOf(name);

    public override string GetDataTypeName(int ordinal) => GetFieldType(ordinal).Name;

    public override Type GetFieldType(int ordinal) => Current is { Rows: [var row, ..] } && row[ordinal] is { } value ? value.GetType() : typeof(object);

    public override int GetValues(object[] values)
    {
        var count = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < count; i++)
        {
            values[i] = GetValue(i);
        }

        return count;
    }

    public override bool GetBoolean(int ordinal) => GetFieldValue<bool>(ordinal);

    public override byte GetByte(int ordinal) => GetFieldValue<byte>(ordinal);

    public override char GetChar(int ordinal) => GetFieldValue<char>(ordinal);

    public override DateTime GetDateTime(int ordinal) => GetFieldValue<DateTime>(ordinal);

    public override decimal GetDecimal(int ordinal) => GetFieldValue<decimal>(ordinal);

    public override double GetDouble(int ordinal) => GetFieldValue<double>(ordinal);

    public override float GetFloat(int ordinal) => GetFieldValue<float>(ordinal);

    public override Guid GetGuid(int ordinal) => GetFieldValue<Guid>(ordinal);

    public override short GetInt16(int ordinal) => GetFieldValue<short>(ordinal);

    public override int GetInt32(int ordinal) => GetFieldValue<int>(ordinal);

    public override long GetInt64(int ordinal) => GetFieldValue<long>(ordinal);

    public override string GetString(int ordinal) => GetFieldValue<string>(ordinal);

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => 0;

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => 0;

    public override IEnumerator GetEnumerator() => throw new NotSupportedException();

    private static object To(Type type, object value)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (value is DBNull || target.IsInstanceOfType(value))
        {
            return value;
        }

        if (target == typeof(Guid))
        {
            return new Guid((int)Convert.ToInt64(value, CultureInfo.InvariantCulture), 0, 0, new byte[8]);
        }

        return target == typeof(bool)
            ? Convert.ToDecimal(value, CultureInfo.InvariantCulture) != 0
            : Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
    }
}
