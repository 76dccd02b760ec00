using Microsoft.Playwright;

namespace Zowor.Portal.Harness;

/// <summary>
/// Debian's chromium (<c>/usr/bin/chromium</c>), headless, with the arguments ENVIRONMENT.md names: the one launch of the
/// browser tests and the benchmarks. Playwright's bundled browsers are never installed here.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
}
