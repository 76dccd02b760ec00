namespace Zowor.Portal.Features.Training;

public sealed record CourseInfo(int Id, string Name, string? Description, bool IsMandatory, int? ValidityMonths);
