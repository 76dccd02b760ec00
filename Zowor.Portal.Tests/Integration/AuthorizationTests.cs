using System.Net;
using Zowor.Portal.Data;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration;

/// <summary>
/// Signing in and out over real HTTP: return URLs, wrong passwords, lockout, logout's antiforgery check. Who reaches
/// which page, endpoint and hub method is the generated matrix of <see cref="AccessMatrixTests"/> (table: <see cref="AccessRules"/>).
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class AuthorizationTests(SeededPortalFixture portal) : IClassFixture<SeededPortalFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_AccessDeniedPage_ExplainsWithoutShowingStaffContent()
    {
        var quality = await portal.ClientForAsync(PortalRoles.Quality, Ct);

        var (response, document) = await quality.GetPageAsync("/account/access-denied?ReturnUrl=%2Fqueue", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You do not have access to this page", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(document.QuerySelector("[data-testid=queue-table]"));
        // Issue 20: titled for what it is, inside the portal's layout with its navigation, not the sign-in card.
        Assert.Equal("Access denied", document.QuerySelector("h1")?.TextContent.Trim());
        Assert.DoesNotContain("Staff sign-in", document.Body.TextContent, StringComparison.Ordinal);
        Assert.NotNull(document.QuerySelector(".mud-drawer a[href='trends']"));
    }

    [Fact]
    public async Task SignIn_WithLocalReturnUrl_RedirectsBackToThatPage()
    {
        using var client = PortalClient.Create(portal.App);

        using var response = await client.PostLoginAsync(SeededPortalFixture.DemoEmailFor(PortalRoles.Csm), DbSeeder.DemoPassword, "/queue", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/queue", Absolute(response.Headers.Location).AbsolutePath);
        Assert.True(client.HasAuthCookie);
    }

    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("https://evil.example/phish")]
    [InlineData("/\\evil.example")]
    public async Task SignIn_WithForeignReturnUrl_RedirectsToPortalHome(string returnUrl)
    {
        using var client = PortalClient.Create(portal.App);

        using var response = await client.PostLoginAsync(SeededPortalFixture.DemoEmailFor(PortalRoles.Csm), DbSeeder.DemoPassword, returnUrl, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Absolute(response.Headers.Location);
        Assert.Equal(client.Http.BaseAddress!.Authority, location.Authority);
        Assert.Equal("/", location.AbsolutePath);
    }

    [Fact]
    public async Task SignIn_WithWrongPassword_ShowsErrorAndSetsNoCookie()
    {
        using var client = PortalClient.Create(portal.App);

        using var response = await client.PostLoginAsync(SeededPortalFixture.DemoEmailFor(PortalRoles.Ceo), "not-the-password", cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = PortalClient.ParseHtml(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("not correct", document.QuerySelector("[data-testid=login-error]")?.TextContent, StringComparison.Ordinal);
        Assert.False(client.HasAuthCookie);
    }

    [Fact]
    public async Task PostLogout_WithoutAntiforgeryToken_IsRefusedAndSessionSurvives()
    {
        // A cross-site form must not sign staff out (IdentityServiceCollectionExtensions.MapAccountEndpoints).
        using var client = await PortalClient.SignedInAsync(portal.App, SeededPortalFixture.DemoEmailFor(PortalRoles.Agent), cancellationToken: Ct);

        using var response = await client.Http.PostAsync("/account/logout", new FormUrlEncodedContent([]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(client.HasAuthCookie);
        using var home = await client.Http.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task PostLogout_WithTheLayoutsAntiforgeryToken_SignsOut()
    {
        using var client = await PortalClient.SignedInAsync(portal.App, SeededPortalFixture.DemoEmailFor(PortalRoles.Agent), cancellationToken: Ct);
        var (action, fields) = await client.GetFormAsync("/", f => f.GetAttribute("action") == "account/logout", "action=account/logout", Ct);

        using var response = await client.Http.PostAsync(action, new FormUrlEncodedContent(fields), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", Absolute(response.Headers.Location).AbsolutePath);
        Assert.False(client.HasAuthCookie);
        using var home = await client.Http.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task SignIn_AfterFiveWrongPasswords_IsLockedEvenWithTheRightPassword()
    {
        // A fresh portal: locking a demo account must not leak into other tests.
        await using var app = new PortalAppFactory();
        using var client = PortalClient.Create(app);
        var email = SeededPortalFixture.DemoEmailFor(PortalRoles.Csm);

        var messages = new List<string?>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await client.PostLoginAsync(email, $"wrong-password-{attempt}", cancellationToken: Ct);
            messages.Add(LoginError(await wrong.Content.ReadAsStringAsync(Ct)));
        }

        using var right = await client.PostLoginAsync(email, DbSeeder.DemoPassword, cancellationToken: Ct);

        Assert.All(messages.Take(4), m => Assert.Contains("not correct", m, StringComparison.Ordinal));
        Assert.Contains("locked", messages[4], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked", LoginError(await right.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.False(client.HasAuthCookie);
        using var home = await client.Http.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    private Uri Absolute(Uri? location)
    {
        Assert.NotNull(location);
        return location.IsAbsoluteUri ? location : new Uri(portal.App.ClientOptions.BaseAddress, location);
    }

    private static string? LoginError(string html) =>
        PortalClient.ParseHtml(html).QuerySelector("[data-testid=login-error]")?.TextContent.Trim();
}
