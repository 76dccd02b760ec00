using Microsoft.Playwright;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Features.Search;
using Zowor.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static Zowor.Portal.Harness.PageSteps;

namespace Zowor.Portal.Tests.Browser;

/// <summary>
/// Issue 17 in a real browser: a customer complained twice about the same kettle; the CSM marks the second complaint as a
/// duplicate of the first from its case page. The duplicate is withdrawn "duplicate of ZW-…" (P-21: the customer is told the
/// reference that stays), the first complaint's page shows what the customer said and sent under the other reference, both
/// timelines record the merge, and the customer's /track page of the duplicate points to the complaint that carries on.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class MergeDuplicateJourneyTests(BrowserFixture browser) : BrowserJourney(browser), IClassFixture<BrowserFixture>
{
    private static readonly string CsmEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Csm);
    private const string CustomerEmail = "rustem.abenov@example.kz";

    [Fact]
    public async Task Csm_MarksAComplaintAsDuplicateFromTheCasePage_AndBothCasesAndTrackShowTheMerge()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, baseAddress) = await StartPortalAsync();
        RegisteredComplaint primary, duplicate;
        await using (var csm = await app.SignInAsync(CsmEmail))
        {
            primary = await csm.Complaints.RegisterAsync(SearchFixtures.Form("Rustem Abenov", CustomerEmail, null,
                "Kettle does not heat", "The kettle from order ORD-RA-7 lights up but the water stays cold.", order: "ORD-RA-7", daysAgo: 2), ct);
            duplicate = await csm.Complaints.RegisterAsync(SearchFixtures.Form("Rustem Abenov", CustomerEmail, null,
                "Kettle still cold", "Writing again about the kettle of order ORD-RA-7: the water never boils.", order: "ORD-RA-7", daysAgo: 1), ct);
            var steps = new CaseSteps(csm, duplicate.Id);
            await steps.AcknowledgeAsync();
            await steps.InvestigateAsync();
            await steps.LogAsync(CommunicationDirection.Inbound, CommunicationChannel.Phone, "Called: the base shows a red light when switched on.");
            await steps.AddEvidenceAsync("Photo of the base with the red light, from the second call.");
        }

        var page = await OpenPageAsync(baseAddress, "merge-failed");
        await SignInAsync(page, CsmEmail);
        await GoToAsync(page, $"complaints/{duplicate.Id}");
        await Expect(page.Locator("[data-testid=case-reference]")).ToHaveTextAsync(duplicate.Reference);
        // The case page hints at it: same customer, same order, within 7 days.
        await Expect(page.Locator("[data-testid=related-customer] [data-testid=related-row]").Filter(new() { HasText = primary.Reference })).ToHaveCountAsync(1);

        // The reference as a person types it, in lower case.
        await page.Locator($"[data-testid=action-{ComplaintAction.MarkDuplicate}]").ClickAsync();
        var form = page.Locator($"[data-testid=action-form][data-action={ComplaintAction.MarkDuplicate}]");
        await Expect(form).ToBeVisibleAsync();
        await form.Locator("input[data-testid=duplicate-primary], [data-testid=duplicate-primary] input").First.FillAsync(primary.Reference.ToLowerInvariant());
        await Screenshots.SaveAsync(page, "merge-01-mark-duplicate-form");
        await form.Locator("[data-testid=action-submit]").ClickAsync();
        await Expect(page.Locator("[data-testid=action-form]")).ToHaveCountAsync(0);

        // The duplicate: withdrawn, "duplicate of ZW-…" on the page and in its timeline.
        await Expect(page.Locator("[data-testid=status-chip]").First).ToHaveAttributeAsync("data-status", nameof(ComplaintStatus.Withdrawn));
        await Expect(page.Locator("[data-testid=duplicate-of]")).ToContainTextAsync(primary.Reference);
        await Expect(TimelineItem(page, ComplaintHistoryKinds.StatusChanged, "Withdrawn").Locator(".timeline-details"))
            .ToHaveTextAsync($"duplicate of {primary.Reference}");
        await Screenshots.SaveAsync(page, "merge-02-duplicate-withdrawn");

        // The primary: its timeline records the merge, and the duplicate's contact and evidence show on it.
        await page.Locator("[data-testid=duplicate-of-link]").ClickAsync();
        await Expect(page.Locator("[data-testid=case-reference]")).ToHaveTextAsync(primary.Reference);
        await Expect(page.Locator($"[data-testid=timeline-entry][data-kind={ComplaintHistoryKinds.DuplicateMerged}]")).ToHaveCountAsync(1);
        await Expect(TimelineItem(page, ComplaintHistoryKinds.DuplicateMerged, null).Locator(".timeline-details")).ToContainTextAsync(duplicate.Reference);
        var merged = page.Locator("[data-testid=merged-duplicate]");
        await Expect(merged).ToHaveCountAsync(1);
        await Expect(merged.Locator("[data-testid=merged-reference]")).ToHaveTextAsync(duplicate.Reference);
        await Expect(merged.Locator("[data-testid=merged-contact]")).ToContainTextAsync("Called: the base shows a red light when switched on.");
        await Expect(merged.Locator("[data-testid=merged-evidence]")).ToContainTextAsync("Photo of the base with the red light, from the second call.");
        await merged.ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "merge-03-primary-shows-duplicate");

        // The customer looks up the duplicate's reference on /track and is pointed to the one that stays.
        var customer = await OpenPageAsync(baseAddress, "merge-track-failed");
        await customer.GotoAsync($"track?reference={Uri.EscapeDataString(duplicate.Reference)}");
        await Expect(customer.Locator("#reference")).ToHaveValueAsync(duplicate.Reference);
        await customer.Locator("#contact").FillAsync(CustomerEmail);
        await customer.Locator("[data-testid=look-up]").ClickAsync();
        await Expect(customer.Locator("[data-testid=case-reference]")).ToHaveTextAsync(duplicate.Reference);
        await Expect(customer.Locator("[data-testid=duplicate-of]")).ToContainTextAsync(primary.Reference);
        await Expect(customer.Locator("[data-testid=duplicate-of-link]")).ToHaveAttributeAsync("href", $"track?reference={primary.Reference}");
        await Screenshots.SaveAsync(customer, "merge-04-track-points-to-primary");
    }

    /// <summary>A timeline item (its title and the details under it) of one kind, whose title has <paramref name="title"/>.</summary>
    private static ILocator TimelineItem(IPage page, string kind, string? title) =>
        page.Locator(".mud-timeline-item").Filter(new() { Has = page.Locator($"[data-testid=timeline-entry][data-kind={kind}]", new() { HasText = title }) });
}
