using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Zowor.Portal.Data;
using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Benchmarks.Hosting;

/// <summary>
/// The whole portal (Program.cs unchanged) inside the benchmark process, on Kestrel at a loopback port, over a
/// generated dataset: the data benchmarks call its services directly (the deadline job, the trend queries), drive its
/// pages over HTTP or a browser, and read the time of every SQL command it runs from EF's own log (<see cref="Sql"/>).
/// Its clock is fixed at the dataset's "now" so that deadlines fall as they would have. Hangfire's server and the mail
/// dispatcher are off: the benchmarks run those jobs themselves.
/// </summary>
public sealed class PortalHost : WebApplicationFactory<Program>
{
    /// <summary>The staff accounts the benchmarks sign in as (created when missing, with the demo password).</summary>
    public static readonly (string Email, string Role)[] Accounts =
    [
        ("bench-csm@zowor.example", PortalRoles.Csm),
        ("bench-quality@zowor.example", PortalRoles.Quality),
    ];

    private readonly string _databasePath;
    private readonly IReadOnlyDictionary<string, string> _settings;

    public PortalHost(string databasePath, DateTime now, IReadOnlyDictionary<string, string>? settings = null)
    {
        _databasePath = Path.GetFullPath(databasePath);
        _settings = settings ?? new Dictionary<string, string>();
        Clock = new FakeTimeProvider(new DateTimeOffset(now, TimeSpan.Zero));
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>Every SQL command the portal ran, with its duration as EF measured it.</summary>
    public SqlLog Sql { get; } = new();

    /// <summary><c>http://127.0.0.1:PORT/</c> once <see cref="StartAsync"/> returned.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts Kestrel and makes sure the benchmark accounts exist.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var bound = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(bound.TrimEnd('/') + "/");
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        foreach (var (email, role) in Accounts)
        {
            if (await users.FindByEmailAsync(email) is null)
            {
                var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Benchmark {role}" };
                Check(await users.CreateAsync(user, DbSeeder.DemoPassword), email);
                Check(await users.AddToRoleAsync(user, role), email);
            }
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development only so that the sign-in cookie travels over plain HTTP on loopback (production cookies are Secure).
        builder.UseEnvironment(Environments.Development);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:SqlitePath", _databasePath);
        builder.UseSetting("Database:SeedDemoData", "false");
        builder.UseSetting("Jobs:RunServer", "false");
        builder.UseSetting("Mail:Dispatch", "false");
        builder.UseSetting("Storage:DataPath", Path.Combine(Path.GetDirectoryName(_databasePath)!, Path.GetFileNameWithoutExtension(_databasePath) + "-files"));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting($"Logging:LogLevel:{DbLoggerCategory.Database.Command.Name}", "Information");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(new SqlLogProvider(Sql)));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}

/// <summary>One SQL command as EF logged it on completion.</summary>
public sealed record SqlCommand(long Sequence, string Text, double Milliseconds);

/// <summary>The SQL commands a <see cref="PortalHost"/> ran, numbered so that a benchmark can take those after a mark.</summary>
public sealed class SqlLog
{
    private readonly ConcurrentQueue<SqlCommand> _commands = new();
    private long _sequence;

    public long Mark => Interlocked.Read(ref _sequence);

    public IReadOnlyList<SqlCommand> Since(long mark) => _commands.Where(c => c.Sequence > mark).OrderBy(c => c.Sequence).ToList();

    public void Add(string text, double milliseconds)
    {
        _commands.Enqueue(new SqlCommand(Interlocked.Increment(ref _sequence), text, milliseconds));
        while (_commands.Count > 10_000 && _commands.TryDequeue(out _))
        {
        }
    }
}

/// <summary>Takes EF's "command executed" events (their elapsed time and SQL) into a <see cref="SqlLog"/>; drops everything else.</summary>
internal sealed class SqlLogProvider(SqlLog log) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) =>
        categoryName == DbLoggerCategory.Database.Command.Name ? new CommandLogger(log) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class CommandLogger(SqlLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id != RelationalEventId.CommandExecuted.Id || state is not IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                return;
            }

            var elapsed = values.FirstOrDefault(v => v.Key == "elapsed").Value;
            var text = values.FirstOrDefault(v => v.Key == "commandText").Value as string ?? string.Empty;
            if (elapsed is not null && double.TryParse(Convert.ToString(elapsed, System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture, out var milliseconds))
            {
                log.Add(text, milliseconds);
            }
        }
    }
}
