using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Logging;
using Zowor.Portal.Data;

namespace Zowor.Portal.Tests.SqlServer;

/// <summary>One command EF Core sent towards SQL Server: which test path and which portal method issued it, its text, and its parse errors.</summary>
public sealed record CapturedCommand(string Path, string Origin, string Text, IReadOnlyList<string> ParseErrors)
{
    public override string ToString() =>
        $"path {Path}, issued by {Origin}:{Environment.NewLine}{Text}" +
        (ParseErrors.Count == 0 ? string.Empty : Environment.NewLine + "T-SQL parse errors: " + string.Join("; ", ParseErrors));
}

/// <summary>An EF Core warning logged on the SQL Server context: the path, the portal method, the event and its message.</summary>
public sealed record CapturedWarning(string Path, string Origin, string Event, string Message)
{
    public override string ToString() => $"{Event} in {Origin} (path {Path}): {Message}";
}

/// <summary>
/// The production SQL Server context (<see cref="SqlServerPortalDbContext"/> with the app's own
/// <see cref="DataServiceCollectionExtensions.UseSqlServerPortal"/> options) on a connection string that is never opened:
/// a connection interceptor suppresses every open, a command interceptor records every command's T-SQL, parses it with
/// ScriptDom and answers it as an empty database would (<see cref="EmptyDatabaseResults"/>), and a transaction interceptor
/// hands out detached transactions. EF Core's warnings are recorded; those that mean a query would not run as written on
/// SQL Server throw.
/// </summary>
public sealed class SqlServerCapture
{
    /// <summary>Never opened: the host name is reserved (RFC 2606) and every open is suppressed.</summary>
    public const string ConnectionString = "Server=tcp:never-opened.invalid,1433;Database=ZoworPortal;User ID=portal;Password=never-used;Encrypt=True";

    private static readonly AsyncLocal<PathState?> CurrentPath = new();
    private readonly ConcurrentQueue<CapturedCommand> _commands = new();
    private readonly ConcurrentQueue<CapturedWarning> _warnings = new();
    private readonly Lazy<IRelationalModel> _relational;

    public SqlServerCapture()
    {
        var builder = new DbContextOptionsBuilder<SqlServerPortalDbContext>();
        DataServiceCollectionExtensions.UseSqlServerPortal(builder, ConnectionString);
        builder.AddInterceptors(new NeverOpen(), new CommandCapture(this), new Transactions())
            .ConfigureWarnings(w => w.Throw(QueryWarnings))
            .LogTo((eventId, level) => level >= LogLevel.Warning, e => _warnings.Enqueue(new CapturedWarning(Path, Origin(), e.EventId.Name ?? e.EventId.ToString(), e.ToString())));
        Options = builder.Options;
        _relational = new(() =>
        {
            using var db = CreateContext();
            return db.Model.GetRelationalModel();
        });
    }

    /// <summary>
    /// EF Core warnings about a query that SQL Server would run differently from what the code says (a page of rows cut
    /// without an order, a single-query cartesian explosion, comparisons that are always false) throw; the others are
    /// recorded and must be explained (<see cref="SqlServerQueryTranslationTests"/>). Client evaluation of anything but the
    /// final projection is no warning but an error ("could not be translated") in EF Core 3 and later.
    /// </summary>
    public static readonly EventId[] QueryWarnings =
    [
        CoreEventId.RowLimitingOperationWithoutOrderByWarning,
        CoreEventId.DistinctAfterOrderByWithoutRowLimitingOperatorWarning,
        CoreEventId.PossibleUnintendedCollectionNavigationNullComparisonWarning,
        CoreEventId.PossibleUnintendedReferenceComparisonWarning,
        RelationalEventId.MultipleCollectionIncludeWarning,
    ];

    public DbContextOptions<SqlServerPortalDbContext> Options { get; }

    /// <summary>Every command captured so far, in order.</summary>
    public IReadOnlyList<CapturedCommand> Commands => [.. _commands];

    /// <summary>Every EF Core warning logged so far.</summary>
    public IReadOnlyList<CapturedWarning> Warnings => [.. _warnings];

    private static string Path => CurrentPath.Value?.Name ?? "(outside a path)";

    public SqlServerPortalDbContext CreateContext() => new(Options);

    /// <summary>
    /// Names the code path that the commands issued until disposal belong to (flows with async calls).
    /// With <paramref name="existsAnswer"/> true, <c>EXISTS</c> answers yes, so a path goes on past "is there any?".
    /// </summary>
    /// <param name="name">The path's name.</param>
    /// <param name="existsAnswer">What <c>EXISTS</c> answers.</param>
    /// <param name="existing">Tables of which the path's first plain query finds one row (an existing complaint, CAPA…), valued from the model.</param>
    public IDisposable BeginPath(string name, bool existsAnswer = false, IReadOnlyCollection<string>? existing = null)
    {
        var previous = CurrentPath.Value;
        CurrentPath.Value = new PathState(name, existsAnswer, existing is null ? [] : [.. existing], _relational);
        return new Restore(() => CurrentPath.Value = previous);
    }

    private FixedResultsReader Capture(DbCommand command)
    {
        var (script, errors) = TSql.Parse(command.CommandText);
        _commands.Enqueue(new CapturedCommand(Path, Origin(), command.CommandText, errors));
        var state = CurrentPath.Value;
        return new FixedResultsReader(EmptyDatabaseResults.For(script, state?.ExistsAnswer ?? false, state is { Existing.Count: > 0 } ? state : null));
    }

    /// <summary>The portal method (outside the data layer's plumbing) on the stack: "ComplaintService.GetQueueAsync".</summary>
    private static string Origin()
    {
        var portal = typeof(PortalDbContext).Assembly;
        foreach (var frame in new StackTrace(false).GetFrames())
        {
            if (frame.GetMethod() is not { DeclaringType: { } type } method || type.Assembly != portal)
            {
                continue;
            }

            var name = method.Name;
            while (type.DeclaringType is { } outer && type.Name.StartsWith('<'))
            {
                name = type.Name.StartsWith("<>", StringComparison.Ordinal) ? name : type.Name;
                type = outer;
            }

            if (type == typeof(PortalDbContext))
            {
                continue;
            }

            // "<RunAsync>b__3", "<<RunAsync>b__3>d": the method the lambda or state machine belongs to.
            var trimmed = name.TrimStart('<');
            var close = trimmed.IndexOf('>', StringComparison.Ordinal);
            return $"{type.Name}.{(close > 0 ? trimmed[..close] : trimmed)}";
        }

        return "(test code)";
    }

    private sealed class PathState(string name, bool existsAnswer, HashSet<string> existing, Lazy<IRelationalModel> relational) : IExistingRows
    {
        public string Name { get; } = name;

        public bool ExistsAnswer { get; } = existsAnswer;

        public HashSet<string> Existing { get; } = existing;

        /// <summary>
        /// A plausible stored value: null where the column allows it, else the model type's first value (first enum member,
        /// "x", 1, 2 March 2026) through the property's value converter.
        /// </summary>
        public (bool Known, object? Value) Value(string table, string column)
        {
            var mapped = Existing.Contains(table) ? relational.Value.FindTable(table, null)?.FindColumn(column) : null;
            if (mapped is null)
            {
                return (false, null);
            }

            if (mapped.IsNullable)
            {
                return (true, null);
            }

            var property = mapped.PropertyMappings[0].Property;
            var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
            var model = type switch
            {
                _ when type == typeof(string) => "x",
                _ when type.IsEnum => Enum.GetValues(type).GetValue(0)!,
                _ when type == typeof(Guid) => Guid.NewGuid(),
                _ when type == typeof(DateTime) => new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc),
                _ when type == typeof(DateOnly) => new DateOnly(2026, 3, 2),
                _ when type == typeof(bool) => false,
                _ when type.IsGenericType && type.GetGenericArguments() is [var element] && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) =>
                    Array.CreateInstance(element, 0),
                _ => Convert.ChangeType(1, type, System.Globalization.CultureInfo.InvariantCulture),
            };
            return (true, property.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(model) : model);
        }

        public void Returned(string table) => Existing.Remove(table);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    private sealed class NeverOpen : DbConnectionInterceptor
    {
        public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            InterceptionResult.Suppress();

        public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(InterceptionResult.Suppress());

        public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            InterceptionResult.Suppress();

        public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            ValueTask.FromResult(InterceptionResult.Suppress());
    }

    private sealed class CommandCapture(SqlServerCapture capture) : DbCommandInterceptor
    {
        public override DbCommand CommandCreated(CommandEndEventData eventData, DbCommand result) => new DetachedCommand(result);

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
            InterceptionResult<DbDataReader>.SuppressWithResult(capture.Capture(command));

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(InterceptionResult<DbDataReader>.SuppressWithResult(capture.Capture(command)));

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
            InterceptionResult<object>.SuppressWithResult(Scalar(capture.Capture(command)));

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(InterceptionResult<object>.SuppressWithResult(Scalar(capture.Capture(command))));

        // An empty database: a bulk UPDATE or DELETE (ExecuteUpdate/ExecuteDelete) affects no row.
        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            capture.Capture(command);
            return InterceptionResult<int>.SuppressWithResult(0);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            capture.Capture(command);
            return ValueTask.FromResult(InterceptionResult<int>.SuppressWithResult(0));
        }

        private static object Scalar(FixedResultsReader reader) => reader.Read() && reader.FieldCount > 0 ? reader.GetValue(0) : DBNull.Value;
    }

    private sealed class Transactions : DbTransactionInterceptor
    {
        public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result) =>
            InterceptionResult<DbTransaction>.SuppressWithResult(new DetachedTransaction(connection, eventData.IsolationLevel));

        public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(InterceptionResult<DbTransaction>.SuppressWithResult(new DetachedTransaction(connection, eventData.IsolationLevel)));
    }
}
