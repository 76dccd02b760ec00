using Microsoft.Playwright;
using Xunit.Sdk;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Browser;

/// <summary>
/// The set-up every journey test shared: a portal of its own on Kestrel, browser contexts against it, and a screenshot of
/// each page when the test fails. Pages are photographed when xunit disposes the test class, where the test's result is
/// known (<see cref="ITestContext.TestState"/>), so a journey needs no try/catch of its own; then the contexts and the
/// portal are disposed, newest first.
/// </summary>
public abstract class BrowserJourney(BrowserFixture browser) : IAsyncDisposable
{
    private readonly List<(IPage Page, string Name)> _pages = [];
    private readonly List<IAsyncDisposable> _owned = [];

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts a portal (its own database, the demo data unless <paramref name="options"/> say otherwise) on Kestrel.</summary>
    protected async Task<(PortalAppFactory App, Uri Address)> StartPortalAsync(PortalAppOptions? options = null)
    {
        var app = new PortalAppFactory(options);
        _owned.Add(app);
        return (app, await app.StartKestrelAsync(Ct));
    }

    /// <summary>A browser context of its own (fresh cookies) against <paramref name="address"/>, disposed with the test.</summary>
    protected async Task<IBrowserContext> NewContextAsync(Uri address)
    {
        var context = await browser.NewContextAsync(address);
        _owned.Add(context);
        return context;
    }

    /// <summary>A page in a new context; saved as <c>{failureName}.png</c> if the test fails.</summary>
    protected async Task<IPage> OpenPageAsync(Uri address, string failureName) =>
        await OpenPageAsync(await NewContextAsync(address), failureName);

    /// <summary>Another page in <paramref name="context"/> (same sign-in); saved as <c>{failureName}.png</c> if the test fails.</summary>
    protected async Task<IPage> OpenPageAsync(IBrowserContext context, string failureName)
    {
        var page = await context.NewPageAsync();
        _pages.Add((page, failureName));
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            foreach (var (page, name) in _pages.Where(p => !p.Page.IsClosed))
            {
                await Screenshots.SaveAsync(page, name);
            }
        }

        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
