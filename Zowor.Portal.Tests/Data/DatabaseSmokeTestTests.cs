using Zowor.Portal.Data;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Data;

/// <summary>
/// The first-deployment smoke test (<c>--smoke</c>, README "SQL Server") on a real SQLite file: every step runs and
/// passes on a new database and again on a migrated one. Against SQL Server its commands are translated and parsed by
/// <see cref="SqlServer.SqlServerQueryTranslationTests"/> (path "DatabaseSmokeTest.RunAsync").
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class DatabaseSmokeTestTests
{
    [Fact]
    public async Task Run_OnANewAndOnAMigratedDatabase_PassesEveryStep()
    {
        await using var app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false });
        app.StartServer();
        using var first = new StringWriter();
        using var second = new StringWriter();

        var firstCode = await DatabaseSmokeTest.RunAsync(app.Services, first, Xunit.TestContext.Current.CancellationToken);
        var secondCode = await DatabaseSmokeTest.RunAsync(app.Services, second, Xunit.TestContext.Current.CancellationToken);

        Assert.True(firstCode == 0, first.ToString());
        Assert.Equal(0, secondCode);
        Assert.Contains("Smoke test passed: 11 steps.", second.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", first.ToString(), StringComparison.Ordinal);
        Assert.Contains("6 roles", second.ToString(), StringComparison.Ordinal);
    }
}
