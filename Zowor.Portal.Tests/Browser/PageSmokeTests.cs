using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Zowor.Portal.Data;
using Zowor.Portal.Features.Reviews;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Integration;
using Zowor.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Zowor.Portal.Tests.Browser;

/// <summary>
/// Every page × every role that may open it × both cultures, generated from the app's route table (the Blazor routable
/// components) and <see cref="AccessRules"/>: each is rendered in chromium against one portal with the Development demo
/// data, and must show no error UI (Blazor's error bar, an error snackbar, the reconnect dialog, an access-denied notice
/// on a page the role may open), cause no browser error and no Error-level line in the server's log, and link the role
/// to no page it may not open (PRODUCT.md: every page works for every role; authorization on the server). One portal,
/// one browser, one sign-in per role; a page's failure names the page, the role and the culture.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class PageSmokeTests(BrowserFixture browser, PageSmokeTests.Portal portal)
    : IClassFixture<BrowserFixture>, IClassFixture<PageSmokeTests.Portal>
{
    private static readonly string[] Cultures = ["en", "ru"];

    /// <summary>The Blazor route table: the route templates of the portal's routable components.</summary>
    public static IReadOnlyList<string> PageRoutes { get; } = typeof(Program).Assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t))
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => "/" + r.Template.TrimStart('/')))
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>(role, culture, page) for every page the role may open, grouped by role and culture (one browser tab each).</summary>
    public static TheoryData<string, string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var role in PortalRoles.All)
            {
                foreach (var culture in Cultures)
                {
                    foreach (var route in PageRoutes.Where(r => Rule(r)?.Allowed.Contains(role) ?? true))
                    {
                        data.Add(role, culture, route);
                    }
                }
            }

            return data;
        }
    }

    [Fact]
    public void EveryPage_HasAnAccessRuleAndASamplePath()
    {
        var missing = PageRoutes.Where(r => Rule(r) is null || !Portal.HasSample(r)).ToList();

        Assert.True(missing.Count == 0,
            "Pages without an access rule (Integration/AccessRules.cs) or a sample path (PageSmokeTests.Portal.SamplePath):\n  " + string.Join("\n  ", missing));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Page_OpenedByRoleInCulture_ShowsNoErrorAndLinksOnlyToPagesTheRoleMayOpen(string role, string culture, string route)
    {
        var tab = await portal.TabForAsync(browser, role, culture);
        var path = portal.SamplePath(route);
        var problems = new List<string>();
        tab.BrowserErrors.Clear();
        var logMark = portal.Logs.Mark;

        var response = await tab.Page.GotoAsync(path.TrimStart('/'));
        if (response is { Ok: false })
        {
            problems.Add($"HTTP {response.Status} for {response.Url}");
        }

        if (await tab.Page.Locator("[data-interactive]").CountAsync() > 0)
        {
            // An interactive page: wait for its circuit, then give its first data loads a moment to finish or fail.
            await Expect(tab.Page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
            await tab.Page.WaitForTimeoutAsync(300);
        }

        await CheckErrorUiAsync(tab.Page, problems);
        var lang = await tab.Page.Locator("html").GetAttributeAsync("lang");
        if (lang != culture)
        {
            problems.Add($"the page is in \"{lang}\", not in {culture}");
        }

        problems.AddRange(tab.BrowserErrors.Select(e => "browser: " + e));
        problems.AddRange(portal.Logs.Since(logMark).Select(e => "server log: " + e));
        problems.AddRange(await ForbiddenLinksAsync(tab.Page, role));

        if (problems.Count > 0)
        {
            await Screenshots.SaveAsync(tab.Page, $"smoke-{role}-{culture}-{Slug(route)}");
        }

        Assert.True(problems.Count == 0, $"{route} ({path}) as {role} in {culture}:\n  " + string.Join("\n  ", problems));
    }

    private static async Task CheckErrorUiAsync(IPage page, List<string> problems)
    {
        if (await page.Locator("#blazor-error-ui").IsVisibleAsync())
        {
            problems.Add("Blazor's error bar (#blazor-error-ui) is shown");
        }

        if (await page.Locator("#components-reconnect-modal[open]").CountAsync() > 0)
        {
            problems.Add("the reconnect dialog is open (the circuit failed)");
        }

        if (await page.Locator("[data-testid=access-denied]").IsVisibleAsync())
        {
            problems.Add("the page says access denied, though the role may open it");
        }

        foreach (var snackbar in await page.Locator(".mud-snackbar.mud-alert-filled-error, .mud-snackbar.mud-alert-text-error, .mud-snackbar.mud-alert-outlined-error").AllAsync())
        {
            problems.Add("error snackbar: " + (await snackbar.TextContentAsync())?.Trim());
        }
    }

    /// <summary>Every same-site link on the page (navigation, buttons with an address, plain links) the role may follow.</summary>
    private static async Task<IEnumerable<string>> ForbiddenLinksAsync(IPage page, string role)
    {
        var hrefs = await page.EvalOnSelectorAllAsync<string[]>("a[href]", "links => links.map(a => a.href)");
        var origin = new Uri(page.Url).GetLeftPart(UriPartial.Authority);
        var problems = new List<string>();
        foreach (var href in hrefs.Distinct(StringComparer.Ordinal))
        {
            if (!Uri.TryCreate(href, UriKind.Absolute, out var target) || target.GetLeftPart(UriPartial.Authority) != origin)
            {
                continue;
            }

            var linkPath = target.AbsolutePath.Length > 1 ? target.AbsolutePath.TrimEnd('/') : target.AbsolutePath;
            var rule = AccessRules.Routes.FirstOrDefault(r => r.Method == "GET" && PatternRegex(r.Pattern).IsMatch(linkPath));
            if (rule is null)
            {
                problems.Add($"links to {linkPath}, which no route of the app serves");
            }
            else if (!rule.Allowed.Contains(role))
            {
                problems.Add($"links to {linkPath} ({rule.Pattern}), which {role} may not open");
            }
        }

        return problems;
    }

    private static RouteRule? Rule(string route) => AccessRules.Routes.FirstOrDefault(r => r.Pattern == route && r.Method == "GET");

    /// <summary>A route pattern as a regular expression over a path: <c>{x:guid}</c>, <c>{x:int}</c>, <c>{x}</c>, <c>{x?}</c>, <c>{**x}</c>.</summary>
    private static Regex PatternRegex(string pattern)
    {
        var regex = new System.Text.StringBuilder("^");
        foreach (var segment in pattern.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            regex.Append(segment switch
            {
                _ when segment.StartsWith("{**", StringComparison.Ordinal) => "(?:/.*)?",
                _ when segment.StartsWith('{') && segment.EndsWith("?}", StringComparison.Ordinal) => "(?:/[^/]+)?",
                _ when segment.StartsWith('{') && segment.Contains(":guid", StringComparison.Ordinal) => "/[0-9a-fA-F-]{36}",
                _ when segment.StartsWith('{') && segment.Contains(":int", StringComparison.Ordinal) => "/[0-9]+",
                _ when segment.StartsWith('{') => "/[^/]+",
                _ => "/" + Regex.Escape(segment),
            });
        }

        return new Regex(regex.Length == 1 ? "^/$" : regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    private static string Slug(string route) => Regex.Replace(route, "[^a-zA-Z0-9]+", "-").Trim('-') is { Length: > 0 } slug ? slug : "home";

    /// <summary>One browser tab signed in as a role, in one culture, and the browser errors it reported.</summary>
    public sealed record Tab(string Role, IBrowserContext Context, IPage Page, List<string> BrowserErrors);

    /// <summary>One portal on Kestrel with the demo data and a review pack; its Error-level log lines; one tab per role and culture.</summary>
    public sealed class Portal : IAsyncLifetime
    {
        private readonly Dictionary<(string Role, string Culture), Tab> _tabs = [];
        private readonly Dictionary<string, string> _samples = new(StringComparer.Ordinal);

        public Portal()
        {
            App = new PortalAppFactory(new PortalAppOptions { ConfigureServices = services => services.AddSingleton<ILoggerProvider>(Logs) });
        }

        public ServerLogCollector Logs { get; } = new();

        public PortalAppFactory App { get; }

        public Uri Address { get; private set; } = default!;

        /// <summary>Routes whose sample path needs no data (parameterless, or a value any request may carry).</summary>
        public static bool HasSample(string route) => !route.Contains('{', StringComparison.Ordinal) || DataRoutes.Contains(route);

        private static readonly string[] DataRoutes =
        [
            "/complaints/{Id:guid}", "/reviews/{Id:int}", "/memos/{Id:guid}", "/capa/{Id:guid}", "/complain/received/{Reference?}", "/survey/{Token}",
        ];

        public string SamplePath(string route) => _samples.TryGetValue(route, out var path) ? path
            : !route.Contains('{', StringComparison.Ordinal) ? route
            : throw new InvalidOperationException($"No sample path for {route}: add one to PageSmokeTests.Portal.");

        public async ValueTask InitializeAsync()
        {
            var ct = TestContext.Current.CancellationToken;
            Address = await App.StartKestrelAsync(ct);
            await using (var scope = App.Services.CreateAsyncScope())
            {
                // P-63: last month's pack, as the job makes it on the 1st (tests run no job server).
                await scope.ServiceProvider.GetRequiredService<ReviewPackJob>().RunMonthlyAsync(ct);
            }

            await using var db = App.Database.CreateContext();
            // The richest demo case: the most timeline entries (contacts, e-mails, escalations).
            var complaint = await db.Complaints.OrderByDescending(c => c.History.Count).ThenBy(c => c.Reference)
                .Select(c => new { c.Id, c.Reference }).FirstAsync(ct);
            _samples["/complaints/{Id:guid}"] = $"/complaints/{complaint.Id}";
            _samples["/complain/received/{Reference?}"] = $"/complain/received/{complaint.Reference}";
            _samples["/reviews/{Id:int}"] = $"/reviews/{await db.Set<ReviewPack>().MaxAsync(p => p.Id, ct)}";
            _samples["/memos/{Id:guid}"] = $"/memos/{await db.Memos.OrderBy(m => m.PublishedAt).Select(m => m.Id).FirstAsync(ct)}";
            _samples["/capa/{Id:guid}"] = $"/capa/{await db.Capas.OrderBy(c => c.Number).Select(c => c.Id).FirstAsync(ct)}";
            // Survey links carry a token stored only as its hash: a stale link is what a customer can really open.
            _samples["/survey/{Token}"] = "/survey/not-a-token";
            // Global search with results on the demo data (issue 17).
            _samples["/search"] = "/search?q=kettle";
        }

        /// <summary>The tab for a role and culture: the role signs in once; its second culture starts from the same cookies.</summary>
        public async Task<Tab> TabForAsync(BrowserFixture browser, string role, string culture)
        {
            if (_tabs.TryGetValue((role, culture), out var tab))
            {
                return tab;
            }

            var signedIn = _tabs.Values.FirstOrDefault(t => t.Role == role);
            IBrowserContext context;
            if (signedIn is null)
            {
                context = await browser.NewContextAsync(Address);
                await SignInAsync(await context.NewPageAsync(), role);
            }
            else
            {
                var state = await signedIn.Context.StorageStateAsync();
                context = await browser.Browser.NewContextAsync(new()
                {
                    BaseURL = Address.ToString(),
                    Locale = "en-US",
                    ViewportSize = new() { Width = 1440, Height = 900 },
                    StorageState = state,
                });
                context.SetDefaultTimeout(BrowserFixture.TimeoutMs);
                context.SetDefaultNavigationTimeout(BrowserFixture.TimeoutMs * 2);
                await context.NewPageAsync();
            }

            var page = context.Pages[0];
            await page.GotoAsync($"culture/set?culture={culture}&redirectUri=%2F");
            var errors = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    errors.Add(message.Text);
                }
            };
            page.PageError += (_, error) => errors.Add(error);
            tab = new Tab(role, context, page, errors);
            _tabs[(role, culture)] = tab;
            return tab;
        }

        /// <summary>Admin and CEO sign in with two factors (the demo authenticator key), a code per portal and role.</summary>
        private Task SignInAsync(IPage page, string role) =>
            PageSteps.SignInAsync(page, SeededPortalFixture.DemoEmailFor(role),
                role is PortalRoles.Ceo or PortalRoles.Admin ? Address.GetLeftPart(UriPartial.Authority) + "|" + role : null);

        public async ValueTask DisposeAsync()
        {
            foreach (var tab in _tabs.Values)
            {
                try
                {
                    await tab.Context.DisposeAsync();
                }
                catch (PlaywrightException)
                {
                    // The browser fixture may have closed the browser first, and its contexts with it.
                }
            }

            await App.DisposeAsync();
        }
    }
}
