using System.Net;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration.Hosting;

/// <summary>
/// The portal behind a reverse proxy (issue 18), on Kestrel over real loopback sockets so that the peer address is real:
/// forwarded headers count only from the proxies named in <c>ForwardedHeaders:KnownProxies</c>, the public forms' rate
/// limit is keyed on the client address the trusted proxy reports (P-10, P-91), a 429 says when to try again, and in
/// Production a TLS-terminating proxy works while plain HTTP gets a clear refusal instead of a 500.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class BehindProxyTests
{
    private const string ForwardedFor = "X-Forwarded-For";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task P91_SpoofedForwardedFor_FromUntrustedPeer_IsIgnoredByTheRateLimiter()
    {
        // The only trusted proxy is elsewhere: this client (127.0.0.1) is not it, so its X-Forwarded-For counts for nothing.
        await using var app = await StartAsync(knownProxy: "192.0.2.10", permitLimit: 3);
        using var site = new PublicSite(app);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add(await SubmitAsAsync(site, $"203.0.113.{i + 1}", i));
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task P10_ForwardedFor_FromKnownProxy_KeysTheRateLimitOnTheReportedClient_And429CarriesRetryAfter()
    {
        await using var app = await StartAsync(knownProxy: "127.0.0.1", permitLimit: 2);
        using var site = new PublicSite(app);

        var first = new[] { await SubmitAsAsync(site, "198.51.100.7", 0), await SubmitAsAsync(site, "198.51.100.7", 1) };
        SetForwardedFor(site, "198.51.100.7");
        var (action, fields) = await site.Client.GetFormAsync("complain", "public-complaint", Ct);
        foreach (var (key, value) in PublicSite.ValidComplaint("third@example.com"))
        {
            fields[key] = value;
        }

        using var limited = await site.Client.Http.PostAsync(action, new FormUrlEncodedContent(fields), Ct);
        // Another customer behind the same proxy has a limit of their own.
        var other = await SubmitAsAsync(site, "198.51.100.8", 3);

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect], first);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = Assert.Single(limited.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 600);
        Assert.Contains("Too many requests", await limited.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, other);
    }

    [Fact]
    public async Task P91_Production_BehindTlsProxy_ServesAndAcceptsTheWebForm_PlainHttpIsRefusedClearly()
    {
        await using var app = await StartAsync(knownProxy: "127.0.0.1", permitLimit: 100, production: true);
        using var viaProxy = new ForwardedHttpsClient(app.ServerAddress!);

        // Plain HTTP (no proxy, or a proxy that does not say https): a page naming HTTPS, not a 500. Probes still answer.
        using var plain = new HttpClient { BaseAddress = app.ServerAddress };
        using var refused = await plain.GetAsync("complain", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("served over HTTPS only", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await plain.GetAsync("health/ready", Ct)).StatusCode);

        // Through the TLS-terminating proxy (X-Forwarded-Proto: https from the known proxy): every page with a form renders,
        // and the public form is accepted (secure antiforgery cookie and token).
        foreach (var path in new[] { "account/login", "complain", "track" })
        {
            using var page = await viaProxy.Http.GetAsync(path, Ct);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET /{path} through the proxy answered {(int)page.StatusCode}.");
        }

        var fields = await viaProxy.GetFormAsync(new Uri(app.ServerAddress!, "complain"), "public-complaint", Ct);
        foreach (var (key, value) in PublicSite.ValidComplaint("proxy@example.com"))
        {
            fields[key] = value;
        }

        using var submitted = await viaProxy.PostAsync(new Uri(app.ServerAddress!, "complain"), new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Contains("/complain/", submitted.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task P91_Production_ForwardedProto_FromUntrustedPeer_IsRefusedAsPlainHttp()
    {
        await using var app = await StartAsync(knownProxy: "192.0.2.10", permitLimit: 100, production: true);
        using var spoofing = new ForwardedHttpsClient(app.ServerAddress!);

        using var response = await spoofing.Http.GetAsync("complain", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<PortalAppFactory> StartAsync(string knownProxy, int permitLimit, bool production = false)
    {
        var settings = new Dictionary<string, string?>
        {
            // One value (a comma-separated list is read too); the nodes of the nginx test use the array form.
            ["ForwardedHeaders:KnownProxies"] = knownProxy,
            // What the issue found: with this on, ASP.NET Core alone trusts an X-Forwarded-For from anyone.
            ["FORWARDEDHEADERS_ENABLED"] = "true",
            ["PublicForms:PermitLimit"] = permitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PublicForms:WindowSeconds"] = "600",
        };
        if (production)
        {
            // The factory's Development is a host setting too; this one comes later and wins.
            settings["environment"] = "Production";
            settings["Database:SeedDemoData"] = "false";
        }

        var app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false, Settings = settings });
        try
        {
            await app.StartKestrelAsync(production ? CancellationToken.None : Ct);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static async Task<HttpStatusCode> SubmitAsAsync(PublicSite site, string client, int n)
    {
        SetForwardedFor(site, client);
        using var response = await site.SubmitComplaintAsync(PublicSite.ValidComplaint($"customer{n}@example.com"), Ct);
        return response.StatusCode;
    }

    private static void SetForwardedFor(PublicSite site, string client)
    {
        site.Client.Http.DefaultRequestHeaders.Remove(ForwardedFor);
        site.Client.Http.DefaultRequestHeaders.Add(ForwardedFor, client);
    }
}
