using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Domain.Replies;

/// <summary>Replies, internal notes and customer files on the complaint aggregate (issue 15, P-41, P-30).</summary>
public sealed class RepliesAndNotesTests
{
    [Fact]
    public void P41_AReply_IsAnOutboundEmailContactThatClearsTheUpdateFlag_AndAsksForAnEmail()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        complaint.FlagCustomerUpdateDue(builder.Now);
        complaint.ClearDomainEvents();
        var at = builder.Advance();

        complaint.ReplyToCustomer("  Your replacement  ", "  It ships today.  ", builder.Actor, at);

        var contact = complaint.Communications[^1];
        Assert.Equal((CommunicationDirection.Outbound, CommunicationChannel.Email, "It ships today."), (contact.Direction, contact.Channel, contact.Summary));
        Assert.Equal(at, complaint.LastCustomerUpdateAt);
        Assert.Null(complaint.CustomerUpdateDueSince);
        Assert.Equal((ComplaintHistoryKinds.ReplySent, "Your replacement", "It ships today."), (complaint.History[^1].Kind, complaint.History[^1].After, complaint.History[^1].Details));
        var written = Assert.Single(complaint.DomainEvents.OfType<CustomerReplyWritten>());
        Assert.Equal(("Your replacement", "It ships today."), (written.Subject, written.Text));
    }

    [Fact]
    public void AReply_ToACustomerWithoutAnEmailAddress_IsRefusedAndChangesNothing()
    {
        var builder = ComplaintBuilder.New().WithCustomer(CustomerContact.Create("Phone Only", null, "+7 701 555 0101", ContactMethod.Phone));
        var complaint = builder.Build();
        var history = complaint.History.Count;

        Assert.Throws<DomainException>(() => complaint.ReplyToCustomer(null, "Hello", builder.Actor, builder.Advance()));

        Assert.Equal(history, complaint.History.Count);
        Assert.Empty(complaint.Communications);
    }

    [Theory]
    [InlineData(ComplaintStatus.Received)]
    [InlineData(ComplaintStatus.Closed)]
    [InlineData(ComplaintStatus.Withdrawn)]
    public void AnInternalNote_IsATimelineEntryOfItsOwnKind_AndNeverAContact(ComplaintStatus status)
    {
        var builder = ComplaintBuilder.New().InStatus(status);
        var complaint = builder.Build();
        var contacts = complaint.Communications.Count;
        complaint.ClearDomainEvents();

        complaint.AddInternalNote("Customer is a journalist; be careful.", builder.Actor, builder.Advance());

        Assert.Equal((ComplaintHistoryKinds.InternalNote, "Customer is a journalist; be careful."), (complaint.History[^1].Kind, complaint.History[^1].Details));
        Assert.Equal(contacts, complaint.Communications.Count);
        Assert.DoesNotContain(complaint.DomainEvents, e => e is CustomerReplyWritten);
        Assert.Throws<DomainException>(() => complaint.AddInternalNote("   ", builder.Actor, builder.Advance()));
    }

    [Fact]
    public void P30_CustomerFiles_AreEvidenceMarkedFromTheCustomer_AndRefusedOnceTheComplaintIsClosed()
    {
        var builder = ComplaintBuilder.New();
        var complaint = builder.Build();
        var photo = EvidenceFile.Create("jug.jpg", "image/jpeg", 1200, "a1b2", new string('0', 64));

        complaint.AddCustomerFiles([photo], builder.Advance());

        var item = Assert.Single(complaint.Evidence);
        Assert.True(item.FromCustomer);
        Assert.Equal((Actor.CustomerId, "jug.jpg"), (item.AddedById, item.File!.FileName));
        Assert.Equal((ComplaintHistoryKinds.CustomerSentFiles, "jug.jpg"), (complaint.History[^1].Kind, complaint.History[^1].Details));

        var closed = ComplaintBuilder.New().InStatus(ComplaintStatus.Closed);
        var done = closed.Build();
        Assert.Throws<ComplaintWorkflowException>(() => done.AddCustomerFiles([photo], closed.Advance()));
        Assert.DoesNotContain(done.Evidence, e => e.FromCustomer);
    }
}
