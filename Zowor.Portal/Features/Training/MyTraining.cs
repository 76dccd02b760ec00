namespace Zowor.Portal.Features.Training;

public sealed record MyTraining(IReadOnlyList<CourseStanding> Courses, IReadOnlyList<CompletionRecord> History);
