using Microsoft.Playwright;

namespace Zowor.Portal.Tests.Browser;

/// <summary>Full-page screenshots under <c>TestResults/screenshots/</c> in the repository root, for people to look at.</summary>
internal static class Screenshots
{
    private static readonly Lazy<string> Folder = new(() =>
        Directory.CreateDirectory(Path.Combine(Support.RepositoryRoot.Path, "TestResults", "screenshots")).FullName);

    /// <summary>Saves <paramref name="page"/> as <c>{name}.png</c>, replacing an older one.</summary>
    public static Task SaveAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Folder.Value, name + ".png"), FullPage = true });
}
