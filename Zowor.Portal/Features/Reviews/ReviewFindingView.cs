namespace Zowor.Portal.Features.Reviews;

public sealed record ReviewFindingView(int Id, string Text, string Decision, string? Owner, DateOnly? DueDate, DateTime AddedAt, string AddedByName,
    DateOnly? DoneOn, string? DoneByName);
