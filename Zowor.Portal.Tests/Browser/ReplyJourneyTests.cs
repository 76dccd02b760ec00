using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Zowor.Portal.Data;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Zowor.Portal.Tests.Browser;

/// <summary>
/// Issue 15 in a real browser: a customer sends a photo with the web form, it shows on the case "from the customer";
/// staff answer with a reply template and add an internal note; the customer sees the reply on /track, not the note.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class ReplyJourneyTests(BrowserFixture browser) : BrowserJourney(browser), IClassFixture<BrowserFixture>
{
    // The start of a JPEG (the content check reads the signature); the rest does not matter to the portal.
    private static readonly byte[] Photo = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];

    [Fact]
    public async Task Customer_SendsAPhoto_StaffAnswerWithATemplateAndAddANote_TheCustomerSeesOnlyTheAnswer()
    {
        var (app, baseAddress) = await StartPortalAsync();
        var context = await NewContextAsync(baseAddress);
        var customer = await OpenPageAsync(context, "reply-journey-customer-failed-customer");

        // The customer complains with a photo of the damage.
        await customer.GotoAsync("complain");
        await customer.Locator("#name").FillAsync("Dina Akhmetova");
        await customer.Locator("#email").FillAsync("dina.akhmetova@example.com");
        await customer.Locator("#category").SelectOptionAsync("packaging");
        await customer.Locator("#description").FillAsync("The kettle arrived with a dented lid; the box was crushed. Photo attached.");
        await customer.Locator("#consent").CheckAsync();
        await customer.Locator("[data-testid=attachments]").SetInputFilesAsync(new FilePayload { Name = "dented lid.jpg", MimeType = "image/jpeg", Buffer = Photo });
        await Screenshots.SaveAsync(customer, "reply-01-form-with-photo");
        await customer.Locator("[data-testid=submit-complaint]").ClickAsync();
        var reference = (await customer.Locator("[data-testid=reference]").InnerTextAsync()).Trim();
        Guid id;
        await using (var db = app.Database.CreateContext())
        {
            id = await db.Complaints.Where(c => c.Reference == reference).Select(c => c.Id).SingleAsync(TestContext.Current.CancellationToken);
        }

        // Staff open the case: the photo is there, from the customer.
        var staff = await OpenPageAsync(context, "reply-journey-customer-failed-staff");
        await staff.GotoAsync("account/login");
        await staff.Locator("#email").FillAsync(SeededPortalFixture.DemoEmailFor(PortalRoles.Csm));
        await staff.Locator("#password").FillAsync(DbSeeder.DemoPassword);
        await staff.Locator("button[type=submit]").ClickAsync();
        await Expect(staff.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await staff.GotoAsync($"complaints/{id}");
        await Expect(staff.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        var evidence = staff.Locator("[data-testid=evidence-item][data-from-customer=true]");
        await Expect(evidence).ToContainTextAsync("From the customer");
        await Expect(evidence.Locator("[data-testid=evidence-file]")).ToContainTextAsync("dented lid.jpg");

        // A reply from a template, filled in for this complaint, edited and sent.
        await staff.Locator("[data-testid=reply-form] div.mud-select > .mud-input-control").ClickAsync();
        await staff.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Request for photos" }).ClickAsync();
        await Expect(staff.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        var text = staff.Locator("textarea[data-testid=reply-text]");
        await Expect(text).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"status page of complaint {reference}"));
        await Expect(staff.Locator("input[data-testid=reply-subject]")).ToHaveValueAsync("Could you send us a photo?");
        await text.FillAsync((await text.InputValueAsync()).Replace("one or two photos", "one more photo, of the box's label,", StringComparison.Ordinal));
        await Screenshots.SaveAsync(staff, "reply-02-case-template-chosen");
        await staff.Locator("[data-testid=send-reply]").ClickAsync();
        await Expect(staff.Locator("[data-testid=conversation] [data-testid=contact]").First).ToContainTextAsync("one more photo, of the box's label,");
        await Expect(staff.Locator("[data-testid=customer-email]").First).ToContainTextAsync($"[{reference}] Could you send us a photo?");

        // An internal note: visibly different, and staff only.
        await staff.Locator("[data-testid=mode-note]").ClickAsync();
        await staff.Locator("textarea[data-testid=note-text]").FillAsync("Courier Kazpost again: third dented parcel this week.");
        await staff.Locator("[data-testid=add-note]").ClickAsync();
        await Expect(staff.Locator("[data-testid=internal-note]")).ToContainTextAsync("Courier Kazpost again");
        await Expect(staff.Locator("[data-testid=internal-note] .internal-note-label")).ToHaveTextAsync("Internal note");
        await Screenshots.SaveAsync(staff, "reply-03-case-reply-and-note");

        // The customer's status page: the reply, not the note.
        await customer.GotoAsync($"track?reference={reference}");
        await customer.Locator("#contact").FillAsync("dina.akhmetova@example.com");
        await customer.Locator("[data-testid=look-up]").ClickAsync();
        var updates = customer.Locator("[data-testid=customer-updates]");
        await Expect(updates).ToContainTextAsync($"[{reference}] Could you send us a photo?");
        await Expect(updates).ToContainTextAsync("one more photo, of the box's label,");
        await Expect(updates).ToContainTextAsync("Files you sent: dented lid.jpg");
        await Expect(updates).Not.ToContainTextAsync("Kazpost");
        await Screenshots.SaveAsync(customer, "reply-04-track-shows-reply");
    }
}
