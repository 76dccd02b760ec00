using System.Text.RegularExpressions;
using Hangfire.SqlServer;
using Zowor.Portal.Features.Trends.Rollups;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.SqlServer;

/// <summary>
/// Issue 22: SQL the portal writes by hand, parsed as SQL Server would. Raw SQL in the code (FromSql, ExecuteSql,
/// SqlQuery) is either SQLite-only behind an <c>IsSqlite()</c> check or parsed as T-SQL; the migrations' hand-written
/// back-fills are parsed with their migration (<see cref="SqlServerMigrationTests"/>, including the statements inside
/// <c>EXEC('…')</c>); and Hangfire's own schema script, which Hangfire.SqlServer runs on the production database at start-up.
/// </summary>
public sealed partial class SqlServerRawSqlTests
{
    [Fact]
    public void RawSqlInTheCode_IsSqliteOnlyOrParsesAsTSql()
    {
        var source = Path.Combine(RepositoryRoot.Path, "Zowor.Portal");
        var sites = Directory.GetFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => RawSqlCall().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetRelativePath(source, file), Call: m, Text: File.ReadAllText(file))))
            .ToList();

        var problems = new List<string>();
        foreach (var (file, call, text) in sites)
        {
            var line = text[..call.Index].Count(c => c == '\n') + 1;
            var sql = call.Groups["sql"];
            if (!sql.Success && BuiltAtRunTime.ContainsKey(file.Replace(Path.DirectorySeparatorChar, '/')))
            {
                continue;
            }

            if (!sql.Success && SqliteOnly.Contains(file.Replace(Path.DirectorySeparatorChar, '/')))
            {
                if (!text.Contains("IsSqlite()", StringComparison.Ordinal))
                {
                    problems.Add($"{file}:{line}: SQLite's own SQL runs without an IsSqlite() check; SQL Server would reject it.");
                }

                continue;
            }

            if (!sql.Success)
            {
                problems.Add($"{file}:{line}: {call.Groups["method"].Value} without a literal SQL string: give it a path in SqlServerPaths so its command is captured.");
            }
            else if (sql.Value.TrimStart().StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase))
            {
                if (!text.Contains("IsSqlite()", StringComparison.Ordinal))
                {
                    problems.Add($"{file}:{line}: SQLite's {sql.Value} runs without an IsSqlite() check; SQL Server would reject it.");
                }
            }
            else if (sql.Value.Contains(" MATCH ", StringComparison.Ordinal) && sql.Value.Contains("LIMIT", StringComparison.Ordinal))
            {
                // SQLite FTS5 (global search): SQL Server has its own full-text query beside it, translated by SqlServerPaths.
                if (!text.Contains("IsSqlite()", StringComparison.Ordinal))
                {
                    problems.Add($"{file}:{line}: SQLite's FTS5 query {sql.Value} runs without an IsSqlite() check; SQL Server would reject it.");
                }
            }
            else if (TSql.Parse(sql.Value).Errors is { Count: > 0 } errors)
            {
                problems.Add($"{file}:{line}: {sql.Value}: {string.Join("; ", errors)}");
            }
        }

        Assert.NotEmpty(sites);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// Files whose raw SQL is SQLite's own (<see cref="Zowor.Portal.Features.Search.SqliteSearchIndexSql"/>: the FTS5 search
    /// queue), sent only behind an IsSqlite() check; SQL Server fills its full-text indexes itself.
    /// </summary>
    private static readonly IReadOnlySet<string> SqliteOnly = new HashSet<string>(StringComparer.Ordinal) { "Features/Search/SearchIndexer.cs" };

    /// <summary>
    /// Raw SQL built at run time, not a literal the test above can read: each file's SQL Server command, built by the
    /// portal's own method, parsed here. (The capture of <see cref="SqlServerQueryTranslationTests"/> cannot reach the
    /// rollups' MERGE: its empty results give a save no rollup rows to add.)
    /// </summary>
    private static readonly IReadOnlyDictionary<string, Func<string>> BuiltAtRunTime = new Dictionary<string, Func<string>>
    {
        ["Features/Trends/Rollups/TrendRollupWriter.cs"] = () => TrendRollupWriter.UpsertCommand(
        [
            new TrendRollup { Span = TrendRollupSpan.Day, Category = "delivery", Product = string.Empty, Day = 20261201, Figure = (int)TrendFigure.Refund, Key = 0, Text = "EUR", Count = 1, Sum = 2599 },
            new TrendRollup { Span = TrendRollupSpan.Month, Channel = 2, Day = 20261201, Figure = (int)TrendFigure.Received, Key = 0, Text = string.Empty, Count = -1, Sum = 0 },
        ]).Sql,
        // Issue 21: the repeat-customer rollup's upsert (the writer's ExecuteSqlRawAsync runs it).
        ["Features/Trends/Rollups/RepeatCustomerRollup.cs"] = () => RepeatCustomerChains.UpsertCommand(
        [
            new RepeatCustomerRollup { Category = "delivery", Channel = 2, Product = "#12", Prior = 0, Span = RepeatCustomerSpan.DayDay, Day = 739500, PriorDay = 0, Count = 1 },
            new RepeatCustomerRollup { Prior = 1, Span = RepeatCustomerSpan.MonthDay, Day = 739480, PriorDay = 739470, Count = -1 },
            new RepeatCustomerRollup { Product = "=Kettle", Prior = 2, Span = RepeatCustomerSpan.DayMonth, Day = 739500, PriorDay = 739450, Count = 2 },
        ]).Sql,
    };

    [Fact]
    public void RawSqlBuiltAtRunTime_ParsesAsTSql()
    {
        foreach (var (file, build) in BuiltAtRunTime)
        {
            var sql = Placeholder().Replace(build(), "@p$1");
            var (_, errors) = TSql.Parse(sql);

            Assert.Contains("@p19", sql, StringComparison.Ordinal);
            Assert.True(errors.Count == 0, $"{file}: {sql}: {string.Join("; ", errors)}");
        }
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();

    /// <summary>With <c>Database:Provider=SqlServer</c> Hangfire.SqlServer installs its schema (<c>[HangFire]</c>) at start-up with this script.</summary>
    [Fact]
    public void HangfireSchemaScript_ParsesAsTSql()
    {
        using var stream = typeof(SqlServerStorage).Assembly.GetManifestResourceStream("Hangfire.SqlServer.Install.sql")
            ?? throw new InvalidOperationException("Hangfire.SqlServer no longer ships Install.sql; find its schema script.");
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd().Replace("$(HangFireSchema)", "HangFire", StringComparison.Ordinal);

        var (_, errors) = TSql.Parse(script);

        Assert.DoesNotContain("$(", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [HangFire].[Job]", script, StringComparison.Ordinal);
        Assert.True(errors.Count == 0, "Hangfire's schema script does not parse: " + string.Join("; ", errors));
    }

    /// <summary>The parser itself: a T-SQL error, also one hidden in EXEC('…'), is reported with its line.</summary>
    [Fact]
    public void Parse_SyntaxErrorInsideExec_IsReported()
    {
        var (_, valid) = TSql.Parse("EXEC('UPDATE [Complaints] SET [ReceivedMonth] = YEAR([ReceivedAt]) * 100 + MONTH([ReceivedAt])');");
        var (_, broken) = TSql.Parse("SELECT 1;\nEXEC('UPDATE [Complaints] SET [ReceivedMonth] = WHERE');");

        Assert.Empty(valid);
        Assert.Contains(broken, e => e.StartsWith("inside EXEC at line 2", StringComparison.Ordinal));
    }

    /// <summary>FromSql*/ExecuteSql*/SqlQuery* calls, with their first argument when it is a plain string literal.</summary>
    [GeneratedRegex(@"\.(?<method>FromSql\w*|ExecuteSql\w*|SqlQuery\w*)(?:<[^>]*>)?\(\s*(?:""(?<sql>[^""]*)"")?")]
    private static partial Regex RawSqlCall();
}
