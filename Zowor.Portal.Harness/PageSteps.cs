using Microsoft.Playwright;
using Zowor.Portal.Data;
using static Microsoft.Playwright.Assertions;

namespace Zowor.Portal.Harness;

/// <summary>
/// Browser steps every journey needs: sign in with a demo account, open a page and wait for its circuit. The browser
/// tests use these instead of copies of their own; expectations wait as long as <c>Assertions.SetDefaultExpectTimeout</c>
/// says (the tests' BrowserFixture sets it).
/// </summary>
public static class PageSteps
{
    /// <summary>Signs in with the demo password and waits until the landing page is interactive.</summary>
    public static Task SignInAsync(IPage page, string email) => SignInAsync(page, email, totpAccount: null);

    /// <summary>
    /// Signs in with the demo password; an account with two factors (the demo Admin and CEO) then answers the code step
    /// with a code not used before for <paramref name="totpAccount"/> (see <see cref="Totp.NextCodeAsync"/>). Waits until
    /// the landing page is interactive.
    /// </summary>
    public static async Task SignInAsync(IPage page, string email, string? totpAccount)
    {
        await page.GotoAsync("account/login");
        await SubmitLoginAsync(page, email);
        if (totpAccount is not null)
        {
            await page.Locator("#code").FillAsync(await Totp.NextCodeAsync(DbSeeder.DemoAuthenticatorKey, totpAccount));
            await page.Locator("button[type=submit]").ClickAsync();
        }

        await WaitForInteractiveAsync(page);
    }

    /// <summary>Signs in an account with two factors (the demo Admin and CEO): password, then the authenticator code.</summary>
    public static async Task SignInWithCodeAsync(IPage page, string email)
    {
        await page.GotoAsync("account/login");
        await SubmitLoginAsync(page, email);
        await page.Locator("#code").FillAsync(Totp.Code(DbSeeder.DemoAuthenticatorKey));
        await page.Locator("button[type=submit]").ClickAsync();
        await WaitForInteractiveAsync(page);
    }

    /// <summary>Fills the open login page with <paramref name="email"/> and the demo password and submits it.</summary>
    public static async Task SubmitLoginAsync(IPage page, string email)
    {
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(DbSeeder.DemoPassword);
        await page.Locator("button[type=submit]").ClickAsync();
    }

    /// <summary>A full page load, then the Blazor circuit: nothing reacts to clicks before the layout says it is interactive.</summary>
    public static async Task GoToAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await WaitForInteractiveAsync(page);
    }

    public static Task WaitForInteractiveAsync(IPage page) =>
        Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();

    /// <summary>Marks the page's window; <see cref="IsMarkedAsync"/> then tells whether it was reloaded since (a reload drops the mark).</summary>
    public static Task MarkPageAsync(IPage page) => page.EvaluateAsync("() => { window.__zoworNotReloaded = true; }");

    public static Task<bool> IsMarkedAsync(IPage page) => page.EvaluateAsync<bool>("() => window.__zoworNotReloaded === true");
}
