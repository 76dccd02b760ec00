namespace Zowor.Portal.Features.Capa;

public sealed record AlertSummary(
    long Id, string Subject, string? Product, string? CategoryCode, Domain.Complaints.RootCauseCategory? RootCause, int Complaints,
    IReadOnlyList<string> References, DateTime WindowStart, DateTime WindowEnd, DateTime RaisedAt);
