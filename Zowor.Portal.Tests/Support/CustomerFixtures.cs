using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;

namespace Zowor.Portal.Tests.Support;

/// <summary>Registration forms for tests about one customer's data (privacy, audit, faults).</summary>
public static class CustomerFixtures
{
    public static RegisterComplaintForm Form(string name, string? email, string? phone, string subject, string orderNumber) => new()
    {
        Channel = ComplaintChannel.Phone,
        ReceivedOn = DateTime.UtcNow.Date.AddDays(-3),
        ReceivedTime = new TimeSpan(10, 0, 0),
        CustomerName = name,
        Email = email,
        Phone = phone,
        PreferredContact = phone is null ? ContactMethod.Email : ContactMethod.Phone,
        OrderNumber = orderNumber,
        Product = "SteelBoil 1.7 L kettle",
        Subject = subject,
        Description = $"{name} says: {subject}. Call back on the number given.",
        CategoryCode = "product-defect",
        Severity = ComplaintSeverity.Normal,
        PreferredResolution = PreferredResolution.Refund,
    };
}
