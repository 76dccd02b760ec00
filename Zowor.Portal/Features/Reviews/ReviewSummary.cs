namespace Zowor.Portal.Features.Reviews;

public sealed record ReviewSummary(int Id, ReviewKind Kind, DateOnly PeriodStart, DateOnly PeriodEnd, DateTime GeneratedAt);
