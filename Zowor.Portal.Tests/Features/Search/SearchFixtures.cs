using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Customers;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Search;

/// <summary>Hand-built complaints for the search and related-complaints tests, registered through the real services.</summary>
public static class SearchFixtures
{
    public const string CsmEmail = "saule.search@zowor.test";

    public static RegisterComplaintForm Form(string name, string? email, string? phone, string subject, string description,
        string? order = null, string product = "SteelBoil 1.7 L kettle", string category = "product-defect", int daysAgo = 3) => new()
        {
            Channel = ComplaintChannel.Phone,
            ReceivedOn = DateTime.UtcNow.Date.AddDays(-daysAgo),
            ReceivedTime = new TimeSpan(10, 0, 0),
            CustomerName = name,
            Email = email,
            Phone = phone,
            PreferredContact = phone is null ? ContactMethod.Email : ContactMethod.Phone,
            OrderNumber = order,
            Product = product,
            Subject = subject,
            Description = description,
            CategoryCode = category,
            Severity = ComplaintSeverity.Normal,
            PreferredResolution = PreferredResolution.Refund,
        };

    /// <summary>The customer writes on /track (an inbound message on the case), as the status page does.</summary>
    public static async Task CustomerWritesAsync(StaffScope scope, RegisteredComplaint complaint, string contact, string text, CancellationToken cancellationToken)
    {
        var channel = scope.Services.GetRequiredService<PublicComplaintService>();
        var view = await channel.LookUpAsync(new StatusLookupForm { Reference = complaint.Reference, Contact = contact }, cancellationToken)
            ?? throw new InvalidOperationException("Status lookup found nothing.");
        await channel.AddInformationAsync(view.Access, text, cancellationToken);
    }

    public static async Task EscalateAsync(StaffScope scope, Guid id, EscalationLevel level, CancellationToken cancellationToken)
    {
        var current = await scope.Complaints.GetCaseAsync(id, cancellationToken) ?? throw new InvalidOperationException("No complaint.");
        await scope.Complaints.EscalateAsync(id, current.Version, new EscalateForm { Level = level, Reason = "The customer asked for the CEO." }, cancellationToken);
    }
}
