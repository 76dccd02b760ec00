using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Localization;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Mail;

/// <summary>
/// Customer e-mail over a real SMTP exchange (P-20, P-21, P-41): written to the outbox with the change, delivered by
/// the dispatcher, retried through an outage, never sent twice.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class CustomerMailTests
{
    private static Dictionary<string, string?> SmtpSettings(int port, bool fastRetries = true) => new()
    {
        ["Mail:SmtpHost"] = "127.0.0.1",
        ["Mail:SmtpPort"] = port.ToString(CultureInfo.InvariantCulture),
        ["Mail:SmtpSecurity"] = "None",
        ["Mail:PollSeconds"] = "0.2",
        ["Mail:RetryDelaySeconds"] = fastRetries ? "0.2" : "30",
        ["Mail:MaxRetryDelaySeconds"] = fastRetries ? "0.4" : "1800",
    };

    [Fact]
    public async Task P20_TheAcknowledgement_ArrivesBySMTP_WithTheReferenceAndTheEstimatedResolutionDate()
    {
        await using var smtp = SmtpTestServer.OnFreePort();
        await smtp.StartAsync();
        await using var app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false, RunMailDispatcher = true, Settings = SmtpSettings(smtp.Port) });
        app.StartServer();
        using var site = new PublicSite(app);
        var reference = await site.SubmitValidComplaintAsync(cancellationToken: TestContext.Current.CancellationToken);
        var id = await IdOfAsync(app, reference);

        await app.CreateStaffUserAsync("csm.mail@zowor.test", "Mail CSM", PortalRoles.Csm);
        await using (var csm = await app.SignInAsync("csm.mail@zowor.test"))
        {
            await new CaseSteps(csm, id).AcknowledgeAsync();
        }

        var messages = await smtp.WaitForAsync(2, TimeSpan.FromSeconds(15));
        var acknowledgement = messages.Single(m => (m.Subject ?? string.Empty).Contains("We are working on your complaint", StringComparison.Ordinal));
        var estimate = DateOnly.FromDateTime(DateTime.UtcNow.Date.AddDays(14)).ToString(Dates.DatePattern, CultureInfo.GetCultureInfo("en"));
        Assert.Equal("aigerim@example.com", acknowledgement.To.Mailboxes.Single().Address);
        Assert.Contains(reference, acknowledgement.Subject, StringComparison.Ordinal);
        Assert.Contains($"Estimated resolution date: {estimate}.", acknowledgement.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/track?reference={reference}", acknowledgement.TextBody, StringComparison.Ordinal);
        Assert.Contains(messages, m => m.Subject == $"[{reference}] We have received your complaint");

        // Sent messages show in the case's communications log.
        await using var staff = await app.SignInAsync("csm.mail@zowor.test");
        var shown = (await staff.Complaints.GetCaseAsync(id, TestContext.Current.CancellationToken))!.CustomerEmails;
        Assert.All(shown, m => Assert.NotNull(m.SentAt));
        Assert.Equal(2, shown.Count);
    }

    [Fact]
    public async Task P41_AReplyFromTheCase_ArrivesBySMTPAsTextAndHTML_WithReplyToTheComplaintsMailboxAndTheReferenceInTheSubject()
    {
        await using var smtp = SmtpTestServer.OnFreePort();
        await smtp.StartAsync();
        var settings = SmtpSettings(smtp.Port);
        settings["Mail:ComplaintsAddress"] = "complaints@zowor.example";
        await using var app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false, RunMailDispatcher = true, Settings = settings });
        app.StartServer();
        using var site = new PublicSite(app);
        var reference = await site.SubmitValidComplaintAsync(cancellationToken: TestContext.Current.CancellationToken);
        var id = await IdOfAsync(app, reference);
        await app.CreateStaffUserAsync("csm.reply@zowor.test", "Reply CSM", PortalRoles.Csm);
        await using (var csm = await app.SignInAsync("csm.reply@zowor.test"))
        {
            var version = (await csm.Complaints.GetCaseAsync(id, TestContext.Current.CancellationToken))!.Version;
            await csm.Services.GetRequiredService<Zowor.Portal.Features.Replies.ReplyService>().ReplyAsync(id, version,
                new Zowor.Portal.Features.Replies.CustomerReplyModel { Subject = "Your new jug", Text = "It leaves in < 2 days & arrives Friday." }, TestContext.Current.CancellationToken);
        }

        var messages = await smtp.WaitForAsync(2, TimeSpan.FromSeconds(15));

        var reply = messages.Single(m => m.Subject == $"[{reference}] Your new jug");
        Assert.Equal("complaints@zowor.example", reply.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("aigerim@example.com", reply.To.Mailboxes.Single().Address);
        var alternative = Assert.IsType<MultipartAlternative>(reply.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Contains("It leaves in < 2 days & arrives Friday.", reply.TextBody, StringComparison.Ordinal);
        Assert.Contains("It leaves in &lt; 2 days &amp; arrives Friday.", reply.HtmlBody, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        var row = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ComplaintId == id && m.Kind == CustomerMessageKinds.Reply, TestContext.Current.CancellationToken);
        Assert.Equal(row.MessageId, reply.MessageId);
        // The receipt too: every message carries the reference in brackets and the Reply-To, so answers can be threaded.
        var receipt = messages.Single(m => m.Subject == $"[{reference}] We have received your complaint");
        Assert.Equal("complaints@zowor.example", receipt.ReplyTo.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task WithTheSMTPServerDownForAWhile_TheMessageIsDeliveredExactlyOnce_AfterItReturns()
    {
        await using var smtp = SmtpTestServer.OnFreePort();
        await using var app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false, RunMailDispatcher = true, Settings = SmtpSettings(smtp.Port) });
        app.StartServer();
        using var site = new PublicSite(app);

        var reference = await site.SubmitValidComplaintAsync(cancellationToken: TestContext.Current.CancellationToken);

        // The server is down: attempts fail and are retried; nothing is lost.
        var failing = await WaitForOutboxAsync(app, m => m.Attempts >= 3, TimeSpan.FromSeconds(20));
        Assert.Null(failing.SentAt);
        Assert.NotNull(failing.LastError);

        await smtp.StartAsync();
        var delivered = await smtp.WaitForAsync(1, TimeSpan.FromSeconds(20));
        var sent = await WaitForOutboxAsync(app, m => m.SentAt != null, TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        var message = Assert.Single(smtp.Messages);
        Assert.Contains(reference, message.Subject, StringComparison.Ordinal);
        Assert.Equal($"{sent.Id:N}@zowor-portal", message.MessageId);
        Assert.True(sent.Attempts > failing.Attempts);
        Assert.Single(delivered);
    }

    [Fact]
    public async Task TwoDispatchRounds_RacingOverTheSameOutbox_SendEachMessageOnce()
    {
        await using var smtp = SmtpTestServer.OnFreePort();
        await smtp.StartAsync();
        await using var app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false, Settings = SmtpSettings(smtp.Port) });
        app.StartServer();
        using var site = new PublicSite(app);
        for (var i = 0; i < 6; i++)
        {
            await site.SubmitValidComplaintAsync($"customer{i}@example.com", TestContext.Current.CancellationToken);
        }

        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        var rounds = await Task.WhenAll(
            dispatcher.DeliverDueAsync(TestContext.Current.CancellationToken),
            dispatcher.DeliverDueAsync(TestContext.Current.CancellationToken),
            dispatcher.DeliverDueAsync(TestContext.Current.CancellationToken));

        Assert.Equal(6, rounds.Sum());
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Equal(6, smtp.Messages.Count);
        Assert.Equal(6, smtp.Messages.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(0, await dispatcher.DeliverDueAsync(TestContext.Current.CancellationToken));
        // Each round marks what it sent in one write (issue 21): every row sent once, on its first attempt, its claim released.
        await using var db = app.Database.CreateContext();
        var rows = await db.Set<OutboxMessage>().AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(6, rows.Count);
        Assert.All(rows, m => Assert.Equal((1, true, (DateTime?)null), (m.Attempts, m.SentAt != null, m.ClaimedUntil)));
    }

    /// <summary>Issue 21: a round marks its sent messages together, so a round the server stops accepting part-way must still mark the ones it took.</summary>
    [Fact]
    public async Task ARoundTheServerRefusesPartWay_MarksWhatItAccepted_AndKeepsTheRestForARetry()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var smtp = SmtpTestServer.OnFreePort();
        smtp.RefuseAfter = 2;
        await smtp.StartAsync();
        await using var app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false, Settings = SmtpSettings(smtp.Port) });
        app.StartServer();
        using var site = new PublicSite(app);
        for (var i = 0; i < 3; i++)
        {
            await site.SubmitValidComplaintAsync($"partway{i}@example.com", ct);
        }

        Assert.Equal(2, await app.Services.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(ct));

        await using var db = app.Database.CreateContext();
        var rows = await db.Set<OutboxMessage>().AsNoTracking().ToListAsync(ct);
        Assert.Equal(3, rows.Count);
        Assert.Equal(2, smtp.Messages.Count);
        var sent = rows.Where(m => m.SentAt != null).ToList();
        Assert.Equal(2, sent.Count);
        Assert.All(sent, m => Assert.Equal((1, (DateTime?)null, (string?)null), (m.Attempts, m.ClaimedUntil, m.LastError)));
        Assert.Equal(smtp.Messages.Select(m => m.MessageId).Order(), sent.Select(m => m.MessageId).Order());
        var refused = Assert.Single(rows, m => m.SentAt == null);
        Assert.Equal((1, (DateTime?)null, (DateTime?)null), (refused.Attempts, refused.ClaimedUntil, refused.FailedAt));
        Assert.NotNull(refused.LastError);
    }

    [Fact]
    public async Task WithoutSMTPSettings_MessagesAreWrittenAsEmlFiles_InTheDataFolder()
    {
        await using var app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false });
        app.StartServer();
        using var site = new PublicSite(app);
        var reference = await site.SubmitValidComplaintAsync(cancellationToken: TestContext.Current.CancellationToken);

        var sent = await app.Services.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, sent);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(app.Database.FilesFolder, "mail"), "*.eml"));
        var message = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
        Assert.Equal(($"[{reference}] We have received your complaint", "aigerim@example.com"), (message.Subject, message.To.Mailboxes.Single().Address));
        Assert.Contains("Dear Aigerim Bekova,", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task P41_AnOutboundEmailContact_IsSentToTheCustomerAsAnUpdate_AndAPhoneOnlyCustomerGetsNoMail()
    {
        await using var app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false });
        app.StartServer();
        using var site = new PublicSite(app);
        var withEmail = await IdOfAsync(app, await site.SubmitValidComplaintAsync(cancellationToken: TestContext.Current.CancellationToken));
        var values = PublicSite.ValidComplaint();
        values["Form.Email"] = string.Empty;
        using (await site.SubmitComplaintAsync(values, TestContext.Current.CancellationToken))
        {
        }

        await using var db = app.Database.CreateContext();
        var phoneOnly = await db.Complaints.Where(c => c.Customer.Email == null).Select(c => c.Id).SingleAsync(TestContext.Current.CancellationToken);
        await app.CreateStaffUserAsync("csm.update@zowor.test", "Update CSM", PortalRoles.Csm);
        await using var csm = await app.SignInAsync("csm.update@zowor.test");

        await new CaseSteps(csm, withEmail).LogAsync(CommunicationDirection.Outbound, CommunicationChannel.Email, "Your new jug leaves our warehouse today.");
        await new CaseSteps(csm, phoneOnly).AcknowledgeAsync(ContactMethod.Phone, "Told her the reference and the date on the phone.");

        var update = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ComplaintId == withEmail && m.Kind == CustomerMessageKinds.Update, TestContext.Current.CancellationToken);
        Assert.Contains("Your new jug leaves our warehouse today.", update.Body, StringComparison.Ordinal);
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.ComplaintId == phoneOnly, TestContext.Current.CancellationToken));
        // The phone acknowledgement's call summary is in the contact log (P-20).
        var (complaint, _) = await app.Database.LoadComplaintAsync(phoneOnly, TestContext.Current.CancellationToken);
        var call = Assert.Single(complaint.Communications);
        Assert.Equal((CommunicationDirection.Outbound, CommunicationChannel.Phone, "Told her the reference and the date on the phone."), (call.Direction, call.Channel, call.Summary));
    }

    private static async Task<Guid> IdOfAsync(PortalAppFactory app, string reference)
    {
        await using var db = app.Database.CreateContext();
        return await db.Complaints.Where(c => c.Reference == reference).Select(c => c.Id).SingleAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<OutboxMessage> WaitForOutboxAsync(PortalAppFactory app, Func<OutboxMessage, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using (var db = app.Database.CreateContext())
            {
                var message = (await db.OutboxMessages.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken)).SingleOrDefault();
                if (message is not null && condition(message))
                {
                    return message;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The outbox did not reach the expected state.");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
