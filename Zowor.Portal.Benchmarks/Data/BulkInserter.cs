using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Zowor.Portal.Benchmarks.Data;

/// <summary>
/// Rows taken from a context's added entities, laid out by the EF model: one row per table row, the owned types that
/// share their owner's table merged into it, every value converted as EF converts it (enums to names, UTC times).
/// Extraction is separate from writing so that one thread can build the next batch while another writes this one.
/// </summary>
public sealed class RowBatch
{
    private readonly Dictionary<string, List<object?[]>> _rows = [];

    public IReadOnlyDictionary<string, List<object?[]>> Rows => _rows;


    /// <summary>
    /// Adds the rows of one aggregate: the root, the owned values that share its row, and every dependent reached
    /// through its navigations (timeline, escalations...), read with EF's compiled getters, no change tracker involved.
    /// Shadow foreign keys take the key of the entity they hang from; other shadow values come from <paramref name="shadow"/>.
    /// </summary>
    public void Add(IEntityType type, object entity, TableLayouts layouts, Func<IProperty, object?>? shadow = null) =>
        Visit(type, entity, layouts, shadow, null, null);

    private void Visit(IEntityType type, object entity, TableLayouts layouts, Func<IProperty, object?>? shadow, object?[]? sharedRow, (IForeignKey Key, object Principal)? parent)
    {
        var layout = layouts.For(type);
        var row = sharedRow;
        if (row is null)
        {
            row = new object?[layout.Columns.Count];
            if (!_rows.TryGetValue(layout.Table, out var rows))
            {
                _rows[layout.Table] = rows = [];
            }

            rows.Add(row);
        }

        foreach (var slot in layout.SlotsOf(type))
        {
            object? value;
            if (slot.Getter is { } getter)
            {
                value = getter.GetClrValue(entity);
            }
            else if (parent is { } from && IndexOf(from.Key.Properties, slot.Property) is var position and >= 0)
            {
                value = from.Key.PrincipalKey.Properties[position].GetGetter().GetClrValue(from.Principal);
            }
            else if (sharedRow is not null && slot.Property.IsPrimaryKey())
            {
                continue; // the owner's key, in the same column
            }
            else
            {
                value = shadow?.Invoke(slot.Property);
            }

            row[slot.Index] = value is null ? null : slot.Converter is null ? value : slot.Converter.ConvertToProvider(value);
        }

        foreach (var navigation in type.GetNavigations().Where(n => !n.IsOnDependent))
        {
            var value = navigation.GetGetter().GetClrValue(entity);
            var target = navigation.TargetEntityType;
            var shares = TableSplitting(target);
            foreach (var dependent in navigation.IsCollection ? ((System.Collections.IEnumerable?)value ?? Array.Empty<object>()).Cast<object>() : value is null ? [] : [value])
            {
                Visit(target, dependent, layouts, shadow, shares ? row : null, (navigation.ForeignKey, entity));
            }
        }
    }

    private static int IndexOf(IReadOnlyList<IProperty> properties, IProperty property)
    {
        for (var i = 0; i < properties.Count; i++)
        {
            if (properties[i] == property)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool TableSplitting(IEntityType type) =>
        type.FindOwnership() is { } ownership && ownership.PrincipalEntityType.GetTableName() == type.GetTableName();
}

/// <summary>Per table: its columns in insert order, without the keys that SQLite generates (INTEGER PRIMARY KEY).</summary>
public sealed class TableLayouts(IModel model)
{
    private readonly Dictionary<string, TableLayout> _tables = [];
    private readonly IRelationalModel _relational = model.GetRelationalModel();

    public TableLayout For(IEntityType type)
    {
        var table = type.GetTableName()!;
        if (!_tables.TryGetValue(table, out var layout))
        {
            _tables[table] = layout = new TableLayout(_relational.FindTable(table, type.GetSchema())!);
        }

        return layout;
    }

    public TableLayout this[string table] => _tables[table];
}

/// <summary>One table's insert layout.</summary>
public sealed class TableLayout
{
    private readonly Dictionary<string, int> _index;
    private readonly Dictionary<IEntityType, PropertySlot[]> _slots = [];
    private readonly string? _schema;

    public TableLayout(ITable table)
    {
        _schema = table.Schema;
        Table = table.Name;
        Columns = table.Columns.Where(c => !IsGeneratedKey(table, c)).ToList();
        _index = Columns.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i);
    }

    public string Table { get; }

    public IReadOnlyList<IColumn> Columns { get; }

    /// <summary>Where each stored property of <paramref name="type"/> goes in this table's row, and how to read it (worked out once per type).</summary>
    public IReadOnlyList<PropertySlot> SlotsOf(IEntityType type)
    {
        if (!_slots.TryGetValue(type, out var slots))
        {
            var table = StoreObjectIdentifier.Table(Table, _schema);
            _slots[type] = slots = type.GetProperties()
                .Select(p => (Property: p, Column: p.GetColumnName(table)))
                .Where(p => p.Column is not null && _index.ContainsKey(p.Column))
                .Select(p => new PropertySlot(p.Property, _index[p.Column!], p.Property.IsShadowProperty() ? null : p.Property.GetGetter(), p.Property.GetTypeMapping().Converter))
                .ToArray();
        }

        return slots;
    }

    private static bool IsGeneratedKey(ITable table, IColumn column) =>
        table.PrimaryKey is { Columns.Count: 1 } key && key.Columns[0] == column
        && column.PropertyMappings.Any(m => m.Property.ValueGenerated == ValueGenerated.OnAdd && (m.Property.ClrType == typeof(int) || m.Property.ClrType == typeof(long)));
}

/// <summary>One stored property: its column's position, its compiled getter (none for a shadow property) and its value converter.</summary>
public sealed record PropertySlot(IProperty Property, int Index, IClrPropertyGetter? Getter, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter);

/// <summary>
/// Writes <see cref="RowBatch"/>es into SQLite with one prepared INSERT per table inside one transaction per batch:
/// the fast path for millions of rows that EF's SaveChanges would take an hour for. Parameters are made by each
/// column's EF store type mapping, so values are stored exactly as EF stores them (Guids as upper-case text...).
/// </summary>
public sealed class BulkInserter(SqliteConnection connection, TableLayouts layouts) : IDisposable
{
    private readonly Dictionary<string, (SqliteCommand Command, DbParameter[] Parameters)> _commands = [];

    public void Write(RowBatch batch)
    {
        using var transaction = connection.BeginTransaction();
        foreach (var (table, rows) in batch.Rows)
        {
            // One row per INSERT: Microsoft.Data.Sqlite binds parameters by name, so many-row statements measured slower.
            var (command, parameters) = Command(table);
            command.Transaction = transaction;
            foreach (var row in rows)
            {
                for (var i = 0; i < parameters.Length; i++)
                {
                    parameters[i].Value = row[i] ?? DBNull.Value;
                }

                command.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    /// <summary>
    /// Drops the indexes of <paramref name="tables"/> and returns their definitions for <see cref="CreateIndexes"/>:
    /// building an index once over sorted data is many times faster than keeping it up to date row by row.
    /// </summary>
    public IReadOnlyList<string> DropIndexes(IEnumerable<string> tables)
    {
        var definitions = new List<(string Name, string Sql)>();
        using (var query = connection.CreateCommand())
        {
            query.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each($tables))";
            query.Parameters.AddWithValue("$tables", System.Text.Json.JsonSerializer.Serialize(tables.ToArray()));
            using var reader = query.ExecuteReader();
            while (reader.Read())
            {
                definitions.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in definitions)
        {
            using var drop = connection.CreateCommand();
            drop.CommandText = $"DROP INDEX \"{name}\"";
            drop.ExecuteNonQuery();
        }

        return definitions.Select(d => d.Sql).ToList();
    }

    /// <summary>Creates the indexes that <see cref="DropIndexes"/> dropped (a unique index fails here on a duplicate).</summary>
    public void CreateIndexes(IEnumerable<string> definitions)
    {
        foreach (var sql in definitions)
        {
            using var create = connection.CreateCommand();
            create.CommandText = sql;
            create.CommandTimeout = 0;
            create.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        foreach (var (command, _) in _commands.Values)
        {
            command.Dispose();
        }
    }

    private (SqliteCommand, DbParameter[]) Command(string table)
    {
        if (_commands.TryGetValue(table, out var prepared))
        {
            return prepared;
        }

        var columns = layouts[table].Columns;
        var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        var parameters = columns
            .Select((c, i) => (DbParameter)((RelationalTypeMapping)c.StoreTypeMapping).CreateParameter(command, $"$p{i}", null, c.IsNullable))
            .ToArray();
        command.Parameters.AddRange(parameters);
        command.Prepare();
        return _commands[table] = (command, parameters);
    }
}
