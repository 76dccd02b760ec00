using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Domain.Complaints;

/// <summary>
/// P-41: what the customer sends by e-mail is kept on the complaint in every status; after closing it is flagged for
/// staff, and reopening stays a person's decision (P-50).
/// </summary>
public sealed class CustomerEmailTests
{
    private static readonly EvidenceFile Photo = EvidenceFile.Create("photo.png", "image/png", 1234, "stored1", new string('a', 64));

    [Theory]
    [InlineData(ComplaintStatus.Received)]
    [InlineData(ComplaintStatus.Investigating)]
    [InlineData(ComplaintStatus.Resolving)]
    [InlineData(ComplaintStatus.Resolved)]
    public void ReceiveCustomerEmail_OpenOrResolved_AddsAnInboundEmailContactItsFilesAndATimelineEntry(ComplaintStatus status)
    {
        var builder = ComplaintBuilder.New().InStatus(status);
        var complaint = builder.Build();
        complaint.ClearDomainEvents();
        var at = builder.Advance();

        complaint.ReceiveCustomerEmail("  Here is the photo.  ", [Photo], at);

        var contact = complaint.Communications[^1];
        Assert.Equal((CommunicationDirection.Inbound, CommunicationChannel.Email, "Here is the photo.", at, Actor.CustomerId), (contact.Direction, contact.Channel, contact.Summary, contact.At, contact.ById));
        var evidence = complaint.Evidence[^1];
        Assert.Equal((EvidenceKind.Communication, Complaint.CustomerFileDescription, Photo), (evidence.Kind, evidence.Description, evidence.File));
        Assert.Contains(complaint.History, h => h.Kind == ComplaintHistoryKinds.CustomerEmailReceived && h.Details == "Here is the photo.");
        Assert.Null(complaint.CustomerWroteAfterEndAt);
        Assert.Equal(status, complaint.Status);
        Assert.Contains(complaint.DomainEvents, e => e is ComplaintUpdated { Kind: ComplaintHistoryKinds.CustomerEmailReceived });
    }

    [Theory]
    [InlineData(ComplaintStatus.Closed)]
    [InlineData(ComplaintStatus.Withdrawn)]
    public void ReceiveCustomerEmail_AfterTheEnd_IsKeptAndFlaggedAndDoesNotReopen(ComplaintStatus status)
    {
        var builder = ComplaintBuilder.New().InStatus(status);
        var complaint = builder.Build();
        var at = builder.Advance();

        complaint.ReceiveCustomerEmail("It broke again.", [Photo], at);

        Assert.Equal(status, complaint.Status);
        Assert.Equal(at, complaint.CustomerWroteAfterEndAt);
        Assert.Contains(complaint.History, h => h.Kind == ComplaintHistoryKinds.CustomerEmailAfterEnd);
        Assert.Equal(Photo, complaint.Evidence[^1].File);
    }

    [Fact]
    public void Reopen_AfterTheCustomerWrote_ClearsTheFlag()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Closed);
        var complaint = builder.Build();
        complaint.ReceiveCustomerEmail("It broke again.", [], builder.Advance());

        complaint.Reopen("The customer's kettle failed again.", builder.Actor, builder.Advance());

        Assert.Null(complaint.CustomerWroteAfterEndAt);
    }

    [Fact]
    public void ReceiveCustomerEmail_EmptyText_IsRefused()
    {
        var builder = ComplaintBuilder.New();
        var complaint = builder.Build();

        Assert.Throws<DomainException>(() => complaint.ReceiveCustomerEmail("   ", [], builder.Advance()));
        Assert.Empty(complaint.Communications);
    }

    [Fact]
    public void RecordEmailNotDelivered_AddsASystemTimelineEntryWithTheDiagnosis()
    {
        var builder = ComplaintBuilder.New();
        var complaint = builder.Build();
        var at = builder.Advance();

        complaint.RecordEmailNotDelivered("We have received your complaint", "Status: 5.1.1; Diagnostic-Code: smtp; 550 User unknown", at);

        var entry = complaint.History[^1];
        Assert.Equal((ComplaintHistoryKinds.EmailNotDelivered, Actor.SystemId, "We have received your complaint", "Status: 5.1.1; Diagnostic-Code: smtp; 550 User unknown"),
            (entry.Kind, entry.ActorId, entry.After, entry.Details));
    }
}
