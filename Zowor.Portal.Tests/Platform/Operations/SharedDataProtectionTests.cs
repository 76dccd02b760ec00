using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Platform.Operations;

/// <summary>
/// The Data Protection key ring lives in the portal's database (issue 18), so every node reads what any node protected
/// (sign-in cookies, antiforgery tokens, /track links; P-91). The two-machine proof with separate HOME folders is
/// Browser/NginxFailoverTests; here: the key that protected a payload is a row of the database, and a second host on the
/// same database reads the payload.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class SharedDataProtectionTests
{
    [Fact]
    public async Task P91_KeyThatProtectedAPayload_IsStoredInTheDatabase_AndAnotherHostReadsIt()
    {
        using var database = TestDatabase.CreateMigrated();
        await using var nodeA = new PortalAppFactory(new PortalAppOptions { Database = database, SeedDemoData = false });
        var payload = nodeA.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("issue-18").Protect(Encoding.UTF8.GetBytes("signed in"));

        // Payload layout: a 4-byte magic header, then the id of the key that protected it.
        var keyId = new Guid(payload.AsSpan(4, 16));
        await using (var db = database.CreateContext())
        {
            var names = await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Contains($"key-{keyId:D}", names);
        }

        await using var nodeB = new PortalAppFactory(new PortalAppOptions { Database = database, SeedDemoData = false });
        var read = nodeB.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("issue-18").Unprotect(payload);
        Assert.Equal("signed in", Encoding.UTF8.GetString(read));
    }
}
