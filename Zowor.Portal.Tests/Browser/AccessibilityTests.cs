using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Integration;
using Zowor.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Zowor.Portal.Tests.Browser;

/// <summary>
/// axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) on every page of the page smoke test's page × role list, in English
/// and Russian (issue 20: WCAG 2.2 AA on every page, public and staff, in both languages). A serious or critical
/// violation fails the role's case, naming the page, the role, the culture, the rule and each offending node's target.
/// One portal (the page smoke test's, with the demo data), one browser, one sign-in per role; the public pages (the ones
/// anyone may open) are checked signed out, as a customer sees them, and once more by every staff role through its own
/// layout only where the page looks different signed in.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser, PageSmokeTests.Portal portal)
    : IClassFixture<BrowserFixture>, IClassFixture<PageSmokeTests.Portal>
{
    private const string SignedOut = "(anonymous)";

    private static readonly string[] Cultures = ["en", "ru"];

    /// <summary>The WCAG A and AA rule sets of axe-core (best practices are not part of the bar).</summary>
    private static readonly List<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

    private static readonly HashSet<string> Failing = new(StringComparer.Ordinal) { "serious", "critical" };

    /// <summary>Signed out, then every staff role: one test case each, covering both cultures.</summary>
    public static TheoryData<string> Roles => new([SignedOut, .. PortalRoles.All]);

    /// <summary>The pages a role opens here: a staff role its staff pages, signed out the pages anyone may open.</summary>
    public static IReadOnlyList<string> PagesFor(string role) => PageSmokeTests.PageRoutes
        .Where(route => AccessRules.Routes.FirstOrDefault(r => r.Pattern == route && r.Method == "GET") is { } rule
            && (role == SignedOut ? rule.Allowed.Contains(SignedOut) : rule.Allowed.Contains(role) && !rule.Allowed.Contains(SignedOut)))
        .ToList();

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryPage_OpenedByRoleInBothCultures_HasNoSeriousOrCriticalAxeViolation(string role)
    {
        // One tab per culture (the second starts from the first's sign-in), both cultures scanned side by side.
        var pages = new List<(string Culture, IPage Page)>();
        foreach (var culture in Cultures)
        {
            pages.Add((culture, await PageForAsync(role, culture)));
        }

        var results = await Task.WhenAll(pages.Select(p => ScanAsync(role, p.Culture, p.Page)));
        var problems = results.SelectMany(r => r.Problems).ToList();

        // The whole list for people to read (the assertion message may be cut by the runner), and how long each page took.
        var report = Directory.CreateDirectory(Path.Combine(RepositoryRoot.Path, "TestResults", "axe")).FullName;
        await File.WriteAllLinesAsync(Path.Combine(report, Slug(role) + ".txt"), problems, TestContext.Current.CancellationToken);
        await File.WriteAllLinesAsync(Path.Combine(report, Slug(role) + "-timings.txt"), results.SelectMany(r => r.Timings), TestContext.Current.CancellationToken);

        Assert.True(problems.Count == 0, $"{problems.Count} serious or critical axe violation(s):\n  " + string.Join("\n  ", problems));
    }

    private async Task<(List<string> Problems, List<string> Timings)> ScanAsync(string role, string culture, IPage page)
    {
        var problems = new List<string>();
        var timings = new List<string>();
        foreach (var route in PagesFor(role))
        {
            var path = portal.SamplePath(route);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await page.GotoAsync(path.TrimStart('/'));
            if (await page.Locator("[data-interactive]").CountAsync() > 0)
            {
                // An interactive page: wait for its circuit, then give its first data loads a moment.
                await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
                await page.WaitForTimeoutAsync(300);
            }

            var loaded = watch.ElapsedMilliseconds;
            var found = await SeriousViolationsAsync(page);
            timings.Add($"{culture} {route}: load {loaded} ms, axe {watch.ElapsedMilliseconds - loaded} ms");
            problems.AddRange(found.Select(v => $"{route} ({path}) as {role} in {culture}: {v}"));
        }

        return (problems, timings);
    }

    /// <summary>Runs axe on the page as it stands and describes each serious or critical violation, one line per rule.</summary>
    internal static async Task<List<string>> SeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags },
            ResultTypes = [ResultType.Violations],
        });

        return result.Violations
            .Where(v => v.Impact is not null && Failing.Contains(v.Impact))
            .Select(v => $"[{v.Impact}] {v.Id} ({v.Help}) at "
                + string.Join(", ", v.Nodes.Take(5).Select(n => $"{n.Target} {Short(n.Html)}"))
                + (v.Nodes.Length > 5 ? $" and {v.Nodes.Length - 5} more" : ""))
            .ToList();
    }

    private async Task<IPage> PageForAsync(string role, string culture)
    {
        if (role != SignedOut)
        {
            return (await portal.TabForAsync(browser, role, culture)).Page;
        }

        var context = await browser.NewContextAsync(portal.Address);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"culture/set?culture={culture}&redirectUri=%2Fcomplain");
        return page;
    }

    private static string Short(string? html) => html is null ? "" : html.Length <= 120 ? html : html[..120] + "…";

    private static string Slug(string value) =>
        System.Text.RegularExpressions.Regex.Replace(value, "[^a-zA-Z0-9]+", "-").Trim('-') is { Length: > 0 } slug ? slug : "home";
}
