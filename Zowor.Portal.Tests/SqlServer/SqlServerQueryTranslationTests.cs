using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.SqlServer;

/// <summary>
/// Issue 22: SQL Server is production and cannot run here, so every query the portal sends is translated by the SQL Server
/// provider and checked without a server — it translates (no "could not be translated"), nothing but the final projection
/// runs on the client (EF Core refuses anything else; the warnings that mean a different result on SQL Server throw),
/// and the T-SQL parses with ScriptDom's SQL Server 2025 parser. A failure names the code path, the portal method that
/// issued the command, the T-SQL and the parse error.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed partial class SqlServerQueryTranslationTests(SqlServerPortalFixture fixture) : IClassFixture<SqlServerPortalFixture>
{
    public static TheoryData<string> Paths { get; } =
        new([SqlServerPortalFixture.StartUp, SqlServerPortalFixture.Health, .. SqlServerPaths.All.Select(p => p.Name)]);

    [Theory]
    [MemberData(nameof(Paths))]
    public void Path_OnSqlServer_TranslatesAndEveryCommandParsesAsTSql(string path)
    {
        var outcome = fixture.Outcomes[path];

        Assert.True(outcome.Failure is null, $"Path '{path}' failed on SQL Server: {outcome.Failure}");
        Assert.True(outcome.Commands.Count > 0, $"Path '{path}' sent no command to SQL Server (stopped by: {outcome.StoppedBy ?? "nothing"}).");
        var unparsed = outcome.Commands.Where(c => c.ParseErrors.Count > 0).ToList();
        Assert.True(unparsed.Count == 0, "T-SQL that SQL Server would reject:" + Environment.NewLine + string.Join(Environment.NewLine + Environment.NewLine, unparsed));
    }

    [Fact]
    public void EveryCapturedCommand_ParsesAsTSql_AndNoQueryWarningWasLogged()
    {
        var all = fixture.Capture.Commands;

        Assert.All(all, c => Assert.True(c.ParseErrors.Count == 0, c.ToString()));
        var unexplained = fixture.Capture.Warnings.Where(w => !ExplainedWarnings.Contains((w.Event, w.Origin))).ToList();
        Assert.True(unexplained.Count == 0, "EF Core warnings on SQL Server:" + Environment.NewLine + string.Join(Environment.NewLine, unexplained));
        WriteForReview(all);
    }

    /// <summary>
    /// Refunds are summed by SQL Server in whole cents (bigint); the decimal amount is never summed, on either provider.
    /// The dashboard reads the refund totals from the trend rollups (issue 21), whose Sum column is whole cents, and the
    /// rollups get them from each complaint's minor units (their MERGE is parsed by SqlServerRawSqlTests).
    /// </summary>
    [Fact]
    public void RefundTotals_OnSqlServer_AreSummedInWholeCentsInTheDatabase()
    {
        var trends = fixture.Outcomes.Values.Where(o => o.Path.Name.StartsWith("TrendService.GetReportAsync", StringComparison.Ordinal)).SelectMany(o => o.Commands).ToList();
        var all = fixture.Capture.Commands;

        Assert.Contains(trends, c => c.Text.Contains("FROM [TrendRollups]", StringComparison.Ordinal) && RollupSum().IsMatch(c.Text));
        Assert.Contains(all, c => c.Text.Contains("[ResolutionAmountMinor]", StringComparison.Ordinal) && c.Origin.StartsWith("TrendRollupWriter.", StringComparison.Ordinal));
        Assert.DoesNotContain(all, c => c.Text.Contains("SUM([c].[ResolutionAmount])", StringComparison.Ordinal));
    }

    /// <summary>
    /// Every command as SQL Server receives it, by path, in <c>TestResults/sqlserver/commands.sql</c>: for a DBA to read
    /// (indexes, plans) before the first deployment.
    /// </summary>
    private void WriteForReview(IReadOnlyList<CapturedCommand> commands)
    {
        var folder = Directory.CreateDirectory(Path.Combine(RepositoryRoot.Path, "TestResults", "sqlserver")).FullName;
        using var file = new StreamWriter(Path.Combine(folder, "commands.sql"));
        file.WriteLine($"-- {commands.Count} commands over {fixture.Outcomes.Count} paths, issued by {commands.Select(c => c.Origin).Distinct().Count()} portal methods; 0 parse errors.");
        foreach (var command in commands)
        {
            file.WriteLine($"-- path: {command.Path}");
            file.WriteLine($"-- issued by: {command.Origin}");
            file.WriteLine(command.Text.TrimEnd().TrimEnd(';') + ";");
            file.WriteLine("GO");
        }

        using var paths = new StreamWriter(Path.Combine(folder, "paths.txt"));
        foreach (var outcome in fixture.Outcomes.Values)
        {
            paths.WriteLine($"{outcome.Commands.Count,4} commands  {outcome.Path.Name}{(outcome.StoppedBy is { } why ? $"  (stopped: {why})" : string.Empty)}");
        }
    }

    /// <summary>Warnings that are intended where they occur (event, portal method), each with its reason.</summary>
    private static readonly HashSet<(string Event, string Origin)> ExplainedWarnings =
    [
        // The warm-up compiles the aggregate's query at start-up; any row (or none) will do.
        ("Microsoft.EntityFrameworkCore.Query.FirstWithoutOrderByAndFilterWarning", "DatabaseInitializer.StartAsync"),
        // GROUP BY a constant: the counts come back as one row or none, so there is nothing to order.
        ("Microsoft.EntityFrameworkCore.Query.FirstWithoutOrderByAndFilterWarning", "RecurrenceQueries.EvidenceAsync"),
    ];

    /// <summary>
    /// Every class of the portal that reaches the database (it takes the context factory or a context) must have issued
    /// at least one captured command: a new service, job or query helper without a path in <see cref="SqlServerPaths"/>
    /// fails here by name.
    /// </summary>
    [Fact]
    public void EveryClassThatQueries_IsCoveredByAPath()
    {
        var covered = fixture.Capture.Commands.Select(c => c.Origin.Split('.')[0]).ToHashSet();
        var reaching = QueryingClasses().Select(t => t.Name).ToList();

        Assert.NotEmpty(reaching);
        var uncovered = reaching.Where(name => !covered.Contains(name) && !NoCommandOfTheirOwn.ContainsKey(name)).ToList();
        Assert.True(uncovered.Count == 0, "No SQL Server path covers: " + string.Join(", ", uncovered) + ". Add a path to SqlServerPaths.");
    }

    [GeneratedRegex(@"SUM\(\[\w+\]\.\[Sum\]\)")]
    private static partial Regex RollupSum();

    /// <summary>Classes that take a context but send nothing themselves on SQL Server, and why.</summary>
    private static readonly IReadOnlyDictionary<string, string> NoCommandOfTheirOwn = new Dictionary<string, string>
    {
        ["PortalDbContextFactory`1"] = "hands out contexts",
        ["DatabaseInitializer"] = "migrates (not on this path) and calls DbSeeder and SettingsProvider, which are covered",
        ["LiveComplaintSummary"] = "calls ComplaintService.GetSummaryAsync",
        ["CustomerMessagePlanner"] = "only adds e-mails to the caller's context: their INSERTs are the registering path's (PublicComplaintService.SubmitAsync)",
        ["SqlServerPortalDbContextFactory"] = "design-time factory for dotnet ef",
        ["SqlitePortalDbContextFactory"] = "design-time factory for dotnet ef",
        ["TrendRollupSource"] = "builds the query that TrendRollupWriter, the rebuild and the drift check run: the commands are theirs",
        ["ITeachingEvidenceListener"] = "an interface: CapaTeachingListener implements it (the training path with a CAPA covers it)",
        ["BareIntakeEndpoint"] = "the intake benchmark's floor (issue 21): mapped only on SQLite, never in Production, never on SQL Server",
        ["TeachingEvidenceUnit"] = "opens the transaction around the memo or training save and the listeners: the commands are theirs",
        ["SearchIndexer"] = "SQLite only (the FTS5 search queue, issue 21): on SQL Server it returns before sending anything; SQL Server fills its full-text indexes itself",
    };

    /// <summary>The portal's classes whose constructor or a method takes <see cref="IDbContextFactory{PortalDbContext}"/> or a <see cref="PortalDbContext"/>.</summary>
    public static IReadOnlyList<Type> QueryingClasses()
    {
        static bool Reaches(Type t) => t == typeof(IDbContextFactory<PortalDbContext>) || typeof(PortalDbContext).IsAssignableFrom(t);
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        return typeof(PortalDbContext).Assembly.GetTypes()
            .Where(t => !t.Name.StartsWith('<') && !typeof(DbContext).IsAssignableFrom(t) && t.Namespace?.Contains("Migrations", StringComparison.Ordinal) != true)
            .Where(t => t.GetConstructors(all).Any(c => c.GetParameters().Any(p => Reaches(p.ParameterType)))
                || t.GetMethods(all).Any(m => m.GetParameters().Any(p => Reaches(p.ParameterType))))
            .OrderBy(t => t.Name)
            .ToList();
    }
}
