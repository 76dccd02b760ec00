using Zowor.Portal.Domain.Training;

namespace Zowor.Portal.Features.Training;

public sealed record CourseStanding(CourseInfo Course, TrainingStanding Standing);
