using Bunit;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Features.Replies;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Components.Replies;

/// <summary>
/// The case page's reply form and conversation (issue 15, P-41): a template fills the editable text for this complaint,
/// the reply goes to the outbox and shows as a contact; an internal note shows as a different kind of entry.
/// </summary>
public sealed class CustomerReplyFormTests : PortalComponentTestBase
{
    private const string TemplateName = "Investigation update";

    public CustomerReplyFormTests() => RenderProviders();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateContext();
        db.ReplyTemplates.Add(new ReplyTemplate
        {
            Name = TemplateName,
            SubjectEn = "About {Reference}",
            BodyEn = "Dear {CustomerName}, we are still on complaint {Reference}.",
            SubjectRu = "О {Reference}",
            BodyRu = "{CustomerName}, мы продолжаем работу над {Reference}.",
        });
        db.ReplyTemplates.Add(new ReplyTemplate { Name = "Retired", SubjectEn = "x", BodyEn = "x", SubjectRu = "x", BodyRu = "x", IsActive = false });
        await db.SaveChangesAsync(Cancellation);
    }

    [Fact]
    public async Task P41_ChoosingATemplate_FillsTheEditableTextForThisComplaint_AndSendingItEmailsTheCustomer()
    {
        SignInAsCsm();
        var complaint = await SaveAsync(ComplaintBuilder.AtStatus(ComplaintStatus.Investigating));
        var cut = RenderCase(complaint.Id);

        // Only active templates are offered.
        Assert.Equal([TemplateName], OptionsOf(cut, "Reply template"));
        Popovers.FindAll(".mud-popover-open .mud-list-item").Single().Click();

        cut.WaitForAssertion(() => Assert.Equal($"Dear Anna Ivanova, we are still on complaint {complaint.Reference}.", cut.Find("[data-testid=reply-text]").TextContent));
        Assert.Equal($"About {complaint.Reference}", cut.Find("[data-testid=reply-subject]").GetAttribute("value"));
        cut.Find("[data-testid=reply-text]").Change($"Dear Anna Ivanova, we are still on complaint {complaint.Reference}. The courier collects the kettle on Monday.");
        cut.Find("[data-testid=send-reply]").Click();

        cut.WaitForAssertion(() => Assert.Contains("The courier collects the kettle on Monday.", cut.Find("[data-testid=conversation] [data-testid=contact]").TextContent, StringComparison.Ordinal));
        Assert.Equal(string.Empty, cut.Find("[data-testid=reply-text]").TextContent);
        await using var db = Database.CreateContext();
        var reply = await db.OutboxMessages.SingleAsync(m => m.ComplaintId == complaint.Id && m.Kind == CustomerMessageKinds.Reply, Cancellation);
        Assert.Equal($"[{complaint.Reference}] About {complaint.Reference}", reply.Subject);
    }

    [Fact]
    public async Task TextTypedBeforeChoosingATemplate_IsKeptAboveIt()
    {
        SignInAsCsm();
        var complaint = await SaveAsync(ComplaintBuilder.AtStatus(ComplaintStatus.Investigating));
        var cut = RenderCase(complaint.Id);

        cut.Find("[data-testid=reply-text]").Change("Thank you for the photos.");
        Choose(cut, "Reply template", TemplateName);

        cut.WaitForAssertion(() => Assert.Equal($"Thank you for the photos.{Environment.NewLine}{Environment.NewLine}Dear Anna Ivanova, we are still on complaint {complaint.Reference}.",
            cut.Find("[data-testid=reply-text]").TextContent));
    }

    [Fact]
    public async Task AnUnknownPlaceholder_IsShownAsAnError_TheTextStaysAndNothingIsSent()
    {
        SignInAsCsm();
        var complaint = await SaveAsync(ComplaintBuilder.AtStatus(ComplaintStatus.Investigating));
        var cut = RenderCase(complaint.Id);

        cut.Find("[data-testid=reply-text]").Change("Your order {OrderNumber} is on its way.");
        cut.Find("[data-testid=send-reply]").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("Unknown placeholder {OrderNumber}. Use only {Reference}", cut.Find("[data-testid=reply-error]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal("Your order {OrderNumber} is on its way.", cut.Find("[data-testid=reply-text]").TextContent);
        await using var db = Database.CreateContext();
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.ComplaintId == complaint.Id, Cancellation));
    }

    [Fact]
    public async Task AnInternalNote_ShowsAsItsOwnLabelledEntry_NotAsAContactWithTheCustomer()
    {
        SignInAsCsm();
        var complaint = await SaveAsync(ComplaintBuilder.AtStatus(ComplaintStatus.Investigating));
        await ChangeBehindThePageAsync(complaint.Id, c => c.LogCommunication(CommunicationDirection.Inbound, CommunicationChannel.Phone, "She called about the refund.", ComplaintBuilder.DefaultActor, ComplaintBuilder.BaseTime.AddDays(3)));
        var cut = RenderCase(complaint.Id);

        cut.Find("[data-testid=mode-note]").Click();
        cut.WaitForElement("[data-testid=note-text]").Change("Her husband works for the courier; check the CCTV.");
        cut.Find("[data-testid=add-note]").Click();

        cut.WaitForAssertion(() =>
        {
            var note = cut.Find("[data-testid=conversation] [data-testid=internal-note]");
            Assert.Contains("internal-note", note.ClassList);
            Assert.Equal("Internal note", note.QuerySelector(".internal-note-label")!.TextContent);
            Assert.Contains("Her husband works for the courier; check the CCTV.", note.TextContent, StringComparison.Ordinal);
        });
        var contact = cut.Find("[data-testid=conversation] [data-testid=contact]");
        Assert.Contains("She called about the refund.", contact.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Internal note", contact.TextContent, StringComparison.Ordinal);
        // The timeline marks it too, in its own colour.
        Assert.Contains(cut.FindAll("[data-testid=timeline-entry]"), e => e.GetAttribute("data-kind") == "InternalNote" && e.TextContent.Contains("Internal note", StringComparison.Ordinal));
        await using var db = Database.CreateContext();
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.ComplaintId == complaint.Id, Cancellation));
    }

    [Fact]
    public async Task Staff_WithoutTheComplaintHandlingPolicy_SeeNoReplyForm()
    {
        SignInAs("user-quality-1", "Marat Quality", PortalRoles.Quality);
        var complaint = await SaveAsync(ComplaintBuilder.AtStatus(ComplaintStatus.Investigating));

        var cut = RenderCase(complaint.Id);

        Assert.Empty(cut.FindAll("[data-testid=reply-form]"));
    }

    [Fact]
    public async Task P30_AFileTheCustomerSent_IsMarkedFromTheCustomer()
    {
        SignInAsCsm();
        var builder = ComplaintBuilder.New();
        var complaint = builder.Build();
        complaint.AddCustomerFiles([EvidenceFile.Create("jug.jpg", "image/jpeg", 2048, "stored1", new string('a', 64))], builder.Advance());
        await SaveAsync(complaint);

        var cut = RenderCase(complaint.Id);

        var item = cut.Find("[data-testid=evidence-item]");
        Assert.Equal("true", item.GetAttribute("data-from-customer"));
        Assert.Equal("From the customer", item.QuerySelector("[data-testid=from-customer]")!.TextContent.Trim());
        Assert.Contains("jug.jpg", item.TextContent, StringComparison.Ordinal);
    }

    private IRenderedComponent<ComplaintDetailPage> RenderCase(Guid id)
    {
        var cut = Render<ComplaintDetailPage>(p => p.Add(x => x.Id, id));
        cut.WaitForElement("[data-testid=case-reference]");
        return cut;
    }
}
