using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Zowor.Portal.Tests.SqlServer;

/// <summary>
/// T-SQL as SQL Server 2025 would parse it (ScriptDom's <see cref="TSql170Parser"/>, no server needed). Dynamic SQL in
/// <c>EXEC('…')</c> and <c>EXEC sp_executesql N'…'</c> is parsed too: the outer parser sees only a string literal, and
/// the migrations hide their back-fill statements exactly there.
/// </summary>
public static class TSql
{
    /// <summary>Parses <paramref name="text"/>; the errors (with line and column) of the text and of every literal EXEC string inside it.</summary>
    public static (TSqlFragment? Script, IReadOnlyList<string> Errors) Parse(string text)
    {
        var errors = new List<string>();
        var script = Parse(text, errors, depth: 0, where: string.Empty);
        return (script, errors);
    }

    private static TSqlFragment? Parse(string text, List<string> errors, int depth, string where)
    {
        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(text);
        var script = parser.Parse(reader, out var parseErrors);
        errors.AddRange(parseErrors.Select(e => $"{where}line {e.Line}, column {e.Column}: {e.Message} (error {e.Number})"));
        if (script is null || depth > 3)
        {
            return script;
        }

        var dynamicSql = new DynamicSqlFinder();
        script.Accept(dynamicSql);
        foreach (var (inner, line) in dynamicSql.Found)
        {
            Parse(inner, errors, depth + 1, $"{where}inside EXEC at line {line}, ");
        }

        return script;
    }

    /// <summary>String literals executed as SQL: <c>EXEC('…')</c>, <c>EXEC(N'…' + N'…')</c> and <c>sp_executesql</c>'s statement.</summary>
    private sealed class DynamicSqlFinder : TSqlFragmentVisitor
    {
        public List<(string Sql, int Line)> Found { get; } = [];

        public override void ExplicitVisit(ExecutableStringList node)
        {
            if (node.Strings.All(s => s is StringLiteral))
            {
                Found.Add((string.Concat(node.Strings.Cast<StringLiteral>().Select(s => s.Value)), node.StartLine));
            }

            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(ExecutableProcedureReference node)
        {
            if (node.ProcedureReference?.ProcedureReference?.Name?.BaseIdentifier?.Value is { } name
                && name.Equals("sp_executesql", StringComparison.OrdinalIgnoreCase)
                && node.Parameters.FirstOrDefault()?.ParameterValue is StringLiteral statement)
            {
                Found.Add((statement.Value, node.StartLine));
            }

            base.ExplicitVisit(node);
        }
    }
}
