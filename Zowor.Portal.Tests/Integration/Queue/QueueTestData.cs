using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration.Queue;

/// <summary>Complaints registered through the real service for the queue's tests: received yesterday at 10:00 business time.</summary>
internal static class QueueTestData
{
    private static DateTime BusinessToday => TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty")).Date;

    public static async Task<RegisteredComplaint> RegisterAsync(StaffScope staff, string customer, string subject, string? email = null,
        string? order = null, ComplaintSeverity severity = ComplaintSeverity.Normal, DateTime? receivedOn = null) =>
        await staff.Complaints.RegisterAsync(new RegisterComplaintForm
        {
            Channel = ComplaintChannel.Phone,
            ReceivedOn = receivedOn ?? BusinessToday.AddDays(-1),
            ReceivedTime = new TimeSpan(10, 0, 0),
            CustomerName = customer,
            Email = email,
            Phone = "+7 777 555 01 02",
            PreferredContact = ContactMethod.Phone,
            OrderNumber = order,
            Subject = subject,
            Description = subject + ". The customer called about it.",
            CategoryCode = "delivery",
            Severity = severity,
            PreferredResolution = PreferredResolution.Refund,
        }, TestContext.Current.CancellationToken);

    public static async Task AssignAsync(StaffScope staff, Guid id, string ownerId)
    {
        var ct = TestContext.Current.CancellationToken;
        var current = await staff.Complaints.GetCaseAsync(id, ct) ?? throw new InvalidOperationException($"No complaint {id}.");
        await staff.Complaints.AssignAsync(id, current.Version, new AssignForm { OwnerId = ownerId }, ct);
    }
}
