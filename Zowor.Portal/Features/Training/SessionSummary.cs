namespace Zowor.Portal.Features.Training;

public sealed record SessionSummary(int Id, string CourseName, DateOnly HeldOn, string Trainer, int Attendees);
