using Microsoft.Playwright;
using Zowor.Portal.Data;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static Zowor.Portal.Harness.PageSteps;

namespace Zowor.Portal.Tests.Browser;

/// <summary>P-91: an open circuit ends with the session, whether the user signed out elsewhere or an Admin deactivated them.</summary>
[Collection(PortalHostCollection.Name)]
public sealed class SessionJourneyTests(BrowserFixture browser) : BrowserJourney(browser), IClassFixture<BrowserFixture>
{
    private static readonly string AgentEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Agent);
    private static readonly string AdminEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Admin);

    [Fact]
    public async Task SignOutWithACopiedCookie_EndsTheOpenQueueCircuit_AtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, baseAddress) = await StartPortalAsync();
        var context = await NewContextAsync(baseAddress);
        var page = await OpenPageAsync(context, "session-signout-failed");
        await SignInAsync(page, AgentEmail, null);
        await page.GotoAsync("queue");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();

        // The same session from another machine (its cookie copied) signs out there.
        using var copy = PortalClient.Create(app);
        foreach (var cookie in await context.CookiesAsync())
        {
            copy.Cookies.Add(baseAddress, new System.Net.Cookie(cookie.Name, cookie.Value, "/"));
        }

        var (action, fields) = await copy.GetFormAsync("/", f => f.GetAttribute("action") == "account/logout", "the sign-out form", ct);
        using (await copy.Http.PostAsync(action, new FormUrlEncodedContent(fields), ct))
        {
        }

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("account/login"), new() { Timeout = 10_000 });
        await page.GotoAsync("queue");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("account/login"));
    }

    [Fact]
    public async Task AdminDeactivatesAnAgent_TheAgentsOpenCircuitEnds_AndTheAuditLogShowsIt()
    {
        var (app, baseAddress) = await StartPortalAsync();
        var agentContext = await NewContextAsync(baseAddress);
        var adminContext = await NewContextAsync(baseAddress);
        var agent = await OpenPageAsync(agentContext, "session-deactivate-failed-agent");
        var admin = await OpenPageAsync(adminContext, "session-deactivate-failed-admin");
        await SignInAsync(agent, AgentEmail, null);
        await agent.GotoAsync("queue");
        await Expect(agent.Locator("[data-interactive=true]")).ToBeVisibleAsync();

        await SignInAsync(admin, AdminEmail, baseAddress + "|" + AdminEmail);
        await admin.Locator("a[href='admin/users']").ClickAsync();
        await Expect(admin.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        var row = admin.Locator("[data-testid=users-table] tr", new() { HasText = AgentEmail });
        await row.Locator("[data-testid=deactivate]").ClickAsync();
        await Expect(row.Locator("[data-testid=deactivated-chip]")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(admin, "session-01-users-deactivated");

        await Expect(agent).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("account/login"), new() { Timeout = 10_000 });
        await Screenshots.SaveAsync(agent, "session-02-agent-signed-out");

        await admin.Locator("a[href='admin/audit']").ClickAsync();
        await Expect(admin.Locator("[data-testid=audit-line-action]", new() { HasText = "Deactivated an account" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(admin, "session-03-audit-log");
    }
}
