using Microsoft.Playwright;

namespace Zowor.Portal.Tests.Browser;

/// <summary>Full-page screenshots under <c>TestResults/screenshots/</c> in the repository root, for people to look at.</summary>
internal static class Screenshots
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Zowor.Portal.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException($"No Zowor.Portal.sln above {AppContext.BaseDirectory}.");
        }

        return Directory.CreateDirectory(Path.Combine(root.FullName, "TestResults", "screenshots")).FullName;
    });

    /// <summary>Saves <paramref name="page"/> as <c>{name}.png</c>, replacing an older one.</summary>
    public static Task SaveAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Folder.Value, name + ".png"), FullPage = true });
}
