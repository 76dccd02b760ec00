using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Search;

public sealed record RelatedComplaint(Guid Id, string Reference, DateTime ReceivedAt, string Subject, ComplaintStatus Status);
