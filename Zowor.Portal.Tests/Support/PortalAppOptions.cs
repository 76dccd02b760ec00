using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Zowor.Portal.Tests.Support;

/// <summary>How a <see cref="PortalAppFactory"/> sets up the portal it hosts.</summary>
public sealed record PortalAppOptions
{
    /// <summary>
    /// The database file to use. Null (the default) gives the factory a fresh file that it deletes on dispose;
    /// pass one to share it between factories (an app restart), and dispose it yourself.
    /// </summary>
    public TestDatabase? Database { get; init; }

    /// <summary>Seeds the demo users (<see cref="Zowor.Portal.Data.DbSeeder.DemoUsers"/>) and demo complaints. Roles and categories are always seeded.</summary>
    public bool SeedDemoData { get; init; } = true;

    /// <summary>
    /// Replaces the app's <see cref="TimeProvider"/>. Cookie expiry also follows this clock, so an HTTP test that signs in
    /// needs it near the real time (a fake clock months in the past makes the client drop the auth cookie as expired).
    /// </summary>
    public FakeTimeProvider? Clock { get; init; }

    /// <summary>Last word on the services, after the app's own registrations (e.g. an EF Core interceptor).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Runs the Hangfire server (recurring scans) inside the host. Off by default: tests call the job methods.</summary>
    public bool RunJobServer { get; init; }

    /// <summary>Whether the e-mail outbox dispatcher runs in the background (tests usually deliver by calling it).</summary>
    public bool RunMailDispatcher { get; init; }

    /// <summary>Extra host settings (configuration keys such as <c>Mail:SmtpHost</c>), read while Program.cs composes the app.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
}
