using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Features.Privacy;
using Zowor.Portal.Features.Replies;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Localization;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Replies;

/// <summary>
/// Replies from the case and internal notes (issue 15, P-41), on the real portal and a real SQLite file: a reply is an
/// e-mail in the outbox (multipart, Reply-To the complaints mailbox, the reference in the subject) and a line on the
/// status page; a note reaches neither.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class CustomerReplyTests : IAsyncLifetime
{
    private const string CsmEmail = "csm.reply@zowor.test";
    private const string AgentEmail = "agent.reply@zowor.test";
    private const string QualityEmail = "quality.reply@zowor.test";
    private const string AdminEmail = "admin.reply@zowor.test";
    private const string ComplaintsMailbox = "complaints@zowor.example";

    private readonly PortalAppFactory _app = new(new PortalAppOptions
    {
        SeedDemoData = false,
        Settings = new Dictionary<string, string?> { ["Mail:ComplaintsAddress"] = ComplaintsMailbox, ["Mail:FromAddress"] = "no-reply@zowor.example" },
    });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await _app.CreateStaffUserAsync(CsmEmail, "Saule Omarova", PortalRoles.Csm);
        await _app.CreateStaffUserAsync(AgentEmail, "Aigerim Agent", PortalRoles.Agent);
        await _app.CreateStaffUserAsync(QualityEmail, "Marat Quality", PortalRoles.Quality);
        await _app.CreateStaffUserAsync(AdminEmail, "Portal Admin", PortalRoles.Admin);
    }

    [Fact]
    public async Task P41_AReplyFromATemplate_GoesOutInRussian_WithThePlaceholdersFilledAsMultipartWithReplyToTheComplaintsMailbox()
    {
        await using var csm = await _app.SignInAsync(CsmEmail);
        var complaint = await csm.Complaints.RegisterAsync(Form("Ольга Петрова", "olga@example.ru", "ru"), Ct);
        await new CaseSteps(csm, complaint.Id).AcknowledgeAsync();
        var replies = csm.Services.GetRequiredService<ReplyService>();
        var template = (await replies.GetActiveTemplatesAsync(Ct)).Single(t => t.Name == "Investigation update");
        var current = (await csm.Complaints.GetCaseAsync(complaint.Id, Ct))!;

        var filled = (await replies.FillTemplateAsync(current, template.Id, Ct))!;

        var estimate = DateOnly.FromDateTime(DateTime.UtcNow.Date.AddDays(14)).ToString(Dates.DatePattern, CultureInfo.GetCultureInfo("ru"));
        Assert.Equal("Мы продолжаем разбираться с вашей жалобой", filled.Subject);
        Assert.Contains($"до {estimate};", filled.Text, StringComparison.Ordinal);
        Assert.Contains($"/track?reference={complaint.Reference}", filled.Text, StringComparison.Ordinal);
        Assert.EndsWith("Saule Omarova", filled.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('{', filled.Text);

        // Staff edit the text; what they type is the customer's e-mail, encoded in the HTML part. Markup is refused as at
        // every door (issue 18's one input policy); a "<" that is not a tag is plain text.
        await Assert.ThrowsAnyAsync<DomainException>(() => replies.ReplyAsync(complaint.Id, current.Version,
            new CustomerReplyModel { TemplateId = template.Id, Subject = filled.Subject, Text = filled.Text + "\n\nP.S. <b>Не</b> выбрасывайте." }, Ct));
        var text = filled.Text + "\n\nP.S. Коробка весит < 3 кг: не выбрасывайте упаковку & чек.";
        await replies.ReplyAsync(complaint.Id, current.Version, new CustomerReplyModel { TemplateId = template.Id, Subject = filled.Subject, Text = text }, Ct);

        var reply = await OutboxAsync(complaint.Id, CustomerMessageKinds.Reply);
        Assert.Equal($"[{complaint.Reference}] Мы продолжаем разбираться с вашей жалобой", reply.Subject);
        Assert.Equal("ru", reply.Culture);
        Assert.StartsWith("Уважаемый(ая) Ольга Петрова!", reply.Body, StringComparison.Ordinal);
        Assert.Contains(text, reply.Body, StringComparison.Ordinal);

        var mime = OutboundMail.ToMime(reply, _app.Services.GetRequiredService<IOptions<MailOptions>>().Value);
        var alternative = Assert.IsType<MultipartAlternative>(mime.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Equal(ComplaintsMailbox, mime.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("no-reply@zowor.example", mime.From.Mailboxes.Single().Address);
        Assert.Equal(reply.MessageId, mime.MessageId);
        Assert.Contains("P.S. Коробка весит < 3 кг: не выбрасывайте упаковку & чек.", mime.TextBody, StringComparison.Ordinal);
        Assert.Contains("P.S. Коробка весит &lt; 3 кг: не выбрасывайте упаковку &amp; чек.", mime.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"http://localhost:5190/track?reference={complaint.Reference}\">", mime.HtmlBody, StringComparison.Ordinal);

        // On the case: an outbound e-mail contact and a "Reply sent" timeline entry; on the status page: the text.
        var (stored, _) = await _app.Database.LoadComplaintAsync(complaint.Id, Ct);
        var contact = stored.Communications[^1];
        Assert.Equal((CommunicationDirection.Outbound, CommunicationChannel.Email, text), (contact.Direction, contact.Channel, contact.Summary));
        Assert.Contains(stored.History, h => h.Kind == ComplaintHistoryKinds.ReplySent);
        using var site = new PublicSite(_app);
        var (_, page) = await site.LookUpAsync(complaint.Reference, "olga@example.ru", Ct);
        var updates = page.QuerySelector("[data-testid=customer-updates]")!.TextContent;
        Assert.Contains($"[{complaint.Reference}] Мы продолжаем разбираться с вашей жалобой", updates, StringComparison.Ordinal);
        Assert.Contains("выбрасывайте упаковку & чек.", updates, StringComparison.Ordinal);
    }

    [Fact]
    public async Task P41_PlaceholdersTypedInAnEnglishReply_AreFilled_AndAnEmptySubjectIsTheStandardOne()
    {
        await using var agent = await _app.SignInAsync(AgentEmail);
        var complaint = await agent.Complaints.RegisterAsync(Form("John Smith", "john@example.com", "en"), Ct);
        var current = (await agent.Complaints.GetCaseAsync(complaint.Id, Ct))!;

        await agent.Services.GetRequiredService<ReplyService>().ReplyAsync(complaint.Id, current.Version, new CustomerReplyModel
        {
            Text = "Hello {CustomerName}, complaint {Reference} should be resolved by {EstimatedResolutionDate}. Follow it at {TrackingLink}",
        }, Ct);

        var reply = await OutboxAsync(complaint.Id, CustomerMessageKinds.Reply);
        Assert.Equal($"[{complaint.Reference}] Update on your complaint", reply.Subject);
        Assert.Contains($"Hello John Smith, complaint {complaint.Reference} should be resolved by to be confirmed. Follow it at http://localhost:5190/track?reference={complaint.Reference}", reply.Body, StringComparison.Ordinal);
        Assert.Equal("en", reply.Culture);
    }

    [Fact]
    public async Task AnUnknownPlaceholder_IsRefusedWithItsName_AndNothingIsStoredOrSent()
    {
        await using var csm = await _app.SignInAsync(CsmEmail);
        var complaint = await csm.Complaints.RegisterAsync(Form("John Smith", "john@example.com", "en"), Ct);
        var current = (await csm.Complaints.GetCaseAsync(complaint.Id, Ct))!;

        var refused = await Assert.ThrowsAsync<DomainException>(() => csm.Services.GetRequiredService<ReplyService>()
            .ReplyAsync(complaint.Id, current.Version, new CustomerReplyModel { Text = "Your reference is {Refrence}." }, Ct));

        Assert.StartsWith("Unknown placeholder {Refrence}. Use only {Reference}, {CustomerName}", refused.Message, StringComparison.Ordinal);
        await using var db = _app.Database.CreateContext();
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.ComplaintId == complaint.Id, Ct));
        var (stored, _) = await _app.Database.LoadComplaintAsync(complaint.Id, Ct);
        Assert.Empty(stored.Communications);
    }

    [Fact]
    public async Task AnInternalNote_IsOnTheCase_ButInNoEmailNotOnTheStatusPageAndNotInTheGDPRExport()
    {
        const string Note = "Sounded upset; NOTE-7731 offer goodwill if the courier confirms the damage.";
        await using var csm = await _app.SignInAsync(CsmEmail);
        var complaint = await csm.Complaints.RegisterAsync(Form("John Smith", "john@example.com", "en"), Ct);
        var replies = csm.Services.GetRequiredService<ReplyService>();

        await replies.AddInternalNoteAsync(complaint.Id, (await csm.Complaints.GetCaseAsync(complaint.Id, Ct))!.Version, Note, Ct);
        // Later customer e-mails (acknowledgement, a reply) must not carry it either.
        await new CaseSteps(csm, complaint.Id).AcknowledgeAsync();
        await replies.ReplyAsync(complaint.Id, (await csm.Complaints.GetCaseAsync(complaint.Id, Ct))!.Version, new CustomerReplyModel { Text = "We are on it." }, Ct);

        var (stored, _) = await _app.Database.LoadComplaintAsync(complaint.Id, Ct);
        var entry = Assert.Single(stored.History, h => h.Kind == ComplaintHistoryKinds.InternalNote);
        Assert.Equal((Note, "Saule Omarova"), (entry.Details, entry.ActorName));
        Assert.DoesNotContain(stored.Communications, c => c.Summary.Contains("NOTE-7731", StringComparison.Ordinal));

        await using var db = _app.Database.CreateContext();
        var outbox = await db.OutboxMessages.AsNoTracking().Where(m => m.ComplaintId == complaint.Id).ToListAsync(Ct);
        Assert.Equal(2, outbox.Count);
        Assert.DoesNotContain(outbox, m => m.Body.Contains("NOTE-7731", StringComparison.Ordinal) || m.Subject.Contains("NOTE-7731", StringComparison.Ordinal));

        using var site = new PublicSite(_app);
        var (response, _) = await site.LookUpAsync(complaint.Reference, "john@example.com", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("We are on it.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("NOTE-7731", html, StringComparison.Ordinal);

        var export = await csm.Services.GetRequiredService<PrivacyService>().ExportAsync([complaint.Id], Ct);
        var json = Encoding.UTF8.GetString(export.Content);
        Assert.Contains("We are on it.", json, StringComparison.Ordinal);
        Assert.DoesNotContain("NOTE-7731", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACustomerWithoutAnEmailAddress_CannotBeRepliedToByEmail()
    {
        await using var csm = await _app.SignInAsync(CsmEmail);
        var complaint = await csm.Complaints.RegisterAsync(Form("Phone Only", null, "en"), Ct);

        var version = (await csm.Complaints.GetCaseAsync(complaint.Id, Ct))!.Version;

        var refused = await Assert.ThrowsAsync<DomainException>(() => csm.Services.GetRequiredService<ReplyService>()
            .ReplyAsync(complaint.Id, version, new CustomerReplyModel { Text = "Hello" }, Ct));

        Assert.Equal("The customer has no e-mail address. Call them and log the call as a contact.", refused.Message);
    }

    [Fact]
    public async Task OnlyComplaintHandlers_ReplyOrAddNotes_AndOnlyAnAdminEditsTemplates()
    {
        Guid id;
        await using (var csm = await _app.SignInAsync(CsmEmail))
        {
            id = (await csm.Complaints.RegisterAsync(Form("John Smith", "john@example.com", "en"), Ct)).Id;
            await Assert.ThrowsAsync<PortalAccessDeniedException>(() => csm.Services.GetRequiredService<ReplyService>().SaveTemplateAsync(TemplateForm("CSM's own"), Ct));
        }

        await using (var quality = await _app.SignInAsync(QualityEmail))
        {
            var replies = quality.Services.GetRequiredService<ReplyService>();
            await Assert.ThrowsAsync<PortalAccessDeniedException>(() => replies.ReplyAsync(id, 1, new CustomerReplyModel { Text = "Hi" }, Ct));
            await Assert.ThrowsAsync<PortalAccessDeniedException>(() => replies.AddInternalNoteAsync(id, 1, "Note", Ct));
            await Assert.ThrowsAsync<PortalAccessDeniedException>(() => replies.GetActiveTemplatesAsync(Ct));
        }

        await using var admin = await _app.SignInAsync(AdminEmail);
        var adminReplies = admin.Services.GetRequiredService<ReplyService>();
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => adminReplies.ReplyAsync(id, 1, new CustomerReplyModel { Text = "Hi" }, Ct));
        var unknown = await Assert.ThrowsAsync<DomainException>(() => adminReplies.SaveTemplateAsync(TemplateForm("Typo", bodyRu: "Ваша жалоба {Referense}"), Ct));
        Assert.StartsWith("Unknown placeholder {Referense}.", unknown.Message, StringComparison.Ordinal);
        var saved = await adminReplies.SaveTemplateAsync(TemplateForm("Courier claim"), Ct);
        var retired = ReplyTemplateForm.From((await adminReplies.GetAllTemplatesAsync(Ct)).Single(t => t.Name == "Apology for the delay"));
        retired.IsActive = false;
        await adminReplies.SaveTemplateAsync(retired, Ct);
        await Assert.ThrowsAsync<DomainException>(() => adminReplies.SaveTemplateAsync(TemplateForm("Courier claim"), Ct));

        await using var agent = await _app.SignInAsync(AgentEmail);
        var offered = await agent.Services.GetRequiredService<ReplyService>().GetActiveTemplatesAsync(Ct);
        Assert.Contains(offered, t => t.Id == saved);
        Assert.DoesNotContain(offered, t => t.Name == "Apology for the delay");
        Assert.Equal(4, offered.Count);
        await agent.Services.GetRequiredService<ReplyService>().AddInternalNoteAsync(id, (await agent.Complaints.GetCaseAsync(id, Ct))!.Version, "Agent's note", Ct);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static RegisterComplaintForm Form(string name, string? email, string language)
    {
        var form = CustomerFixtures.Form(name, email, email is null ? "+7 701 555 0101" : null, "Kettle leaks", "QX-100200");
        form.PreferredContact = email is null ? ContactMethod.Phone : ContactMethod.Email;
        form.CustomerLanguage = language;
        return form;
    }

    private static ReplyTemplateForm TemplateForm(string name, string bodyRu = "Жалоба {Reference}: курьер подтвердил повреждение.") => new()
    {
        Name = name,
        SubjectEn = "About the courier",
        BodyEn = "Complaint {Reference}: the courier confirmed the damage.",
        SubjectRu = "О курьере",
        BodyRu = bodyRu,
        IsActive = true,
    };

    private async Task<OutboxMessage> OutboxAsync(Guid complaintId, string kind)
    {
        await using var db = _app.Database.CreateContext();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ComplaintId == complaintId && m.Kind == kind, Ct);
    }
}
