using Microsoft.Playwright;
using Zowor.Portal.Data;
using static Microsoft.Playwright.Assertions;

namespace Zowor.Portal.Tests.Support;

/// <summary>Browser steps every journey needs: sign in with a demo account, open a page and wait for its circuit.</summary>
internal static class PageSteps
{
    /// <summary>Signs in with the demo password and waits until the landing page is interactive.</summary>
    public static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("account/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(DbSeeder.DemoPassword);
        await page.Locator("button[type=submit]").ClickAsync();
        await WaitForInteractiveAsync(page);
    }

    /// <summary>Signs in an account with two factors (the demo Admin and CEO): password, then the authenticator code.</summary>
    public static async Task SignInWithCodeAsync(IPage page, string email)
    {
        await page.GotoAsync("account/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(DbSeeder.DemoPassword);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.Locator("#code").FillAsync(Totp.Code(DbSeeder.DemoAuthenticatorKey));
        await page.Locator("button[type=submit]").ClickAsync();
        await WaitForInteractiveAsync(page);
    }

    /// <summary>A full page load, then the Blazor circuit: nothing reacts to clicks before the layout says it is interactive.</summary>
    public static async Task GoToAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await WaitForInteractiveAsync(page);
    }

    public static Task WaitForInteractiveAsync(IPage page) =>
        Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
}
