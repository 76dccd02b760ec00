using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;

namespace Zowor.Portal.Tests.Support;

/// <summary>
/// One portal with the demo users and complaints, shared by a test class that only reads (page access, rendering),
/// with one signed-in client per demo user, signed in once. Tests that change data or sign-in state make their own
/// <see cref="PortalAppFactory"/>.
/// </summary>
public sealed class SeededPortalFixture : IAsyncLifetime
{
    private readonly Dictionary<string, PortalClient> _clients = [];

    public PortalAppFactory App { get; } = new();

    /// <summary>A demo complaint that exists in the database.</summary>
    public Guid SeededComplaintId { get; private set; }

    /// <summary>The e-mail of the demo user who has exactly this role.</summary>
    public static string DemoEmailFor(string role) => DbSeeder.DemoUsers.Single(u => u.Roles.SequenceEqual([role])).Email;

    public async ValueTask InitializeAsync()
    {
        App.StartServer();
        await using var db = App.Database.CreateContext();
        SeededComplaintId = await db.Complaints.OrderBy(c => c.Reference).Select(c => c.Id).FirstAsync();
    }

    /// <summary>A client signed in as the demo user with <paramref name="role"/>; the same client every time.</summary>
    public async Task<PortalClient> ClientForAsync(string role, CancellationToken cancellationToken = default)
    {
        if (!_clients.TryGetValue(role, out var client))
        {
            client = await PortalClient.SignedInAsync(App, DemoEmailFor(role), cancellationToken: cancellationToken);
            _clients[role] = client;
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await App.DisposeAsync();
    }
}
