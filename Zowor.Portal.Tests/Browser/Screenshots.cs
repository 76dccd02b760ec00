using Microsoft.Playwright;

namespace Zowor.Portal.Tests.Browser;

/// <summary>Full-page screenshots under <c>TestResults/screenshots/</c> in the repository root, for people to look at.</summary>
internal static class Screenshots
{
    private static readonly Lazy<string> Folder = new(() =>
        Directory.CreateDirectory(Path.Combine(RepositoryRoot.Path, "TestResults", "screenshots")).FullName);

    /// <summary>Saves <paramref name="page"/> as <c>{name}.png</c>, replacing an older one.</summary>
    public static async Task SaveAsync(IPage page, string name)
    {
        // An open menu fades in: taken at once, it showed half-transparent over the page. Wait for the fade, briefly;
        // a picture is still taken if it never ends.
        try
        {
            await page.WaitForFunctionAsync(
                "() => [...document.querySelectorAll('.mud-popover-open')].every(p => getComputedStyle(p).opacity === '1')",
                null, new() { Timeout = 2000 });
        }
        catch (TimeoutException)
        {
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder.Value, name + ".png"), FullPage = true });
    }
}
