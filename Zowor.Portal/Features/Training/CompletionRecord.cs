namespace Zowor.Portal.Features.Training;

public sealed record CompletionRecord(string CourseName, DateOnly CompletedOn, DateOnly? ExpiresOn, string Trainer);
