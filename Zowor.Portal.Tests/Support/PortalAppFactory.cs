using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Tests.Support;

/// <summary>
/// Hosts the whole portal (Program.cs unchanged) on its own SQLite file, in the Development environment.
/// By default requests go through the in-memory <see cref="TestServer"/>; call <see cref="StartKestrelAsync"/> first
/// to serve on a real loopback port instead (a browser cannot reach <see cref="TestServer"/>).
/// Test classes that create one belong to <see cref="PortalHostCollection"/>: the host has process-wide state.
/// </summary>
/// <example>
/// <code>
/// await using var app = new PortalAppFactory();
/// var address = await app.StartKestrelAsync();      // e.g. http://127.0.0.1:41234/
/// await page.GotoAsync(new Uri(address, "account/login").ToString());
/// </code>
/// </example>
public sealed class PortalAppFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsDatabase;
    private readonly PortalAppOptions _options;

    public PortalAppFactory(PortalAppOptions? options = null)
    {
        _options = options ?? new PortalAppOptions();
        _ownsDatabase = _options.Database is null;
        Database = _options.Database ?? TestDatabase.CreateMigrated();
    }

    /// <summary>The SQLite file the app uses.</summary>
    public TestDatabase Database { get; }

    /// <summary>The app's clock when <see cref="PortalAppOptions.Clock"/> was given; null means the system clock.</summary>
    public FakeTimeProvider? Clock => _options.Clock;

    /// <summary>
    /// The root address of the Kestrel server (<c>http://127.0.0.1:{port}/</c>, with a trailing slash), or null while the
    /// app runs on <see cref="TestServer"/> or has not started.
    /// </summary>
    public Uri? ServerAddress { get; private set; }

    /// <summary>
    /// Starts the app on Kestrel at 127.0.0.1 on a free port and returns <see cref="ServerAddress"/> once the login page
    /// answers. Call it before anything else touches the factory (<see cref="WebApplicationFactory{TEntryPoint}.Services"/>,
    /// <c>CreateClient</c>): the server kind is fixed when the host starts. Calling it again returns the same address.
    /// </summary>
    public async Task<Uri> StartKestrelAsync(CancellationToken cancellationToken = default)
    {
        if (ServerAddress is not null)
        {
            return ServerAddress;
        }

        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var bound = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var address = new Uri(bound.EndsWith('/') ? bound : bound + "/");

        // Migrations and seeding run before the server listens, so one answer means the portal is ready for a browser
        // (/health/live: Production refuses plain HTTP for pages).
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await probe.GetAsync("health/live", cancellationToken);
        response.EnsureSuccessStatusCode();
        ServerAddress = address;
        return address;
    }

    /// <summary>
    /// A DI scope signed in as <paramref name="email"/>, as a Blazor circuit would be: <see cref="CurrentUser"/> and the
    /// feature services resolved from it act as that user.
    /// </summary>
    public Task<StaffScope> SignInAsync(string email) => StaffScope.SignInAsync(Services, email);

    /// <summary>Creates a staff account (no password: tests sign it in through <see cref="SignInAsync"/>).</summary>
    public async Task<PortalUser> CreateStaffUserAsync(string email, string displayName, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        Check(await users.CreateAsync(user), email);
        Check(await users.AddToRolesAsync(user, roles), email);
        return user;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development: the environment the demo data and automatic migrations are meant for. The settings below are
        // read while Program.cs composes the app, so they go in as host settings, not late configuration.
        builder.UseEnvironment(Environments.Development);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:SqlitePath", Database.FilePath);
        builder.UseSetting("Database:SeedDemoData", _options.SeedDemoData ? "true" : "false");
        // Tests run the jobs' methods themselves (STYLE.md); a background scan would race them.
        builder.UseSetting("Jobs:RunServer", _options.RunJobServer ? "true" : "false");
        builder.UseSetting("Mail:Dispatch", _options.RunMailDispatcher ? "true" : "false");
        // Files (evidence, .eml pickup) go beside the test database, never into the source tree.
        builder.UseSetting("Storage:DataPath", Database.FilesFolder);
        // Tests post the public forms far more often than a customer could; the rate-limit test sets its own limit.
        builder.UseSetting("PublicForms:PermitLimit", "100000");
        // Likewise sign-in from one address (every test client is one address); the throttling test sets its own limit.
        builder.UseSetting("Identity:SignInPermitLimit", "100000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        foreach (var (key, value) in _options.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.Configure<PasswordHasherOptions>(TestPasswords.Configure);
            if (_options.Clock is { } clock)
            {
                services.AddSingleton<TimeProvider>(clock);
            }

            _options.ConfigureServices?.Invoke(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            Database.Dispose();
        }
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not set up {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
