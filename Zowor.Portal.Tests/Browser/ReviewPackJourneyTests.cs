using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Zowor.Portal.Features.Reviews;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Zowor.Portal.Tests.Browser;

/// <summary>
/// P-63 in a browser on the demo data: Quality opens a monthly pack (the demo makes one per month of its history),
/// sees its CAPA and satisfaction sections, signs it off as Quality, and downloads its PDF; then opens the
/// effectiveness figures (P-61) with their definitions.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class ReviewPackJourneyTests(BrowserFixture browser) : BrowserJourney(browser), IClassFixture<BrowserFixture>
{
    private static readonly string QualityEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Quality);

    [Fact]
    public async Task Quality_OpensAMonthlyPack_SignsOff_DownloadsThePdf_P63()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, baseAddress) = await StartPortalAsync();
        int packId;
        await using (var db = app.Database.CreateContext())
        {
            // The latest monthly pack: the demo's first one is already signed by Quality, this one is not.
            packId = await db.Set<ReviewPack>().Where(p => p.Kind == ReviewKind.Monthly).OrderByDescending(p => p.PeriodStart).Select(p => p.Id).FirstAsync(ct);
            Assert.True(await db.Set<ReviewPack>().CountAsync(p => p.Kind == ReviewKind.Monthly, ct) >= 4);
        }

        var page = await OpenPageAsync(baseAddress, "review-failed");
        await PageSteps.SignInAsync(page, QualityEmail);
        await PageSteps.GoToAsync(page, $"reviews/{packId}");
        await Expect(page.Locator("[data-testid=review-detail]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=review-list-item]")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=review-capa]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=review-satisfaction]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=review-snapshot-note]")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "review-01-monthly-pack");

        await page.Locator("[data-testid=signoff-button-Quality]").ClickAsync();
        await Expect(page.Locator("[data-testid=signoff-Quality] [data-testid=signoff-by]")).ToContainTextAsync("Marat Quality");
        await Expect(page.Locator("[data-testid=signoff-button-Quality]")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "review-02-signed-off");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=review-pdf]").ClickAsync());
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path, ct);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);

        await page.Locator("[data-testid=effectiveness-link]").ClickAsync();
        await PageSteps.WaitForInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=effectiveness-month]")).ToHaveCountAsync(EffectivenessService.Months);
        await Expect(page.Locator("[data-testid=definition-reopen]")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "review-03-effectiveness");
    }
}
