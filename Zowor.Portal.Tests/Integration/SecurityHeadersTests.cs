using System.Net;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration;

/// <summary>Security headers on every route of the route table (AccessRules), signed in or not; health endpoints.</summary>
[Collection(PortalHostCollection.Name)]
public sealed class SecurityHeadersTests(SeededPortalFixture portal) : IClassFixture<SeededPortalFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static TheoryData<string, bool> Pages
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (var rule in AccessRules.Routes.Where(r => r.Method == "GET"))
            {
                data.Add(rule.SamplePath, false);
                data.Add(rule.SamplePath, true);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Get_AnyRoute_CarriesTheSecurityHeaders(string samplePath, bool signedIn)
    {
        using var anonymous = PortalClient.Create(portal.App);
        var client = signedIn ? await portal.ClientForAsync(PortalRoles.Csm, Ct) : anonymous;

        using var response = await client.Http.GetAsync(samplePath.Replace("{complaint}", portal.SeededComplaintId.ToString(), StringComparison.Ordinal), Ct);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        if (!samplePath.StartsWith("/hangfire", StringComparison.Ordinal))
        {
            Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'", csp);
        }

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Get_Page_ImportMapCarriesTheResponsesNonce()
    {
        using var client = PortalClient.Create(portal.App);

        var (response, document) = await client.GetPageAsync("/account/login", Ct);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var nonce = document.QuerySelector("script[type=importmap]")?.GetAttribute("nonce");
        Assert.False(string.IsNullOrEmpty(nonce));
        Assert.Contains($"'nonce-{nonce}'", csp, StringComparison.Ordinal);
        response.Dispose();
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Get_HealthEndpoint_AnonymouslyAnswersHealthyAndNothingMore(string path)
    {
        using var client = PortalClient.Create(portal.App);

        using var response = await client.Http.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
    }
}
