using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Audit;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Features.Mailbox;
using Zowor.Portal.Features.Notifications;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration.Mailbox;

/// <summary>
/// The complaints mailbox against a real Dovecot (P-10, P-11, P-21, P-41): mail delivered with IMAP APPEND becomes
/// complaints and threaded replies, exactly once; automatic mail creates nothing; delivery reports mark the outbox;
/// unreadable, oversize and forged-looking mail is quarantined whole; an outage loses nothing.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class MailboxTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task P10_P21_ANewEmail_BecomesAnEmailComplaint_WithItsAttachmentAsEvidenceAndAReceipt()
    {
        await using var dovecot = await DovecotServer.StartNewAsync(Ct);
        await using var app = Portal(dovecot);
        var arrived = DateTimeOffset.UtcNow.AddHours(-3);
        var message = MailboxMessages.From("Ольга Петрова", "Olga.Petrova@Example.com", "Чайник сломался через неделю",
            "Здравствуйте!\n\nЧайник перестал включаться.\n\nС уважением,\nОльга", b =>
            {
                b.Attachments.Add("kettle.png", MailboxMessages.Png, new ContentType("image", "png"));
                b.Attachments.Add("setup.exe", [0x4D, 0x5A, 0x90, 0x00], new ContentType("application", "octet-stream"));
                b.Attachments.Add(new MessagePart { Message = MailboxMessages.From("Shop", "orders@shop.example.com", "Your order", "Order ZW-884213 shipped.") });
            });
        await dovecot.AppendAsync(message, arrivedAt: arrived, cancellationToken: Ct);

        var complaint = await SingleComplaintAsync(app);

        Assert.Equal(ComplaintChannel.Email, complaint.Channel);
        Assert.Equal(("Ольга Петрова", "olga.petrova@example.com"), (complaint.Customer.Name, complaint.Customer.Email));
        Assert.Equal("Чайник сломался через неделю", complaint.Subject);
        Assert.StartsWith("Здравствуйте!\n\nЧайник перестал включаться.", complaint.Description, StringComparison.Ordinal);
        Assert.Equal("ru", complaint.CustomerLanguage);
        // Received-at is the server's arrival time (INTERNALDATE, whole seconds), not the time the portal read it.
        Assert.Equal(arrived.UtcDateTime, complaint.ReceivedAt, TimeSpan.FromSeconds(1));
        // The PNG is evidence from the customer; the .exe is refused with a reason and the whole e-mail kept instead.
        Assert.Contains("“setup.exe”: Files of this type cannot be attached", complaint.Description, StringComparison.Ordinal);
        // A forwarded e-mail (message/rfc822) is evidence of its own.
        Assert.Equal(["attached-message.eml", "kettle.png", "original-message.eml"], complaint.Evidence.Select(e => e.File!.FileName).Order(StringComparer.Ordinal));
        var png = complaint.Evidence.Single(e => e.File!.FileName == "kettle.png");
        Assert.True(png.FromCustomer, "an e-mail's attachment is evidence from the customer, as the web form's files are");
        Assert.Equal(MailboxMessages.Png, await File.ReadAllBytesAsync(Path.Combine(app.Database.FilesFolder, "evidence", complaint.Id.ToString("N"), png.File!.StoredName), Ct));

        await using var db = app.Database.CreateContext();
        var receipt = Assert.Single(await db.OutboxMessages.Where(m => m.ComplaintId == complaint.Id).ToListAsync(Ct));
        Assert.Equal((CustomerMessageKinds.Received, "olga.petrova@example.com", "ru"), (receipt.Kind, receipt.ToAddress, receipt.Culture));
        Assert.Contains(complaint.Reference, receipt.Subject, StringComparison.Ordinal);
        await EventuallyAsync(async () => (await dovecot.CountAsync(cancellationToken: Ct)).Seen == 1, "the message to be flagged \\Seen after the commit");
        Assert.Equal(InboundOutcomes.Complaint, (await db.Set<InboundMail>().SingleAsync(Ct)).Outcome);
    }

    [Fact]
    public async Task P10_WithAProcessedFolder_HandledMailIsMovedThere_AfterTheCommit()
    {
        await using var dovecot = await DovecotServer.StartNewAsync(Ct);
        await dovecot.CreateFolderAsync("Processed", Ct);
        await using var app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false, Settings = dovecot.PortalSettings(processedFolder: "Processed") });
        await dovecot.AppendAsync(MailboxMessages.From("Marat Quality", "marat@example.kz", "Scratched screen", "The phone arrived scratched."), cancellationToken: Ct);

        await SingleComplaintAsync(app);

        await EventuallyAsync(async () => (await dovecot.CountAsync("Processed", Ct)).Total == 1, "the message to be moved to Processed");
        Assert.Equal(0, (await dovecot.CountAsync(cancellationToken: Ct)).Total);
        await using var db = app.Database.CreateContext();
        Assert.NotNull((await db.Set<InboundMail>().SingleAsync(Ct)).MailboxUpdatedAt);
    }

    [Fact]
    public async Task P41_Replies_ThreadByInReplyToAndByTheReferenceInTheSubject_AndTheOwnerIsNotified()
    {
        await using var dovecot = await DovecotServer.StartNewAsync(Ct);
        await using var app = Portal(dovecot);
        var csm = await app.CreateStaffUserAsync("csm.mailbox@zowor.test", "Mailbox CSM", PortalRoles.Csm);
        await dovecot.AppendAsync(MailboxMessages.From("James Miller", "j.miller@example.com", "Box crushed", "The glasses arrived broken."), cancellationToken: Ct);
        var complaint = await SingleComplaintAsync(app);
        var receiptId = await ReceiptIdAsync(app, complaint.Id);

        var byHeader = MailboxMessages.From("James Miller", "j.miller@example.com", "Re: We have received your complaint",
            "Here is the photo.\n\nOn Tuesday Zowor wrote:\n> Thank you for telling us", b => b.Attachments.Add("box.png", MailboxMessages.Png, new ContentType("image", "png")));
        byHeader.InReplyTo = $"{receiptId:N}@zowor-portal";
        await dovecot.AppendAsync(byHeader, cancellationToken: Ct);
        await dovecot.AppendAsync(MailboxMessages.From("James Miller", "j.miller@example.com", $"Order number for {complaint.Reference.ToLowerInvariant()}", "The order was ZW-100234."), cancellationToken: Ct);

        await EventuallyAsync(async () => (await LoadAsync(app, complaint.Id)).Communications.Count == 2, "both replies to be threaded");
        var threaded = await LoadAsync(app, complaint.Id);
        Assert.Equal(1, await app.Database.CountComplaintsAsync(Ct));
        Assert.All(threaded.Communications, c => Assert.Equal((CommunicationDirection.Inbound, CommunicationChannel.Email), (c.Direction, c.Channel)));
        Assert.Contains(threaded.Communications, c => c.Summary.StartsWith("Here is the photo.", StringComparison.Ordinal) && c.Summary.Contains("> Thank you", StringComparison.Ordinal));
        Assert.Contains(threaded.Communications, c => c.Summary == "The order was ZW-100234.");
        Assert.Equal(2, threaded.History.Count(h => h.Kind == ComplaintHistoryKinds.CustomerEmailReceived));
        Assert.Contains(threaded.Evidence, e => e.File?.FileName == "box.png");
        await using var check = app.Database.CreateContext();
        Assert.Equal(2, await check.Set<UserNotification>().CountAsync(n => n.UserId == csm.Id && n.Kind == NotificationKinds.CustomerReplied, Ct));
        // A reply gets no receipt: the only customer e-mail is the first one's.
        Assert.Equal(1, await check.OutboxMessages.CountAsync(Ct));
    }

    [Fact]
    public async Task P50_AReplyToAClosedComplaint_IsAttachedAndFlagged_AndTheComplaintStaysClosed()
    {
        await using var dovecot = await DovecotServer.StartNewAsync(Ct);
        await using var app = Portal(dovecot);
        var closed = ComplaintBuilder.New().WithChannel(ComplaintChannel.Email).WithReference(ComplaintReference.Create(2025, 77)).InStatus(ComplaintStatus.Closed).Build();
        closed.ClearDomainEvents();
        _ = app.Services; // migrations first
        await using (var db = app.Database.CreateContext())
        {
            db.Complaints.Add(closed);
            await db.SaveChangesAsync(Ct);
        }

        await dovecot.AppendAsync(MailboxMessages.From("Anna Ivanova", "anna.ivanova@example.com", "Re: Your complaint ZW-2025-000077 is closed", "It broke again."), cancellationToken: Ct);

        await EventuallyAsync(async () => (await LoadAsync(app, closed.Id)).Communications.Any(c => c.Channel == CommunicationChannel.Email), "the reply to reach the closed complaint");
        var after = await LoadAsync(app, closed.Id);
        Assert.Equal(ComplaintStatus.Closed, after.Status);
        Assert.NotNull(after.CustomerWroteAfterEndAt);
        Assert.Contains(after.History, h => h.Kind == ComplaintHistoryKinds.CustomerEmailAfterEnd && h.Details == "It broke again.");
        Assert.Equal(1, await app.Database.CountComplaintsAsync(Ct));
    }

    [Fact]
    public async Task P21_AutoRepliesAndVacationReplies_CreateNothing_AndGetNoReceipt()
    {
        await using var dovecot = await DovecotServer.StartNewAsync(Ct);
        await using var app = Portal(dovecot);
        var autoSubmitted = MailboxMessages.From("Olga", "olga@example.com", "Re: We have received your complaint", "I am away.");
        autoSubmitted.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");
        var bulk = MailboxMessages.From("Shop", "news@example.com", "Our newsletter", "Sale!");
        bulk.Headers.Add(HeaderId.Precedence, "bulk");
        var xAutoreply = MailboxMessages.From("Ivan", "ivan@example.com", "Hello", "Auto text");
        xAutoreply.Headers.Add("X-Autoreply", "yes");
        var vacation = MailboxMessages.From("Li Wei", "li.wei@example.cn", "Out of Office: Re: your complaint", "Back on Monday.");
        var russianVacation = MailboxMessages.From("Олег", "oleg@example.ru", "Автоответ: Re: ваша жалоба", "Я в отпуске.");
        foreach (var message in new[] { autoSubmitted, bulk, xAutoreply, vacation, russianVacation })
        {
            await dovecot.AppendAsync(message, cancellationToken: Ct);
        }

        await EventuallyAsync(async () => await CountInboundAsync(app) == 5, "all five messages to be recorded");
        await using var db = app.Database.CreateContext();
        Assert.All(await db.Set<InboundMail>().ToListAsync(Ct), m => Assert.Equal(InboundOutcomes.AutoReply, m.Outcome));
        Assert.Equal(0, await db.Complaints.CountAsync(Ct));
        Assert.Equal(0, await db.OutboxMessages.CountAsync(Ct));
    }

    [Fact]
    public async Task P20_ADeliveryReport_MarksTheOutboxMessageNotDelivered_AndTellsStaff()
    {
        await using var dovecot = await DovecotServer.StartNewAsync(Ct);
        await using var app = Portal(dovecot);
        var csm = await app.CreateStaffUserAsync("csm.dsn@zowor.test", "DSN CSM", PortalRoles.Csm);
        await dovecot.AppendAsync(MailboxMessages.From("Typo Customer", "typo@example.con", "Broken lid", "The lid is broken."), cancellationToken: Ct);
        var complaint = await SingleComplaintAsync(app);
        var receiptId = await ReceiptIdAsync(app, complaint.Id);

        await dovecot.AppendAsync(MailboxMessages.DeliveryFailure($"{receiptId:N}@zowor-portal", "typo@example.con"), cancellationToken: Ct);

        await EventuallyAsync(async () =>
        {
            await using var db = app.Database.CreateContext();
            return await db.OutboxMessages.AnyAsync(m => m.Id == receiptId && m.NotDeliveredAt != null, Ct);
        }, "the receipt to be marked not delivered");
        await using var check = app.Database.CreateContext();
        var receipt = await check.OutboxMessages.SingleAsync(m => m.Id == receiptId, Ct);
        Assert.Contains("550 5.1.1 User unknown", receipt.NotDeliveredReason, StringComparison.Ordinal);
        Assert.Contains((await LoadAsync(app, complaint.Id)).History, h => h.Kind == ComplaintHistoryKinds.EmailNotDelivered);
        Assert.True(await check.Set<UserNotification>().AnyAsync(n => n.UserId == csm.Id && n.Kind == NotificationKinds.EmailNotDelivered, Ct));
        Assert.Equal(1, await check.Complaints.CountAsync(Ct));
    }

    [Fact]
    public async Task P11_TheSameMessageDeliveredTwice_MakesOneComplaint_AndThePortalsOwnMailIsIgnored()
    {
        await using var dovecot = await DovecotServer.StartNewAsync(Ct);
        await using var app = Portal(dovecot);
        var message = MailboxMessages.From("Aigerim Bekova", "aigerim@example.com", "Wrong colour", "I ordered blue and got red.");
        await dovecot.AppendAsync(message, cancellationToken: Ct);
        await dovecot.AppendAsync(message, cancellationToken: Ct);
        await dovecot.AppendAsync(MailboxMessages.From("Zowor Customer Care", "complaints@zowor.test", "We have received your complaint", "Loop?"), cancellationToken: Ct);

        await EventuallyAsync(async () => await CountInboundAsync(app) == 3, "all three messages to be recorded");
        await using var db = app.Database.CreateContext();
        Assert.Equal(1, await db.Complaints.CountAsync(Ct));
        Assert.Equal(1, await db.OutboxMessages.CountAsync(Ct));
        Assert.Equal([InboundOutcomes.Complaint, InboundOutcomes.Duplicate, InboundOutcomes.OwnMail],
            await db.Set<InboundMail>().OrderBy(m => m.Uid).Select(m => m.Outcome).ToListAsync(Ct));
        await EventuallyAsync(async () => (await dovecot.CountAsync(cancellationToken: Ct)).Seen == 3, "every message to be flagged \\Seen");
    }

    [Fact]
    public async Task P01_MalformedOversizeAndForgedLookingMail_IsQuarantinedWhole_AndAnAdminCanReleaseOrDiscardIt()
    {
        await using var dovecot = await DovecotServer.StartNewAsync(Ct);
        await using var app = Portal(dovecot, new() { ["Mail:Inbound:MaxMessageBytes"] = "100000" });
        await dovecot.AppendRawAsync(MailboxMessages.Malformed(), cancellationToken: Ct);
        await dovecot.AppendAsync(MailboxMessages.Large(150_000), cancellationToken: Ct);
        var forged = MailboxMessages.From("Bank Support", "support@bank.example.com", "Refund", "Please pay here.");
        forged.Headers.Add(HeaderId.ReturnPath, "<bounce@spammer.example.net>");
        await dovecot.AppendAsync(forged, cancellationToken: Ct);

        await EventuallyAsync(async () => await CountInboundAsync(app) == 3, "all three messages to be recorded");
        await using (var db = app.Database.CreateContext())
        {
            var quarantined = await db.Set<InboundMail>().OrderBy(m => m.Uid).ToListAsync(Ct);
            Assert.All(quarantined, m => Assert.Equal(InboundOutcomes.Quarantined, m.Outcome));
            Assert.Contains("could not be parsed", quarantined[0].Detail, StringComparison.Ordinal);
            Assert.Contains("larger than the limit", quarantined[1].Detail, StringComparison.Ordinal);
            Assert.Contains("Return-Path domain", quarantined[2].Detail, StringComparison.Ordinal);
            Assert.Equal(MailboxMessages.Malformed(), await File.ReadAllBytesAsync(Path.Combine(app.Database.FilesFolder, quarantined[0].RawPath!), Ct));
            Assert.True(new FileInfo(Path.Combine(app.Database.FilesFolder, quarantined[1].RawPath!)).Length > 150_000);
            Assert.Equal(0, await db.Complaints.CountAsync(Ct));
        }

        await app.CreateStaffUserAsync("admin.mailbox@zowor.test", "Mailbox Admin", PortalRoles.Admin);
        await using var admin = await app.SignInAsync("admin.mailbox@zowor.test");
        var service = admin.Services.GetRequiredService<MailQuarantineService>();
        var listed = await service.ListAsync(Ct);
        Assert.Equal(3, listed.Count);
        var reference = await service.ReleaseAsync(listed.Single(m => m.FromAddress == "big.sender@example.com").Id, Ct);
        await service.DiscardAsync(listed.Single(m => m.FromAddress == "support@bank.example.com").Id, Ct);
        await Assert.ThrowsAsync<DomainException>(() => service.ReleaseAsync(listed.Single(m => m.FromAddress is null).Id, Ct));

        await using var after = app.Database.CreateContext();
        var released = await after.Complaints.SingleAsync(Ct);
        Assert.Equal((reference, ComplaintChannel.Email, "big.sender@example.com"), (released.Reference, released.Channel, released.Customer.Email));
        Assert.Single(await service.ListAsync(Ct)); // the malformed one waits for a person
        Assert.Equal(2, await after.AuditLog.CountAsync(a => a.Action == AuditActions.ReleasedQuarantinedMail || a.Action == AuditActions.DiscardedQuarantinedMail, Ct));
    }

    [Fact]
    public async Task P01_WhileTheMailboxIsDown_HealthIsDegraded_AndEverythingDeliveredMeanwhileArrivesAfterwards()
    {
        await using var dovecot = await DovecotServer.StartNewAsync(Ct);
        await using var app = Portal(dovecot);
        using var http = app.CreateClient();
        await dovecot.AppendAsync(MailboxMessages.From("First Customer", "first@example.com", "Late delivery", "Two weeks late."), cancellationToken: Ct);
        await EventuallyAsync(async () => await app.Database.CountComplaintsAsync(Ct) == 1, "the first complaint");
        Assert.Equal("Healthy", await http.GetStringAsync("health/ready", Ct));

        await dovecot.StopAsync(Ct);
        await EventuallyAsync(async () => await http.GetStringAsync("health/ready", Ct) == "Degraded", "/health/ready to report Degraded");
        // The mail server keeps accepting mail while IMAP is down: it lands in the maildir.
        dovecot.DeliverToMaildir(MailboxMessages.From("Second Customer", "second@example.com", "Missing part", "The lid is missing."));
        dovecot.DeliverToMaildir(MailboxMessages.From("Third Customer", "third@example.com", "Wrong size", "Size 42, not 44."));
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        Assert.Equal("Degraded", await http.GetStringAsync("health/ready", Ct));

        await dovecot.StartAsync(Ct);
        await EventuallyAsync(async () => await app.Database.CountComplaintsAsync(Ct) == 3, "the two messages delivered during the outage");
        await EventuallyAsync(async () => await http.GetStringAsync("health/ready", Ct) == "Healthy", "/health/ready to be Healthy again");
    }

    private static PortalAppFactory Portal(DovecotServer dovecot, Dictionary<string, string?>? extra = null)
    {
        var settings = dovecot.PortalSettings();
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return new PortalAppFactory(new PortalAppOptions { SeedDemoData = false, Settings = settings });
    }

    private static async Task<Complaint> SingleComplaintAsync(PortalAppFactory app)
    {
        _ = app.Services; // starts the host, and with it the mailbox reader
        await EventuallyAsync(async () => await app.Database.CountComplaintsAsync(Ct) == 1, "the e-mail to become a complaint");
        await using var db = app.Database.CreateContext();
        var id = await db.Complaints.Select(c => c.Id).SingleAsync(Ct);
        return await LoadAsync(app, id);
    }

    // The outbox row of the receipt: the portal's Message-ID for it is "{id:N}@zowor-portal".
    private static async Task<Guid> ReceiptIdAsync(PortalAppFactory app, Guid complaintId)
    {
        await using var db = app.Database.CreateContext();
        return await db.OutboxMessages.Where(m => m.ComplaintId == complaintId).Select(m => m.Id).SingleAsync(Ct);
    }

    private static async Task<Complaint> LoadAsync(PortalAppFactory app, Guid id) => (await app.Database.LoadComplaintAsync(id, Ct)).Complaint;

    private static async Task<int> CountInboundAsync(PortalAppFactory app)
    {
        _ = app.Services;
        await using var db = app.Database.CreateContext();
        return await db.Set<InboundMail>().CountAsync(Ct);
    }

    internal static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(200, Ct);
        }

        Assert.Fail($"Waited {Patience.TotalSeconds} s for {what}.");
    }
}
