using System.Net;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration;

/// <summary>
/// The Hangfire dashboard at /hangfire shows and triggers the deadline jobs (issue 4): Admin only. Anonymous users and
/// every other role are refused on every dashboard path, GET or POST, before Hangfire renders or does anything.
/// Real HTTP with cookie sign-in, so the clock is the real one.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class JobDashboardTests(SeededPortalFixture portal) : IClassFixture<SeededPortalFixture>
{
    /// <summary>The dashboard's title (Platform/Hosting/BackgroundJobs.MapJobDashboard): only the dashboard itself renders it.</summary>
    private const string DashboardTitle = "Zowor Portal jobs";

    private static readonly string[] Paths = ["/hangfire", "/hangfire/", "/hangfire/jobs/enqueued", "/hangfire/recurring", "/hangfire/servers"];

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static TheoryData<string> DashboardPaths => new(Paths);

    public static TheoryData<string, string> NonAdminRolesAndPaths
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var role in PortalRoles.All.Where(r => r != PortalRoles.Admin))
            {
                foreach (var path in Paths)
                {
                    data.Add(role, path);
                }
            }

            return data;
        }
    }

    public static TheoryData<string> NonAdminRoles => new(PortalRoles.All.Where(r => r != PortalRoles.Admin));

    [Theory]
    [MemberData(nameof(DashboardPaths))]
    public async Task Get_DashboardAnonymously_IsRefusedWithLoginRedirectOr401(string path)
    {
        using var anonymous = PortalClient.Create(portal.App);

        using var response = await anonymous.Http.GetAsync(path, Ct);

        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(DashboardTitle, body, StringComparison.Ordinal);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Equal("/account/login", Absolute(response.Headers.Location).AbsolutePath);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(NonAdminRolesAndPaths))]
    public async Task Get_DashboardAsNonAdminRole_IsRefusedWithAccessDeniedRedirectOr403(string role, string path)
    {
        var client = await portal.ClientForAsync(role, Ct);

        using var response = await client.Http.GetAsync(path, Ct);

        AssertRefusedSignedIn(response, await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(NonAdminRoles))]
    public async Task Post_DashboardCommandAsNonAdminRole_IsRefused(string role)
    {
        // Triggering a recurring job is a dashboard command; only an Admin may run one.
        var client = await portal.ClientForAsync(role, Ct);

        using var trigger = await client.Http.PostAsync("/hangfire/recurring/trigger",
            new FormUrlEncodedContent([new("jobs[]", "deadline-scan")]), Ct);
        using var stats = await client.Http.PostAsync("/hangfire/stats", new FormUrlEncodedContent([]), Ct);

        AssertRefusedSignedIn(trigger, await trigger.Content.ReadAsStringAsync(Ct));
        AssertRefusedSignedIn(stats, await stats.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Post_DashboardCommandAnonymously_IsRefused()
    {
        using var anonymous = PortalClient.Create(portal.App);

        using var response = await anonymous.Http.PostAsync("/hangfire/stats", new FormUrlEncodedContent([]), Ct);

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, $"HTTP {(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Equal("/account/login", Absolute(response.Headers.Location).AbsolutePath);
        }
    }

    [Theory]
    [MemberData(nameof(DashboardPaths))]
    public async Task Get_DashboardAsAdmin_RendersTheHangfireDashboard(string path)
    {
        var admin = await portal.ClientForAsync(PortalRoles.Admin, Ct);

        var (response, document) = await admin.GetPageAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(DashboardTitle, document.Title, StringComparison.Ordinal);
        Assert.NotNull(document.QuerySelector("a[href*='/hangfire/recurring']"));
    }

    private static void AssertRefusedSignedIn(HttpResponseMessage response, string body)
    {
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(DashboardTitle, body, StringComparison.Ordinal);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Equal("/account/access-denied", Absolute(response.Headers.Location).AbsolutePath);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    private static Uri Absolute(Uri? location) =>
        location is null ? throw new InvalidOperationException("The redirect has no Location.") : location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location);
}
