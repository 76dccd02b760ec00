using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Categories;
using Zowor.Portal.Features.Reviews;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Zowor.Portal.Tests.Browser;

/// <summary>
/// Issue 23 in a browser on the demo data: names are data and render as text everywhere, charts included; an Admin adds
/// a category in both languages, deactivates another and maps the demo's three winter-boot spellings, and the trends
/// dashboard and the public form follow (P-60).
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class TaxonomyJourneyTests(BrowserFixture browser) : BrowserJourney(browser), IClassFixture<BrowserFixture>
{
    private const string CategoryMarkup = "<img src=x onerror=alert(1)>";
    private const string RootCauseMarkup = "<svg onload=alert(2)>Courier";
    private static readonly string QualityEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Quality);
    private static readonly string AdminEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Admin);

    [Fact]
    public async Task ACategoryAndARootCause_NamedWithMarkup_RenderAsTextOnTrendsReviewsAndTheCasePage()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, baseAddress) = await StartPortalAsync();
        await using (var admin = await app.SignInAsync(AdminEmail))
        {
            var taxonomy = admin.Services.GetRequiredService<TaxonomyService>();
            var delivery = CategoryForm.From((await taxonomy.GetCategoriesAsync(ct)).Single(c => c.Code == "delivery"));
            delivery.NameEn = CategoryMarkup;
            await taxonomy.SaveCategoryAsync(delivery, ct);
            var carrier = RootCauseNameForm.From((await taxonomy.GetRootCausesAsync(ct)).Single(c => c.Code == RootCauseCategory.Carrier));
            carrier.NameEn = RootCauseMarkup;
            await taxonomy.SaveRootCauseAsync(carrier, ct);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReviewPackJob>().RunMonthlyAsync(ct);
        }

        Guid caseId;
        await using (var db = app.Database.CreateContext())
        {
            caseId = await db.Complaints.Where(c => c.CategoryCode == "delivery" && c.RootCause != null && c.RootCause.Category == RootCauseCategory.Carrier)
                .Select(c => c.Id).FirstAsync(ct);
        }

        var context = await NewContextAsync(baseAddress);
        var page = await OpenPageAsync(context, "taxonomy-markup-failed");
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) => { dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };
        await PageSteps.SignInAsync(page, QualityEmail);
        foreach (var (url, shot) in new[] { ("trends", "taxonomy-01-trends-markup"), ("reviews", "taxonomy-02-reviews-markup"), ($"complaints/{caseId}", "taxonomy-03-case-markup") })
        {
            await PageSteps.GoToAsync(page, url);
            await Expect(page.GetByText(url.StartsWith("complaints", StringComparison.Ordinal) ? RootCauseMarkup : CategoryMarkup).First).ToBeVisibleAsync();
            await Expect(page.Locator("img[src=x]")).ToHaveCountAsync(0);
            await Expect(page.Locator("svg[onload]")).ToHaveCountAsync(0);
            await Screenshots.SaveAsync(page, shot);
        }

        // The figures themselves: the by-category bars' name and the Pareto's root-cause label are text.
        await PageSteps.GoToAsync(page, "trends");
        await Expect(page.Locator("[data-testid=chart-categories] .figure-bars th", new() { HasText = CategoryMarkup }).First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=chart-pareto]")).ToContainTextAsync("<svg onload");
        await PageSteps.GoToAsync(page, "reviews");
        await Expect(page.Locator(".review-chart .figure-bars th", new() { HasText = CategoryMarkup }).First).ToBeVisibleAsync();
        await PageSteps.GoToAsync(page, $"complaints/{caseId}");
        await Expect(page.GetByText(CategoryMarkup).First).ToBeVisibleAsync();
        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task AnAdmin_AddsACategoryDeactivatesAnotherAndMapsProductSpellings_AndTrendsFollow()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, baseAddress) = await StartPortalAsync();
        var context = await NewContextAsync(baseAddress);
        var page = await OpenPageAsync(context, "taxonomy-admin-failed");
        await PageSteps.SignInWithCodeAsync(page, AdminEmail);
        await page.Locator("a[href='admin/taxonomy']").ClickAsync();
        await PageSteps.WaitForInteractiveAsync(page);

        // A new category in both languages.
        await page.Locator("[data-testid=category-code]").FillAsync("installation");
        await page.Locator("[data-testid=category-name-en-input]").FillAsync("Installation");
        await page.Locator("[data-testid=category-name-ru-input]").FillAsync("Установка");
        await page.Locator("[data-testid=save-category]").ClickAsync();
        await Expect(page.Locator("[data-testid=categories]")).ToContainTextAsync("Установка");

        // Deactivate "Website".
        await page.Locator("[data-testid=edit-category-website]").ClickAsync();
        await Expect(page.Locator("[data-testid=category-name-en-input]")).ToHaveValueAsync("Website");
        await page.Locator("[data-testid=category-active]").ClickAsync();
        await page.Locator("[data-testid=save-category]").ClickAsync();
        await Expect(page.Locator("[data-testid=categories] tr", new() { HasText = "website" })).ToContainTextAsync("Inactive");
        await Screenshots.SaveAsync(page, "taxonomy-04-categories");

        // Map the three demo spellings of winter boots to the listed product.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Unmapped products" }).ClickAsync();
        var rows = page.Locator("[data-testid=unmapped-row]");
        foreach (var spelling in new[] { "Winter boots", "winter boot", "Зимние ботинки" })
        {
            await rows.Filter(new() { Has = page.Locator("[data-testid=unmapped-spelling]", new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{spelling}$") }) })
                .Locator("input[type=checkbox]").CheckAsync(new() { Force = true });
        }

        await page.Locator("#map-to").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Winter boots" }).ClickAsync();
        await Screenshots.SaveAsync(page, "taxonomy-05-unmapped");
        await page.Locator("[data-testid=map-spellings]").ClickAsync();
        // The demo's other free-text products stay; the three winter-boot spellings are gone from the report.
        await Expect(page.Locator("[data-testid=unmapped-spelling]", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("(?i)winter boot|Зимние") })).ToHaveCountAsync(0);
        await Expect(rows.First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "taxonomy-06-mapped");

        int boots;
        await using (var db = app.Database.CreateContext())
        {
            boots = await db.Complaints.CountAsync(c => c.Product == "Winter boots" || c.Product == "winter boot" || c.Product == "Зимние ботинки", ct);
        }

        // Trends follow: one "Winter boots" row with every spelling's complaints; the public form offers the new
        // category and no longer the inactive one.
        var quality = await OpenPageAsync(baseAddress, "taxonomy-trends-failed");
        await PageSteps.SignInAsync(quality, QualityEmail);
        await PageSteps.GoToAsync(quality, "trends");
        var products = quality.Locator("[data-testid=chart-products]");
        await Expect(products.Locator("tr", new() { HasText = "Winter boots" })).ToContainTextAsync(boots.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(products).Not.ToContainTextAsync("winter boot");
        await Expect(products).Not.ToContainTextAsync("Зимние ботинки");
        await Screenshots.SaveAsync(quality, "taxonomy-07-trends-mapped");

        // In Russian the listed product shows its Russian name, with the same count, in the chart and the filter.
        await quality.GotoAsync("culture/set?culture=ru&redirectUri=%2Ftrends");
        await PageSteps.WaitForInteractiveAsync(quality);
        await Expect(products.Locator("tr", new() { HasText = "Зимние ботинки" })).ToContainTextAsync(boots.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(products).Not.ToContainTextAsync("Winter boots");
        await quality.Locator("#filter-product").ClickAsync();
        await Expect(quality.GetByRole(AriaRole.Option, new() { Name = "Зимние ботинки" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(quality, "taxonomy-08-trends-mapped-ru");
        await quality.GotoAsync("culture/set?culture=en&redirectUri=%2F");

        await quality.GotoAsync("complain");
        var options = await quality.Locator("select#category option").AllTextContentsAsync();
        Assert.Contains("Installation", options);
        Assert.DoesNotContain("Website", options);
    }
}
