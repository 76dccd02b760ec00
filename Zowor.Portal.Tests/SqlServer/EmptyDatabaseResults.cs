using System.Globalization;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Zowor.Portal.Tests.SqlServer;

/// <summary>Rows the "database" holds after all: one per named table, handed out once (see <see cref="SqlServerCapture.BeginPath"/>).</summary>
public interface IExistingRows
{
    /// <summary>The stored value of a column of the table's row; Known is false for a table or column without a row.</summary>
    (bool Known, object? Value) Value(string table, string column);

    /// <summary>The row was returned: the table answers no more rows.</summary>
    void Returned(string table);
}

/// <summary>One result set of a suppressed command: column names and rows.</summary>
public sealed record ResultSet(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>
/// What SQL Server would answer a parsed batch with on an EMPTY database, derived from the T-SQL itself: a query over
/// tables returns no rows, except an aggregate without GROUP BY (one row: COUNT is 0, SUM/MIN/MAX/AVG are NULL) and a
/// SELECT without FROM (one row: <c>CASE WHEN EXISTS (…)</c> takes its ELSE branch). A statement with an OUTPUT clause (the
/// update pipeline's <c>OUTPUT 1</c> concurrency check, <c>OUTPUT INSERTED.[Id]</c>, MERGE with <c>_Position</c>) returns
/// one row per row it writes, with generated keys. So the portal's code paths run on as they would against an empty
/// production database.
/// </summary>
public static class EmptyDatabaseResults
{
    private static readonly HashSet<string> Aggregates = new(StringComparer.OrdinalIgnoreCase)
    {
        "COUNT", "COUNT_BIG", "SUM", "AVG", "MIN", "MAX", "STDEV", "STDEVP", "VAR", "VARP", "STRING_AGG",
    };

    private static long _generated = 1_000_000;

    /// <param name="script">The parsed batch.</param>
    /// <param name="existsAnswer">What <c>EXISTS (…)</c> answers: false on an empty database; true lets a path go on past "is there any?".</param>
    /// <param name="existingRow">When given, the first plain query of a table it knows returns one row of its values (null: no row).</param>
    public static IReadOnlyList<ResultSet> For(TSqlFragment? script, bool existsAnswer, IExistingRows? existingRow = null)
    {
        var sets = new List<ResultSet>();
        if (script is not TSqlScript { Batches: var batches })
        {
            return sets;
        }

        var evaluator = new Evaluator(existsAnswer);
        foreach (var statement in batches.SelectMany(b => b.Statements))
        {
            switch (statement)
            {
                case SelectStatement { Into: null } select:
                    sets.Add((existingRow is null ? null : ExistingRow(select.QueryExpression, existingRow)) ?? evaluator.Query(select.QueryExpression));
                    break;
                case InsertStatement { InsertSpecification.OutputClause: { } output } insert:
                    sets.Add(Output(output, RowsWritten(insert.InsertSpecification.InsertSource)));
                    break;
                case UpdateStatement { UpdateSpecification.OutputClause: { } output }:
                    sets.Add(Output(output, 1));
                    break;
                case DeleteStatement { DeleteSpecification.OutputClause: { } output }:
                    sets.Add(Output(output, 1));
                    break;
                case MergeStatement { MergeSpecification: { OutputClause: { } output } merge }:
                    sets.Add(Output(output, merge.TableReference is InlineDerivedTable source ? source.RowValues.Count : 1));
                    break;
            }
        }

        return sets;
    }

    /// <summary>One row for <c>SELECT [t].[Column], … FROM [Table] AS [t] …</c> (one table, no grouping), valued column by column.</summary>
    private static ResultSet? ExistingRow(QueryExpression query, IExistingRows rows)
    {
        if (query is not QuerySpecification { GroupByClause: null, FromClause.TableReferences: [NamedTableReference table] } spec)
        {
            return null;
        }

        var row = new object?[spec.SelectElements.Count];
        for (var i = 0; i < row.Length; i++)
        {
            if (spec.SelectElements[i] is not SelectScalarExpression { Expression: ColumnReferenceExpression column }
                || rows.Value(table.SchemaObject.BaseIdentifier.Value, column.MultiPartIdentifier.Identifiers[^1].Value) is not { Known: true } cell)
            {
                return null;
            }

            row[i] = cell.Value;
        }

        rows.Returned(table.SchemaObject.BaseIdentifier.Value);
        return new ResultSet(spec.SelectElements.Select(ColumnName).ToList(), [row]);
    }

    private static int RowsWritten(InsertSource source) => source switch
    {
        ValuesInsertSource values => values.RowValues.Count,
        _ => 1,
    };

    private static ResultSet Output(OutputClause output, int rows)
    {
        var columns = output.SelectColumns.Select(ColumnName).ToList();
        var values = new List<object?[]>();
        for (var row = 0; row < rows; row++)
        {
            values.Add(output.SelectColumns.Select(c => c switch
            {
                SelectScalarExpression { Expression: Literal literal } => Evaluator.LiteralValue(literal),
                _ when ColumnName(c) == "_Position" => (object)row,
                _ => Interlocked.Increment(ref _generated),
            }).ToArray());
        }

        return new ResultSet(columns, values);
    }

    private static string ColumnName(SelectElement element) => element switch
    {
        SelectScalarExpression { ColumnName: { } alias } => alias.Value,
        SelectScalarExpression { Expression: ColumnReferenceExpression column } => column.MultiPartIdentifier?.Identifiers.LastOrDefault()?.Value ?? string.Empty,
        _ => string.Empty,
    };

    private sealed class Evaluator(bool existsAnswer)
    {
        public ResultSet Query(QueryExpression query)
        {
            var spec = Specification(query);
            if (spec is null)
            {
                return new ResultSet([], []);
            }

            var columns = spec.SelectElements.Select(ColumnName).ToList();
            var oneRow = query is QuerySpecification && (spec.FromClause is null || (spec.GroupByClause is null && spec.SelectElements.Any(HasAggregate)));
            return new ResultSet(columns, oneRow ? [Row(spec)] : []);
        }

        private object?[] Row(QuerySpecification spec) =>
            spec.SelectElements.Select(e => e is SelectScalarExpression scalar ? Value(scalar.Expression) : null).ToArray();

        private static QuerySpecification? Specification(QueryExpression query) => query switch
        {
            QuerySpecification spec => spec,
            QueryParenthesisExpression parenthesis => Specification(parenthesis.QueryExpression),
            BinaryQueryExpression binary => Specification(binary.FirstQueryExpression),
            _ => null,
        };

        private static bool HasAggregate(SelectElement element)
        {
            var finder = new AggregateFinder();
            element.Accept(finder);
            return finder.Found;
        }

        private object? Value(ScalarExpression expression) => expression switch
        {
            Literal literal => LiteralValue(literal),
            ParenthesisExpression p => Value(p.Expression),
            CastCall cast => Value(cast.Parameter),
            ConvertCall convert => Value(convert.Parameter),
            TryCastCall cast => Value(cast.Parameter),
            CoalesceExpression coalesce => coalesce.Expressions.Select(Value).FirstOrDefault(v => v is not null),
            NullIfExpression nullIf => Value(nullIf.FirstExpression),
            SearchedCaseExpression @case => @case.WhenClauses.FirstOrDefault(w => Condition(w.WhenExpression)) is { } when
                ? Value(when.ThenExpression)
                : @case.ElseExpression is { } otherwise ? Value(otherwise) : null,
            SimpleCaseExpression @case => @case.ElseExpression is { } otherwise ? Value(otherwise) : null,
            IIfCall iif => Condition(iif.Predicate) ? Value(iif.ThenExpression) : Value(iif.ElseExpression),
            // The types SQL Server gives them: a scalar (ExecuteScalar) reaches EF Core unconverted.
            FunctionCall call when call.FunctionName.Value.Equals("COUNT", StringComparison.OrdinalIgnoreCase) => 0,
            FunctionCall call when call.FunctionName.Value.Equals("COUNT_BIG", StringComparison.OrdinalIgnoreCase) => 0L,
            FunctionCall call when call.FunctionName.Value.Equals("ISNULL", StringComparison.OrdinalIgnoreCase) =>
                call.Parameters.Select(Value).FirstOrDefault(v => v is not null),
            ScalarSubquery subquery => Query(subquery.QueryExpression) is { Rows: [var row, ..] } && row.Length > 0 ? row[0] : null,
            GlobalVariableExpression => 1,
            // Migrate's "EXEC @result = sp_getapplock …; SELECT @result": 0, the lock was granted.
            VariableReference => 0,
            UnaryExpression { UnaryExpressionType: UnaryExpressionType.Negative } unary => Value(unary.Expression) is { } v ? -Convert.ToDecimal(v, CultureInfo.InvariantCulture) : null,
            BinaryExpression binary => Arithmetic(binary),
            _ => null,
        };

        private object? Arithmetic(BinaryExpression binary)
        {
            if (Value(binary.FirstExpression) is not { } a || Value(binary.SecondExpression) is not { } b || a is string || b is string)
            {
                return null;
            }

            var (x, y) = (Convert.ToDecimal(a, CultureInfo.InvariantCulture), Convert.ToDecimal(b, CultureInfo.InvariantCulture));
            return binary.BinaryExpressionType switch
            {
                BinaryExpressionType.Add => x + y,
                BinaryExpressionType.Subtract => x - y,
                BinaryExpressionType.Multiply => x * y,
                BinaryExpressionType.Divide when y != 0 => x / y,
                _ => null,
            };
        }

        private bool Condition(BooleanExpression condition) => condition switch
        {
            ExistsPredicate => existsAnswer,
            BooleanNotExpression not => !Condition(not.Expression),
            BooleanParenthesisExpression p => Condition(p.Expression),
            BooleanBinaryExpression { BinaryExpressionType: BooleanBinaryExpressionType.And } and => Condition(and.FirstExpression) && Condition(and.SecondExpression),
            BooleanBinaryExpression or => Condition(or.FirstExpression) || Condition(or.SecondExpression),
            BooleanIsNullExpression isNull => (Value(isNull.Expression) is null) != isNull.IsNot,
            BooleanComparisonExpression comparison => Compare(comparison),
            _ => false,
        };

        private bool Compare(BooleanComparisonExpression comparison)
        {
            if (Value(comparison.FirstExpression) is not { } a || Value(comparison.SecondExpression) is not { } b || a is string || b is string)
            {
                return false;
            }

            var order = Convert.ToDecimal(a, CultureInfo.InvariantCulture).CompareTo(Convert.ToDecimal(b, CultureInfo.InvariantCulture));
            return comparison.ComparisonType switch
            {
                BooleanComparisonType.Equals => order == 0,
                BooleanComparisonType.NotEqualToBrackets or BooleanComparisonType.NotEqualToExclamation => order != 0,
                BooleanComparisonType.GreaterThan => order > 0,
                BooleanComparisonType.GreaterThanOrEqualTo => order >= 0,
                BooleanComparisonType.LessThan => order < 0,
                BooleanComparisonType.LessThanOrEqualTo => order <= 0,
                _ => false,
            };
        }

        public static object? LiteralValue(Literal literal) => literal switch
        {
            IntegerLiteral i => long.Parse(i.Value, CultureInfo.InvariantCulture) is var n && n is >= int.MinValue and <= int.MaxValue ? (int)n : n,
            NumericLiteral n => decimal.Parse(n.Value, CultureInfo.InvariantCulture),
            RealLiteral r => double.Parse(r.Value, CultureInfo.InvariantCulture),
            StringLiteral s => s.Value,
            _ => null,
        };
    }

    /// <summary>An aggregate of the query itself, not of a subquery inside it.</summary>
    private sealed class AggregateFinder : TSqlFragmentVisitor
    {
        public bool Found { get; private set; }

        public override void ExplicitVisit(ScalarSubquery node)
        {
        }

        public override void ExplicitVisit(ExistsPredicate node)
        {
        }

        public override void ExplicitVisit(FunctionCall node)
        {
            if (node.OverClause is null && Aggregates.Contains(node.FunctionName.Value))
            {
                Found = true;
            }

            base.ExplicitVisit(node);
        }
    }
}
