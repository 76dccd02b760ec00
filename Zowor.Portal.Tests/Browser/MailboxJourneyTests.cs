using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Zowor.Portal.Data;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Features.Mailbox;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Integration.Mailbox;
using Zowor.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Zowor.Portal.Tests.Browser;

/// <summary>
/// A customer's e-mail reply reaches the staff member who has the case open, live (P-41): Dovecot gets the reply by
/// IMAP APPEND, the portal threads it, and the open case page shows it without a reload, with the quoted history folded.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class MailboxJourneyTests(BrowserFixture browser) : BrowserJourney(browser), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task P41_AReplyEmail_AppearsOnTheOpenCasePage_WithoutReload()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dovecot = await DovecotServer.StartNewAsync(ct);
        var (app, baseAddress) = await StartPortalAsync(new PortalAppOptions { Settings = dovecot.PortalSettings() });
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

        var context = await NewContextAsync(baseAddress);
        var page = await OpenPageAsync(context, "mailbox-journey-p41-failed-page");
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

    /// <summary>
    /// Issue 15's last browser journey (P-10 the e-mail channel, P-41 updates to the customer): staff answer a web-form
    /// complaint with a reply template; the customer answers that e-mail from their mail program; the answer lands on the
    /// case page staff still have open, without a reload, above the staff reply (the conversation is newest first), and
    /// no second complaint appears. The second answer's subject has lost the [reference] (people edit subjects), so only
    /// its In-Reply-To can thread it: were header threading broken, it would become a new complaint and the test fails.
    /// </summary>
    [Fact]
    public async Task P10_P41_Staff_AnswerWithATemplate_AndTheCustomersEmailAnswersThreadUnderItLive()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dovecot = await DovecotServer.StartNewAsync(ct);
        var (app, baseAddress) = await StartPortalAsync(new PortalAppOptions { Settings = dovecot.PortalSettings() });
        var context = await NewContextAsync(baseAddress);

        // The customer complains with the public form.
        var customer = await OpenPageAsync(context, "mailbox-journey-p10-failed-customer");
        await customer.GotoAsync("complain");
        await customer.Locator("#name").FillAsync("Aigerim Seitkali");
        await customer.Locator("#email").FillAsync("aigerim.seitkali@example.kz");
        await customer.Locator("#category").SelectOptionAsync("packaging");
        await customer.Locator("#description").FillAsync("The blender jug arrived cracked along the base; the box looked fine.");
        await customer.Locator("#consent").CheckAsync();
        await customer.Locator("[data-testid=submit-complaint]").ClickAsync();
        var reference = (await customer.Locator("[data-testid=reference]").InnerTextAsync()).Trim();
        Guid id;
        int complaintsBefore;
        await using (var db = app.Database.CreateContext())
        {
            id = await db.Complaints.Where(c => c.Reference == reference).Select(c => c.Id).SingleAsync(ct);
            complaintsBefore = await db.Complaints.CountAsync(ct);
        }

        // A CSM opens the case and answers with the "Request for photos" template.
        var staff = await OpenPageAsync(context, "mailbox-journey-p10-failed-staff");
        await PageSteps.SignInAsync(staff, SeededPortalFixture.DemoEmailFor(PortalRoles.Csm));
        await PageSteps.GoToAsync(staff, $"complaints/{id}");
        await staff.Locator("[data-testid=reply-form] div.mud-select > .mud-input-control").ClickAsync();
        await staff.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Request for photos" }).ClickAsync();
        await Expect(staff.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await Expect(staff.Locator("input[data-testid=reply-subject]")).ToHaveValueAsync("Could you send us a photo?");
        await staff.Locator("[data-testid=send-reply]").ClickAsync();
        var contacts = staff.Locator("[data-testid=conversation] [data-testid=contact]");
        await Expect(contacts.First).ToContainTextAsync("one or two photos");
        var marker = await staff.EvaluateAsync<double>("() => { window.__noReload = Math.random(); return window.__noReload; }");

        // The e-mail the portal wrote for that reply: its Message-ID is what the customer's mail program answers.
        OutboxMessage sent;
        await using (var db = app.Database.CreateContext())
        {
            sent = await db.OutboxMessages.AsNoTracking()
                .SingleAsync(m => m.ComplaintId == id && m.Subject == $"[{reference}] Could you send us a photo?", ct);
        }

        // The customer answers: first as a mail program does ("Re: " + the subject, In-Reply-To and References), then once
        // more with the [reference] gone from the subject, so that the In-Reply-To alone threads it. Arrival times a minute
        // and two after the reply (the portal takes a future arrival time as "now"): a customer does not answer within the
        // same second, and INTERNALDATE has whole seconds, so an answer appended at once could sort below the reply.
        var answer = MailboxMessages.From("Aigerim Seitkali", "aigerim.seitkali@example.kz", "Re: " + sent.Subject,
            $"Photo of the crack is in the next e-mail, my phone is slow.\n\nOn Tuesday Zowor Customer Care wrote:\n> {sent.Body.Split('\n')[0]}");
        answer.InReplyTo = sent.MessageId;
        answer.References.Add(sent.MessageId);
        await dovecot.AppendAsync(answer, arrivedAt: new DateTimeOffset(sent.CreatedAt, TimeSpan.Zero).AddMinutes(1), cancellationToken: ct);
        await Expect(contacts.First).ToContainTextAsync("Photo of the crack is in the next e-mail", new() { Timeout = 60_000 });

        var withoutReference = MailboxMessages.From("Aigerim Seitkali", "aigerim.seitkali@example.kz", "Re: Could you send us a photo?",
            "Sorry, the photo would not attach. The crack runs all around the base of the jug.");
        withoutReference.InReplyTo = sent.MessageId;
        Assert.DoesNotContain(reference, withoutReference.Subject, StringComparison.Ordinal);
        await dovecot.AppendAsync(withoutReference, arrivedAt: new DateTimeOffset(sent.CreatedAt, TimeSpan.Zero).AddMinutes(2), cancellationToken: ct);

        // Live, on the same page, newest first: the second answer, the first, then the staff reply they answer.
        await Expect(contacts.First).ToContainTextAsync("The crack runs all around the base of the jug.", new() { Timeout = 60_000 });
        await Expect(contacts.First).ToHaveAttributeAsync("data-direction", "Inbound");
        await Expect(contacts.Nth(1)).ToContainTextAsync("Photo of the crack is in the next e-mail");
        await Expect(contacts.Nth(1)).ToHaveAttributeAsync("data-direction", "Inbound");
        await Expect(contacts.Nth(2)).ToContainTextAsync("one or two photos");
        await Expect(contacts.Nth(2)).ToHaveAttributeAsync("data-direction", "Outbound");
        Assert.Equal(marker, await staff.EvaluateAsync<double>("() => window.__noReload"));
        await Screenshots.SaveAsync(staff, "mailbox-thread-answers-under-template-reply");

        // Both answers were threaded into this complaint; none became a complaint of its own.
        await using (var db = app.Database.CreateContext())
        {
            Assert.Equal(complaintsBefore, await db.Complaints.CountAsync(ct));
            var outcomes = await db.Set<InboundMail>().AsNoTracking()
                .Where(m => m.FromAddress == "aigerim.seitkali@example.kz")
                .Select(m => new { m.Outcome, m.ComplaintId })
                .ToListAsync(ct);
            Assert.Equal(2, outcomes.Count);
            Assert.All(outcomes, m => Assert.Equal((InboundOutcomes.Reply, (Guid?)id), (m.Outcome, m.ComplaintId)));
        }
    }
}
