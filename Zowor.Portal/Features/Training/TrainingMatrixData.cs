using Zowor.Portal.Domain.Training;

namespace Zowor.Portal.Features.Training;

public sealed record TrainingMatrixData(DateOnly Today, IReadOnlyList<CourseInfo> Courses, IReadOnlyList<StaffTraining> Staff)
{
    public IEnumerable<CourseInfo> MandatoryCourses => Courses.Where(c => c.IsMandatory);

    /// <summary>Each (staff member, mandatory course) pair's standing: what compliance counts.</summary>
    public IEnumerable<(StaffTraining Row, CourseInfo Course, TrainingStanding Standing)> Required =>
        Staff.SelectMany(row => MandatoryCourses.Select(course => (row, course, row.Standings[course.Id])));
}
