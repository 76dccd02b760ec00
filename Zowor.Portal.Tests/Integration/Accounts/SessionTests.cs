using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration.Accounts;

/// <summary>
/// P-91 (access control) against an attacker's replay of issue 18: sessions end on the server, a code works once, the
/// sign-in answers do not tell which accounts exist, and one address cannot try many accounts.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class SessionTests : IAsyncLifetime
{
    private const string Password = "Str0ng-Passphrase!";

    private readonly PortalAppFactory _app = new();
    private Guid _complaintId;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await using var db = _app.Database.CreateContext();
        _complaintId = await db.Complaints.Select(c => c.Id).FirstAsync(Ct);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task SignOut_P91_ACopiedCookieNoLongerOpensTheQueueOrTheApi()
    {
        var email = await CreateUserAsync("leaving.agent@zowor.test", PortalRoles.Agent);
        using var browser = await PortalClient.SignedInAsync(_app, email, Password, cancellationToken: Ct);
        using var thief = CopyOf(_app, browser);
        await AssertOpensAsync(thief);

        await SignOutAsync(browser);

        await AssertClosedAsync(thief);
    }

    [Fact]
    public async Task PasswordChange_P91_EndsOtherSessions_AndKeepsThisOne()
    {
        var email = await CreateUserAsync("changing.agent@zowor.test", PortalRoles.Agent);
        using var other = await PortalClient.SignedInAsync(_app, email, Password, cancellationToken: Ct);
        using var browser = await PortalClient.SignedInAsync(_app, email, Password, cancellationToken: Ct);
        using var copy = CopyOf(_app, browser);

        var (action, fields) = await browser.GetFormAsync("account/password", "change-password", Ct);
        fields["Input.Current"] = Password;
        fields["Input.New"] = "An0ther-Passphrase!";
        fields["Input.Confirm"] = "An0ther-Passphrase!";
        using (var changed = await browser.Http.PostAsync(action, new FormUrlEncodedContent(fields), Ct))
        {
            var body = await changed.Content.ReadAsStringAsync(Ct);
            Assert.True(PortalClient.ParseHtml(body).QuerySelector("[data-testid=password-changed]") is not null, $"HTTP {(int)changed.StatusCode} {changed.Headers.Location}: {PortalClient.ParseHtml(body).QuerySelector("main, .account-card")?.TextContent}");
        }

        await AssertOpensAsync(browser);
        await AssertClosedAsync(other);
        await AssertClosedAsync(copy);
        using var again = await PortalClient.SignedInAsync(_app, email, "An0ther-Passphrase!", cancellationToken: Ct);
        using var old = PortalClient.Create(_app);
        using var refused = await old.PostLoginAsync(email, Password, cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
    }

    [Fact]
    public async Task PasswordChange_WithAWrongCurrentPassword_ChangesNothing()
    {
        var email = await CreateUserAsync("careful.agent@zowor.test", PortalRoles.Agent);
        using var browser = await PortalClient.SignedInAsync(_app, email, Password, cancellationToken: Ct);
        var (action, fields) = await browser.GetFormAsync("account/password", "change-password", Ct);
        fields["Input.Current"] = "Not-the-passw0rd!";
        fields["Input.New"] = "An0ther-Passphrase!";
        fields["Input.Confirm"] = "An0ther-Passphrase!";

        using var refused = await browser.Http.PostAsync(action, new FormUrlEncodedContent(fields), Ct);

        Assert.Contains("current password is not correct", PortalClient.ParseHtml(await refused.Content.ReadAsStringAsync(Ct)).QuerySelector("[data-testid=password-error]")?.TextContent, StringComparison.Ordinal);
        using var stillWorks = await PortalClient.SignedInAsync(_app, email, Password, cancellationToken: Ct);
    }

    [Fact]
    public async Task TotpCode_P91_IsAcceptedOnce_AReplayIsRefused()
    {
        var ceo = SeededPortalFixture.DemoEmailFor(PortalRoles.Ceo);
        var code = Totp.Code(Zowor.Portal.Data.DbSeeder.DemoAuthenticatorKey);
        using var first = PortalClient.Create(_app);
        using (var password = await first.PostLoginAsync(ceo, Zowor.Portal.Data.DbSeeder.DemoPassword, cancellationToken: Ct))
        using (var signedIn = await first.PostTwoFactorCodeAsync(password.Headers.Location!.OriginalString, code, Ct))
        {
            Assert.True(first.HasAuthCookie);
        }

        // The same code, seen over a shoulder, a moment later from another browser.
        using var second = PortalClient.Create(_app);
        using var secondPassword = await second.PostLoginAsync(ceo, Zowor.Portal.Data.DbSeeder.DemoPassword, cancellationToken: Ct);
        using var replay = await second.PostTwoFactorCodeAsync(secondPassword.Headers.Location!.OriginalString, code, Ct);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.False(second.HasAuthCookie);
        Assert.Contains("not correct", PortalClient.ParseHtml(await replay.Content.ReadAsStringAsync(Ct)).QuerySelector("[data-testid=login-error]")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPasswords_P91_KnownAndUnknownAccounts_GetTheSameAnswers_LockoutIncluded()
    {
        var known = await CreateUserAsync("known.agent@zowor.test", PortalRoles.Agent);
        const string unknown = "nobody.here@zowor.test";
        using var client = PortalClient.Create(_app);
        for (var attempt = 1; attempt <= 7; attempt++)
        {
            var forKnown = await LoginErrorAsync(client, known, "Wrong-passw0rd!");
            var forUnknown = await LoginErrorAsync(client, unknown, "Wrong-passw0rd!");
            Assert.Equal(forKnown, forUnknown);
            Assert.Contains(attempt < 5 ? "not correct" : "locked", forKnown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WrongPassword_P91_TakesSimilarTimeForKnownAndUnknownAccounts()
    {
        string[] known = [await CreateUserAsync("timed.one@zowor.test", PortalRoles.Agent), await CreateUserAsync("timed.two@zowor.test", PortalRoles.Csm)];
        using var client = PortalClient.Create(_app);
        // Warm-up: the first hash and the first queries pay for JIT and caches.
        await LoginErrorAsync(client, "warm.up@zowor.test", "Wrong-passw0rd!");
        await LoginErrorAsync(client, SeededPortalFixture.DemoEmailFor(PortalRoles.Quality), "Wrong-passw0rd!");

        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            // Four attempts per known account, below the lock-out (5): each wrong password is hashed and counted.
            var account = known[i % 2];
            knownTimes.Add(await TimeAsync(() => LoginErrorAsync(client, account, "Wrong-passw0rd!")));
            var stranger = $"unknown{i}@zowor.test";
            unknownTimes.Add(await TimeAsync(() => LoginErrorAsync(client, stranger, "Wrong-passw0rd!")));
        }

        var ratio = Median(knownTimes) / Median(unknownTimes);
        Xunit.TestContext.Current.TestOutputHelper?.WriteLine($"wrong password, median of 8: known {Median(knownTimes):F0} ms, unknown {Median(unknownTimes):F0} ms, ratio {ratio:F2}");
        Assert.True(ratio < 3, $"known {Median(knownTimes):F0} ms / unknown {Median(unknownTimes):F0} ms = {ratio:F2}");
        Assert.True(1 / ratio < 3, $"unknown {Median(unknownTimes):F0} ms / known {Median(knownTimes):F0} ms = {1 / ratio:F2}");
    }

    [Fact]
    public async Task SignIn_P91_ThirtyAccountsFromOneAddress_AreNotAllTried()
    {
        await using var app = new PortalAppFactory(new PortalAppOptions
        {
            SeedDemoData = false,
            Settings = new Dictionary<string, string?> { [IdentitySettings.SignInPermitLimit] = "10", [IdentitySettings.SignInWindowSeconds] = "600" },
        });
        app.StartServer();
        using var client = PortalClient.Create(app);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            var (action, fields) = await client.GetFormAsync("account/login", "login", Ct);
            fields["Input.Email"] = $"staff{i}@zowor.test";
            fields["Input.Password"] = "Summer-2026!";
            using var response = await client.Http.PostAsync(action, new FormUrlEncodedContent(fields), Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        // Reading the sign-in page is not counted: a person who was refused can still see the form.
        using var page = await client.Http.GetAsync("account/login", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Deactivate_P91_SignsTheUserOutEverywhere_AndRefusesSignIn_UntilReactivated()
    {
        var email = await CreateUserAsync("leaver@zowor.test", PortalRoles.Csm);
        using var session = await PortalClient.SignedInAsync(_app, email, Password, cancellationToken: Ct);
        await AssertOpensAsync(session);
        var userId = (await FindAsync(email)).Id;

        await using (var admin = await _app.SignInAsync(SeededPortalFixture.DemoEmailFor(PortalRoles.Admin)))
        {
            await admin.Services.GetRequiredService<Zowor.Portal.Features.Admin.UserAdminService>().DeactivateAsync(userId, Ct);
        }

        await AssertClosedAsync(session);
        using var refused = PortalClient.Create(_app);
        Assert.Equal(await LoginErrorAsync(refused, "nobody.else@zowor.test", Password), await LoginErrorAsync(refused, email, Password));
        Assert.False(refused.HasAuthCookie);
        Assert.NotNull((await FindAsync(email)).DeactivatedAt);

        await using (var admin = await _app.SignInAsync(SeededPortalFixture.DemoEmailFor(PortalRoles.Admin)))
        {
            await admin.Services.GetRequiredService<Zowor.Portal.Features.Admin.UserAdminService>().ReactivateAsync(userId, Ct);
        }

        using var back = await PortalClient.SignedInAsync(_app, email, Password, cancellationToken: Ct);
        await AssertOpensAsync(back);
    }

    [Fact]
    public async Task Deactivate_OneselfIsRefused()
    {
        var admin = SeededPortalFixture.DemoEmailFor(PortalRoles.Admin);
        await using var scope = await _app.SignInAsync(admin);
        var users = scope.Services.GetRequiredService<Zowor.Portal.Features.Admin.UserAdminService>();

        await Assert.ThrowsAsync<Zowor.Portal.Domain.Common.DomainException>(() => users.DeactivateAsync(scope.Actor.Id, Ct));
        Assert.Null((await FindAsync(admin)).DeactivatedAt);
    }

    [Fact]
    public async Task TwoFactorEnrolment_ShowsTheKeyAsAQrCodeImage()
    {
        var email = await CreateUserAsync("new.admin@zowor.test", PortalRoles.Admin);
        using var client = PortalClient.Create(_app);
        using (await client.PostLoginAsync(email, Password, cancellationToken: Ct))
        {
        }

        var (page, document) = await client.GetPageAsync("account/two-factor", Ct);
        page.Dispose();

        var source = document.QuerySelector("[data-testid=authenticator-qr]")?.GetAttribute("src");
        Assert.StartsWith("data:image/png;base64,", source, StringComparison.Ordinal);
        var png = Convert.FromBase64String(source!["data:image/png;base64,".Length..]);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.True(png.Length > 500, $"a QR code of an otpauth URI is more than {png.Length} bytes");
    }

    // What an attacker replays: the sign-in cookie alone, taken from a shared machine or a proxy log.
    private static PortalClient CopyOf(PortalAppFactory app, PortalClient signedIn)
    {
        var copy = PortalClient.Create(app);
        foreach (System.Net.Cookie cookie in signedIn.Cookies.GetCookies(signedIn.Http.BaseAddress!))
        {
            if (cookie.Name == PortalClient.AuthCookie)
            {
                copy.Cookies.Add(signedIn.Http.BaseAddress!, new System.Net.Cookie(cookie.Name, cookie.Value, "/"));
            }
        }

        return copy;
    }

    private async Task AssertOpensAsync(PortalClient client)
    {
        using var queue = await client.Http.GetAsync("queue", Ct);
        Assert.True(queue.StatusCode == HttpStatusCode.OK, $"/queue: HTTP {(int)queue.StatusCode} to {queue.Headers.Location}");
        using var api = await client.Http.GetAsync($"api/complaints/{_complaintId}", Ct);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    private async Task AssertClosedAsync(PortalClient client)
    {
        using var queue = await client.Http.GetAsync("queue", Ct);
        Assert.Equal(HttpStatusCode.Redirect, queue.StatusCode);
        Assert.Contains("account/login", queue.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var api = await client.Http.GetAsync($"api/complaints/{_complaintId}", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    private static async Task SignOutAsync(PortalClient client)
    {
        var (action, fields) = await client.GetFormAsync("/", f => f.GetAttribute("action") == "account/logout", "action=account/logout", Ct);
        using var response = await client.Http.PostAsync(action, new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<string> LoginErrorAsync(PortalClient client, string email, string password)
    {
        using var response = await client.PostLoginAsync(email, password, cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PortalClient.ParseHtml(await response.Content.ReadAsStringAsync(Ct)).QuerySelector("[data-testid=login-error]")?.TextContent.Trim()
            ?? throw new InvalidOperationException($"No sign-in error for {email}.");
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }

    private async Task<PortalUser> FindAsync(string email)
    {
        await using var db = _app.Database.CreateContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Email == email, Ct);
    }

    private async Task<string> CreateUserAsync(string email, string role)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return email;
    }
}
