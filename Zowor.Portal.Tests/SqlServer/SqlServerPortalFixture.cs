using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.SqlServer;

/// <summary>What one path did: the commands it sent and the exception that stopped it, if any.</summary>
public sealed record PathOutcome(SqlServerPath Path, IReadOnlyList<CapturedCommand> Commands, Exception? Failure, string? StoppedBy);

/// <summary>
/// The whole portal (Program.cs) with every database access — the feature services' context factory and the scoped
/// context of Identity's stores and the seeder — going to the SQL Server capture. Start-up (roles, categories, settings,
/// the aggregate's warm-up query) runs against it too, then every path of <see cref="SqlServerPaths"/>, once, in order.
/// </summary>
public sealed partial class SqlServerPortalFixture : IAsyncLifetime
{
    public const string StartUp = "Start-up: DatabaseInitializer (seeding roles and categories, settings, aggregate warm-up)";
    public const string Health = "GET /health/ready: the database health check";

    private PortalAppFactory? _app;

    public SqlServerCapture Capture { get; } = new();

    public IReadOnlyDictionary<string, PathOutcome> Outcomes { get; private set; } = new Dictionary<string, PathOutcome>();

    public async ValueTask InitializeAsync()
    {
        var outcomes = new Dictionary<string, PathOutcome>();
        _app = new PortalAppFactory(new PortalAppOptions
        {
            SeedDemoData = false,
            Settings = new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" },
            ConfigureServices = services =>
            {
                services.AddSingleton<IDbContextFactory<PortalDbContext>>(new CaptureContexts(Capture));
                services.AddScoped<PortalDbContext>(_ => Capture.CreateContext());
            },
        });

        using (Capture.BeginPath(StartUp))
        {
            _app.Server.PreserveExecutionContext = true;
        }

        outcomes[StartUp] = Outcome(new SqlServerPath(StartUp, false, (_, _) => Task.CompletedTask), null, 0);
        outcomes[Health] = await RunAsync(new SqlServerPath(Health, false, async (_, ct) =>
        {
            using var client = _app.CreateClient();
            using var response = await client.GetAsync("health/ready", ct);
            if (await response.Content.ReadAsStringAsync(ct) is var body && body != "Healthy")
            {
                throw new InvalidOperationException($"/health/ready answered {(int)response.StatusCode} {body}");
            }
        }));

        foreach (var path in SqlServerPaths.All)
        {
            outcomes[path.Name] = await RunAsync(path);
        }

        Outcomes = outcomes;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task<PathOutcome> RunAsync(SqlServerPath path)
    {
        var before = Capture.Commands.Count;
        await using var scope = _app!.Services.CreateAsyncScope();
        SignInWithEveryRole(scope.ServiceProvider);
        using (Capture.BeginPath(path.Name, path.ExistsAnswer, path.Existing))
        {
            try
            {
                await path.Run(scope.ServiceProvider, Xunit.TestContext.Current.CancellationToken);
                return Outcome(path, null, before);
            }
            catch (DomainException stopped)
            {
                // What an empty database makes of a change: "The complaint no longer exists." The queries before it ran.
                return Outcome(path, null, before, stopped.Message);
            }
            catch (InvalidOperationException stopped) when (EmptyDatabaseStop().IsMatch(stopped.Message))
            {
                // Single() over the settings row, or Identity's role lookup, on a database that has no rows at all.
                return Outcome(path, null, before, stopped.Message);
            }
            catch (Exception ex)
            {
                return Outcome(path, ex, before);
            }
        }
    }

    /// <summary>What EF Core and Identity say when a row that every real database has is missing (not a translation error).</summary>
    [GeneratedRegex(@"^(Sequence contains no elements\.|Role \w+ does not exist\.)$")]
    private static partial Regex EmptyDatabaseStop();

    private PathOutcome Outcome(SqlServerPath path, Exception? failure, int before, string? stoppedBy = null) =>
        new(path, Capture.Commands.Skip(before).Where(c => c.Path == path.Name).ToList(), failure, stoppedBy);

    /// <summary>
    /// The circuit's user holds every role, so every service's own authorization check passes; the principal is built by
    /// hand because the user store is the (empty) SQL Server capture too.
    /// </summary>
    private static void SignInWithEveryRole(IServiceProvider services)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, "sqlserver-proof"),
                new Claim(ClaimTypes.Name, "sqlserver.proof@zowor.test"),
                new Claim(PortalClaimsPrincipalFactory.DisplayNameClaim, "SQL Server proof"),
                .. PortalRoles.All.Select(role => new Claim(ClaimTypes.Role, role)),
            ],
            "SqlServerProof");
        var state = (IHostEnvironmentAuthenticationStateProvider)services.GetRequiredService<AuthenticationStateProvider>();
        state.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(identity))));
    }

    private sealed class CaptureContexts(SqlServerCapture capture) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => capture.CreateContext();
    }
}
