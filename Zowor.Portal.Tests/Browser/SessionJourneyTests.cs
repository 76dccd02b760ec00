using Microsoft.Playwright;
using Zowor.Portal.Data;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static Zowor.Portal.Harness.PageSteps;

namespace Zowor.Portal.Tests.Browser;

/// <summary>P-91: an open circuit ends with the session, whether the user signed out elsewhere or an Admin deactivated them.</summary>
[Collection(PortalHostCollection.Name)]
public sealed class SessionJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string AgentEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Agent);
    private static readonly string AdminEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Admin);

    [Fact]
    public async Task SignOutWithACopiedCookie_EndsTheOpenQueueCircuit_AtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new PortalAppFactory();
        var baseAddress = await app.StartKestrelAsync(ct);
        await using var context = await browser.NewContextAsync(baseAddress);
        var page = await context.NewPageAsync();
        try
        {
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
        catch
        {
            await Screenshots.SaveAsync(page, "session-signout-failed");
            throw;
        }
    }

    [Fact]
    public async Task AdminDeactivatesAnAgent_TheAgentsOpenCircuitEnds_AndTheAuditLogShowsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new PortalAppFactory();
        var baseAddress = await app.StartKestrelAsync(ct);
        await using var agentContext = await browser.NewContextAsync(baseAddress);
        await using var adminContext = await browser.NewContextAsync(baseAddress);
        var agent = await agentContext.NewPageAsync();
        var admin = await adminContext.NewPageAsync();
        try
        {
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
        catch
        {
            await Screenshots.SaveAsync(agent, "session-deactivate-failed-agent");
            await Screenshots.SaveAsync(admin, "session-deactivate-failed-admin");
            throw;
        }
    }
}
