using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Domain.Customers;

/// <summary>What a customer may do to their own complaint from the status page (P-41, P-73).</summary>
public sealed class CustomerActionsTests
{
    [Theory]
    [InlineData(ComplaintStatus.Received)]
    [InlineData(ComplaintStatus.Investigating)]
    [InlineData(ComplaintStatus.Resolving)]
    [InlineData(ComplaintStatus.Resolved)]
    [InlineData(ComplaintStatus.Reopened)]
    public void P41_CustomerInformation_IsAnInboundContactAndATimelineEntry(ComplaintStatus status)
    {
        var builder = ComplaintBuilder.New().InStatus(status);
        var complaint = builder.Build();
        complaint.ClearDomainEvents();
        var at = builder.Advance();

        complaint.AddCustomerInformation("  The box was also dented.  ", at);

        var contact = complaint.Communications[^1];
        Assert.Equal((CommunicationDirection.Inbound, CommunicationChannel.StatusPage, "The box was also dented.", Actor.CustomerId, at),
            (contact.Direction, contact.Channel, contact.Summary, contact.ById, contact.At));
        var entry = complaint.History[^1];
        Assert.Equal((ComplaintHistoryKinds.CustomerAddedInformation, Actor.CustomerId, "The box was also dented."), (entry.Kind, entry.ActorId, entry.Details));
        Assert.Contains(complaint.DomainEvents, e => e is ComplaintUpdated { Kind: ComplaintHistoryKinds.CustomerAddedInformation });
        // Inbound information is not an update to the customer: the update cadence is unchanged (P-41).
        Assert.Equal(status, complaint.Status);
    }

    [Theory]
    [InlineData(ComplaintStatus.Closed)]
    [InlineData(ComplaintStatus.Withdrawn)]
    public void Information_CannotBeAdded_ToAClosedOrWithdrawnComplaint(ComplaintStatus status)
    {
        var builder = ComplaintBuilder.New().InStatus(status);
        var complaint = builder.Build();
        var contacts = complaint.Communications.Count;

        var refusal = Assert.Throws<ComplaintWorkflowException>(() => complaint.AddCustomerInformation("More details", builder.Advance()));

        Assert.Contains("closed", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(contacts, complaint.Communications.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void EmptyInformation_IsRefused(string text)
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();

        Assert.Throws<DomainException>(() => complaint.AddCustomerInformation(text, builder.Advance()));
    }

    [Theory]
    [InlineData(ComplaintStatus.Received)]
    [InlineData(ComplaintStatus.Acknowledged)]
    [InlineData(ComplaintStatus.Investigating)]
    [InlineData(ComplaintStatus.Resolving)]
    [InlineData(ComplaintStatus.Reopened)]
    public void P73_TheCustomer_EscalatesAnUnresolvedComplaint_StraightToTheCEO(ComplaintStatus status)
    {
        var builder = ComplaintBuilder.New().InStatus(status);
        var complaint = builder.Build();
        complaint.ClearDomainEvents();
        var at = builder.Advance();

        complaint.RequestCeoReview("Nobody has called me back for a week.", at);

        Assert.Equal(EscalationLevel.ChiefExecutive, complaint.EscalationLevel);
        var record = complaint.Escalations[^1];
        Assert.Equal((EscalationLevel.CustomerServiceManager, EscalationLevel.ChiefExecutive, false, Actor.CustomerId, "Nobody has called me back for a week."),
            (record.FromLevel, record.ToLevel, record.Automatic, record.ById, record.Reason));
        Assert.Contains(complaint.DomainEvents, e => e is ComplaintEscalated { To: EscalationLevel.ChiefExecutive, Automatic: false });
        Assert.Equal(at, complaint.EscalatedAt);
    }

    [Theory]
    [InlineData(ComplaintStatus.Resolved)]
    [InlineData(ComplaintStatus.Closed)]
    [InlineData(ComplaintStatus.Withdrawn)]
    public void P73_AResolvedOrEndedComplaint_CannotBeEscalatedByTheCustomer(ComplaintStatus status)
    {
        var builder = ComplaintBuilder.New().InStatus(status);
        var complaint = builder.Build();

        Assert.Throws<ComplaintWorkflowException>(() => complaint.RequestCeoReview("Please review", builder.Advance()));
        Assert.Equal(EscalationLevel.CustomerServiceManager, complaint.EscalationLevel);
    }

    [Fact]
    public void P73_AComplaintAlreadyWithTheCEO_IsNotEscalatedTwice()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        complaint.RequestCeoReview("First request", builder.Advance());

        var refusal = Assert.Throws<ComplaintWorkflowException>(() => complaint.RequestCeoReview("Second request", builder.Advance()));

        Assert.Contains("already with the CEO", refusal.Message, StringComparison.Ordinal);
        Assert.Single(complaint.Escalations);
    }

    [Fact]
    public void P73_TheCustomer_MustGiveAReason()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();

        Assert.Throws<DomainException>(() => complaint.RequestCeoReview(" ", builder.Advance()));
        Assert.Empty(complaint.Escalations);
    }

    [Fact]
    public void P30_AnEvidenceFile_IsEvidenceWithTheFileDescribed_AndErasedWithPersonalData()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Investigating);
        var complaint = builder.Build();
        var file = EvidenceFile.Create("Photo of Ivan's parcel.jpg", "image/jpeg", 2048, "0a1b2c", new string('a', 64));

        complaint.AddEvidenceFile(EvidenceKind.ProductRecord, "Photo of the damage", file, ComplaintBuilder.DefaultActor, builder.Advance());

        var item = complaint.Evidence[^1];
        Assert.Equal(("Photo of the damage", "Photo of Ivan's parcel.jpg", "0a1b2c"), (item.Description, item.File!.FileName, item.File.StoredName));
        Assert.Equal(ComplaintHistoryKinds.EvidenceAdded, complaint.History[^1].Kind);

        complaint.ProposeResolution(ComplaintBuilder.DefaultOffer(), ComplaintBuilder.DefaultActor, builder.Advance());
        complaint.RecordCustomerResponse(true, null, ComplaintBuilder.DefaultActor, builder.Now);
        complaint.Resolve(builder.Now, ComplaintBuilder.DefaultActor, builder.Advance());
        complaint.Close("Done", null, ComplaintBuilder.DefaultActor, builder.Advance());
        complaint.Anonymise(builder.Advance());

        Assert.Equal((Complaint.Erased, Complaint.Erased), (item.Description, item.File!.FileName));
    }

    [Fact]
    public void AnEvidenceFile_CanOnlyBeAdded_WhileInvestigating()
    {
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Acknowledged);
        var complaint = builder.Build();
        var file = EvidenceFile.Create("receipt.pdf", "application/pdf", 10, "stored", new string('b', 64));

        Assert.Throws<ComplaintWorkflowException>(() => complaint.AddEvidenceFile(EvidenceKind.OrderDetails, "Receipt", file, ComplaintBuilder.DefaultActor, builder.Advance()));
        Assert.Empty(complaint.Evidence);
    }
}
