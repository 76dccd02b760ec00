using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Realtime;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration;

/// <summary>
/// The authorization matrix, generated: every route of the app's own route table and every public method of
/// <see cref="ComplaintHub"/>, each tried by every role and by an anonymous visitor, against <see cref="AccessRules"/>.
/// A route or hub method without a rule fails <see cref="EveryRoute_HasADeclaredAccessRule"/> by name.
/// "Let through" means authorization did not stop the request: no 401/403 and no redirect to sign-in, access-denied or
/// two-factor enrolment carrying a return URL (what the cookie handler and the enrolment gate send).
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class AccessMatrixTests(AccessMatrixTests.Portal portal) : IClassFixture<AccessMatrixTests.Portal>
{
    private const string AnonymousName = "(anonymous)";

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static TheoryData<string, string> RouteCases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var rule in AccessRules.Routes)
            {
                foreach (var who in Principals)
                {
                    data.Add(rule.SamplePath, who);
                }
            }

            return data;
        }
    }

    public static TheoryData<int, string> HubCases
    {
        get
        {
            var data = new TheoryData<int, string>();
            for (var i = 0; i < AccessRules.HubMethods.Count; i++)
            {
                foreach (var who in Principals)
                {
                    data.Add(i, who);
                }
            }

            return data;
        }
    }

    private static IEnumerable<string> Principals => [AnonymousName, .. PortalRoles.All];

    [Fact]
    public void EveryRoute_HasADeclaredAccessRule()
    {
        var declared = AccessRules.Routes.Select(r => r.Pattern).ToHashSet(StringComparer.Ordinal);

        var missing = AppRoutes().Where(p => !declared.Contains(p)).ToList();

        Assert.True(missing.Count == 0,
            "These routes of the app have no access rule in Zowor.Portal.Tests/Integration/AccessRules.cs (add one line each, "
            + "with the roles that may reach it):\n  " + string.Join("\n  ", missing));
    }

    [Fact]
    public void EveryDeclaredRule_StillNamesARouteOfTheApp()
    {
        var routes = AppRoutes().ToHashSet(StringComparer.Ordinal);

        var stale = AccessRules.Routes.Where(r => !routes.Contains(r.Pattern)).Select(r => r.Pattern).ToList();

        Assert.True(stale.Count == 0, "Access rules for routes the app no longer has:\n  " + string.Join("\n  ", stale));
    }

    [Fact]
    public void EveryHubMethod_HasADeclaredAccessRule()
    {
        var methods = typeof(ComplaintHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == typeof(ComplaintHub))
            .Select(m => m.Name)
            .Distinct();

        var missing = methods.Where(m => AccessRules.HubMethods.All(r => r.Method != m)).ToList();

        Assert.True(missing.Count == 0, "ComplaintHub methods without a rule in AccessRules.HubMethods:\n  " + string.Join("\n  ", missing));
    }

    [Theory]
    [MemberData(nameof(RouteCases))]
    public async Task Route_ForEachRoleAndAnonymous_IsReachableExactlyAsDeclared(string samplePath, string who)
    {
        var rule = AccessRules.Routes.First(r => r.SamplePath == samplePath);
        var client = await portal.ClientForAsync(who);
        using var request = new HttpRequestMessage(new HttpMethod(rule.Method), samplePath.Replace("{complaint}", portal.ComplaintId.ToString(), StringComparison.Ordinal));
        if (rule.Method == "POST")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await client.Http.SendAsync(request, Ct);

        var expected = rule.Allowed.Contains(who);
        var letThrough = LetThrough(response);
        Assert.True(expected == letThrough,
            $"{rule.Method} {samplePath} as {who}: expected {(expected ? "allowed" : "refused")}, got {(int)response.StatusCode} {response.Headers.Location}");
    }

    [Theory]
    [MemberData(nameof(HubCases))]
    public async Task HubMethod_ForEachRoleAndAnonymous_IsCallableExactlyAsDeclared(int ruleIndex, string who)
    {
        var rule = AccessRules.HubMethods[ruleIndex];
        var expected = rule.Allowed.Contains(who);
        if (who == AnonymousName)
        {
            // No anonymous connection at all, so no method can be called.
            await using var anonymous = HubClient.Create(portal.Address, null, who);
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.Connection.StartAsync(Ct));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.False(expected, $"{rule.Method} is declared open to anonymous callers, but the hub refuses them.");
            return;
        }

        await using var hub = await HubClient.ConnectAsync(portal.Address, await portal.ClientForAsync(who), who, Ct);
        Exception? failure = null;
        try
        {
            await hub.Connection.InvokeCoreAsync(rule.Method, rule.Arguments, Ct);
        }
        catch (HubException ex)
        {
            failure = ex;
        }

        Assert.True(expected == (failure is null),
            $"{rule.Method}({string.Join(", ", rule.Arguments)}) as {who}: expected {(expected ? "allowed" : "refused")}, got {(failure is null ? "allowed" : failure.Message)}");
    }

    private IEnumerable<string> AppRoutes() =>
        portal.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'))
            .Where(p => !AccessRules.IsFrameworkOrStaticFile(p))
            .Distinct()
            .Order(StringComparer.Ordinal);

    private static bool LetThrough(HttpResponseMessage response)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return false;
        }

        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location)
        {
            var absolute = location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location);
            var gate = absolute.AbsolutePath is "/account/login" or "/account/access-denied" or TwoFactorEnrolment.EnrolmentPath;
            var returnUrl = QueryHelpers.ParseQuery(absolute.Query).Keys.Any(k => string.Equals(k, "returnUrl", StringComparison.OrdinalIgnoreCase));
            return !(gate && returnUrl);
        }

        return true;
    }

    /// <summary>One portal on Kestrel (the hub needs a real socket) with the demo data and one signed-in client per role.</summary>
    public sealed class Portal : IAsyncLifetime
    {
        private readonly Dictionary<string, PortalClient> _clients = [];

        public PortalAppFactory App { get; } = new();

        public Uri Address { get; private set; } = default!;

        public Guid ComplaintId { get; private set; }

        public async ValueTask InitializeAsync()
        {
            Address = await App.StartKestrelAsync();
            await using var db = App.Database.CreateContext();
            ComplaintId = await db.Complaints.OrderBy(c => c.Reference).Select(c => c.Id).FirstAsync();
        }

        public async Task<PortalClient> ClientForAsync(string who)
        {
            if (!_clients.TryGetValue(who, out var client))
            {
                client = who == AnonymousName
                    ? PortalClient.Create(App)
                    : await PortalClient.SignedInAsync(App, SeededPortalFixture.DemoEmailFor(who));
                _clients[who] = client;
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
}
