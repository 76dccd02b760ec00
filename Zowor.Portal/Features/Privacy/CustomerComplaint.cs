using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Privacy;

public sealed record CustomerComplaint(Guid Id, string Reference, DateTime ReceivedAt, ComplaintStatus Status, string Name, string? Email, string? Phone);
