using System.Net;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration;

/// <summary><see cref="PortalAppFactory.StartKestrelAsync"/>, which the browser tests build on.</summary>
[Collection(PortalHostCollection.Name)]
public sealed class KestrelHostTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_LoginPageOverKestrel_ServesOnLoopbackPort()
    {
        // The browser tests depend on this: the same app on a real socket, with the assets the page links to.
        await using var app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false });

        var address = await app.StartKestrelAsync(Ct);

        Assert.Equal(IPAddress.Loopback.ToString(), address.Host);
        Assert.NotEqual(0, address.Port);
        using var client = PortalClient.Create(app);
        var (login, document) = await client.GetPageAsync("account/login", Ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var stylesheet = document.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")).First(h => h!.Contains("MudBlazor", StringComparison.Ordinal));
        using var css = await client.Http.GetAsync(stylesheet, Ct);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
    }

    [Fact]
    public async Task SignIn_OverKestrel_SetsAuthCookieAndOpensStaffPage()
    {
        await using var app = new PortalAppFactory();
        await app.StartKestrelAsync(Ct);

        using var client = await PortalClient.SignedInAsync(app, SeededPortalFixture.DemoEmailFor(PortalRoles.Csm), cancellationToken: Ct);
        var (queue, document) = await client.GetPageAsync("queue", Ct);

        Assert.True(client.HasAuthCookie);
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        Assert.NotNull(document.QuerySelector("[data-testid=queue-table]"));
    }
}
