using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Trends;

/// <summary>One complaint behind a trend figure, as the drill-down lists it.</summary>
public sealed record TrendComplaint(Guid Id, string Reference, string Customer, string Subject, ComplaintStatus Status, DateTime ReceivedAt);
