namespace Zowor.Portal.Features.Audit;

public sealed record AuditLine(long Id, DateTime At, string UserId, string UserName, string Action, Guid? ComplaintId, string? Reference, string? Detail);
