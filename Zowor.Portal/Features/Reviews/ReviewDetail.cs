namespace Zowor.Portal.Features.Reviews;

public sealed record ReviewDetail(int Id, ReviewKind Kind, DateOnly PeriodStart, DateOnly PeriodEnd, DateTime GeneratedAt, ReviewFigures Figures, string? Findings,
    IReadOnlyList<ReviewFindingView> FindingList, IReadOnlyList<ReviewSignOffView> SignOffs, DateOnly Today);
