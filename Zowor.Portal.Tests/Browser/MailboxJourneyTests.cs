using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Zowor.Portal.Data;
using Zowor.Portal.Features.Identity;
using Zowor.Portal.Tests.Integration.Mailbox;
using Zowor.Portal.Benchmarks.Hosting;
using Zowor.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Zowor.Portal.Tests.Browser;

/// <summary>
/// A customer's e-mail reply reaches the staff member who has the case open, live (P-41): Dovecot gets the reply by
/// IMAP APPEND, the portal threads it, and the open case page shows it without a reload, with the quoted history folded.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class MailboxJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task P41_a_reply_email_appears_on_the_open_case_page_without_reload()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dovecot = await DovecotServer.StartNewAsync(ct);
        await using var app = new PortalAppFactory(new PortalAppOptions { Settings = dovecot.PortalSettings() });
        var baseAddress = await app.StartKestrelAsync(ct);
        await dovecot.AppendAsync(MailboxMessages.From("Nurlan Abenov", "nurlan@example.kz", "Vacuum cleaner makes a grinding noise",
            "Hello,\n\nthe vacuum cleaner started grinding after two days.\n\nNurlan"), cancellationToken: ct);
        (Guid Id, Guid ReceiptId) mailed = default;
        await MailboxTests.EventuallyAsync(async () =>
        {
            await using var db = app.Database.CreateContext();
            var found = await db.OutboxMessages.Where(m => m.ToAddress == "nurlan@example.kz").Select(m => new { m.ComplaintId, m.Id }).FirstOrDefaultAsync(ct);
            mailed = found is null ? default : (found.ComplaintId!.Value, found.Id);
            return found is not null;
        }, "the e-mail to become a complaint with a receipt");

        await using var context = await browser.NewContextAsync(baseAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("account/login");
        await page.Locator("#email").FillAsync(SeededPortalFixture.DemoEmailFor(PortalRoles.Csm));
        await page.Locator("#password").FillAsync(DbSeeder.DemoPassword);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await page.GotoAsync($"complaints/{mailed.Id}");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=email-text]")).ToContainTextAsync("the vacuum cleaner started grinding");
        var marker = await page.EvaluateAsync<double>("() => { window.__noReload = Math.random(); return window.__noReload; }");

        var reply = MailboxMessages.From("Nurlan Abenov", "nurlan@example.kz", "Re: We have received your complaint",
            "It also smells of burning now.\n\nOn Monday Zowor Customer Care wrote:\n> Thank you for telling us about the problem.");
        reply.InReplyTo = $"{mailed.ReceiptId:N}@zowor-portal";
        await dovecot.AppendAsync(reply, cancellationToken: ct);

        var replyText = page.Locator("[data-testid=email-text]", new() { HasTextString = "It also smells of burning now." });
        await Expect(replyText).ToBeVisibleAsync();
        Assert.Equal(marker, await page.EvaluateAsync<double>("() => window.__noReload"));
        var toggle = page.Locator("[data-testid=email-quoted-toggle]").Last;
        await toggle.ClickAsync();
        await Expect(page.Locator("[data-testid=email-quoted]")).ToContainTextAsync("> Thank you for telling us about the problem.");
        await Screenshots.SaveAsync(page, "mailbox-reply-live");
    }
}
