using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Zowor.Portal.Tests.Browser;

/// <summary>Steps on a CAPA's page, shared by the CAPA journeys.</summary>
internal static class CapaPageSteps
{
    /// <summary>Clicks the workflow step <paramref name="step"/> and waits until the header shows <paramref name="expectedStatus"/>.</summary>
    public static async Task StepAsync(IPage page, string step, string expectedStatus)
    {
        await page.Locator($"[data-testid=capa-step-{step}]").ClickAsync();
        await ExpectStatusAsync(page, expectedStatus);
    }

    public static Task ExpectStatusAsync(IPage page, string status) =>
        Expect(page.Locator("[data-testid=capa-header] [data-testid=capa-status]")).ToHaveAttributeAsync("data-status", status);
}
