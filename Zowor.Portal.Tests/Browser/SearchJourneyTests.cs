using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Features.Search;
using Zowor.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static Zowor.Portal.Harness.PageSteps;

namespace Zowor.Portal.Tests.Browser;

/// <summary>
/// Issue 17 in a real browser: a customer calls about last month's closed complaint; the CSM types a word of its description
/// into the top-bar search, lands on /search?q=…, opens the closed complaint, and the customer's new complaint shows it among
/// the customer's earlier complaints (P-51, P-60). A lower-case reference and a phone number typed with spaces find it too.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed partial class SearchJourneyTests(BrowserFixture browser) : BrowserJourney(browser), IClassFixture<BrowserFixture>
{
    private static readonly string CsmEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Csm);

    [Fact]
    public async Task Csm_FindsAClosedComplaintFromTheTopBar_OpensIt_AndSeesTheCustomersEarlierComplaints()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, baseAddress) = await StartPortalAsync();
        string closedReference, newReference;
        Guid newId;
        await using (var csm = await app.SignInAsync(CsmEmail))
        {
            var closed = await csm.Complaints.RegisterAsync(SearchFixtures.Form("Kamila Nurlanova", "kamila.n@example.kz", "+7 701 998 12 34",
                "Blender lid cracked", "The lid has a periwinkle-coloured stain and a crack.", order: "ORD-KN-1", product: "VortexMix blender", daysAgo: 40), ct);
            await new CaseSteps(csm, closed.Id).WalkToClosedAsync();
            var again = await csm.Complaints.RegisterAsync(SearchFixtures.Form("Kamila Nurlanova", "kamila.n@example.kz", null,
                "Blender lid cracked again", "The replacement lid cracked as well.", order: "ORD-KN-2", product: "VortexMix blender", daysAgo: 1), ct);
            (closedReference, newReference, newId) = (closed.Reference, again.Reference, again.Id);
        }

        var page = await OpenPageAsync(baseAddress, "search-failed");
        await SignInAsync(page, CsmEmail);
        var box = page.Locator("input[data-testid=global-search], [data-testid=global-search] input").First;
        await box.FillAsync("PERIWINKLE");
        await box.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(SearchUrl());
        Assert.Contains("q=PERIWINKLE", page.Url, StringComparison.Ordinal);
        var hit = page.Locator($"[data-testid=search-hit][data-reference={closedReference}]");
        await Expect(hit).ToBeVisibleAsync();
        await Expect(hit.Locator("[data-testid=status-chip]")).ToHaveAttributeAsync("data-status", nameof(ComplaintStatus.Closed));
        await Screenshots.SaveAsync(page, "search-01-results");

        await hit.Locator("a[data-testid=search-hit-link]").ClickAsync();
        await Expect(page.Locator("[data-testid=case-reference]")).ToHaveTextAsync(closedReference);
        await Expect(page.Locator("[data-testid=related-customer] [data-testid=related-row]")).ToHaveCountAsync(1);

        // A bookmarked search by a lower-case reference, and one by the phone typed with spaces.
        await GoToAsync(page, $"search?q={closedReference.ToLowerInvariant()}");
        await Expect(page.Locator("[data-testid=search-hit]")).ToHaveCountAsync(1);
        await GoToAsync(page, "search?q=" + Uri.EscapeDataString("8 701 998 12 34"));
        await Expect(page.Locator($"[data-testid=search-hit][data-reference={closedReference}]")).ToBeVisibleAsync();

        // The new complaint's case page lists the closed one among the customer's earlier complaints, with its status.
        await GoToAsync(page, $"complaints/{newId}");
        await Expect(page.Locator("[data-testid=case-reference]")).ToHaveTextAsync(newReference);
        var earlier = page.Locator($"[data-testid=related-customer] [data-testid=related-row][data-reference={closedReference}]");
        await Expect(earlier).ToBeVisibleAsync();
        await Expect(earlier.Locator("[data-testid=status-chip]")).ToHaveAttributeAsync("data-status", nameof(ComplaintStatus.Closed));
        await earlier.ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "search-02-case-customer-history");
    }

    [GeneratedRegex(@"/search\?q=")]
    private static partial Regex SearchUrl();
}
