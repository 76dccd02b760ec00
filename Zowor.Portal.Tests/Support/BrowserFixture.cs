using Microsoft.Playwright;

namespace Zowor.Portal.Tests.Support;

/// <summary>
/// One headless Debian chromium (<see cref="Chromium"/>, the harness's launch) for a browser test class, launched once
/// and shared by its tests; each test opens its own <see cref="NewContextAsync">context</see> (fresh cookies) against
/// its own portal.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>How long an action or an expectation waits: a cold Blazor circuit on a busy machine takes a few seconds.</summary>
    public const float TimeoutMs = 15_000;

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not been launched yet.");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium.ExecutablePath))
        {
            throw new InvalidOperationException($"Browser tests need Debian chromium at {Chromium.ExecutablePath} (apt-get install -y chromium).");
        }

        Assertions.SetDefaultExpectTimeout(TimeoutMs);
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>
    /// A fresh browser context (no cookies) whose relative URLs resolve against <paramref name="baseAddress"/>, in English
    /// (the portal picks its culture from Accept-Language) and at a desktop size.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseAddress)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = baseAddress.ToString(),
            Locale = "en-US",
            ViewportSize = new() { Width = 1440, Height = 900 },
        });
        context.SetDefaultTimeout(TimeoutMs);
        context.SetDefaultNavigationTimeout(TimeoutMs * 2);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
