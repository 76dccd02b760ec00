using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Training;
using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Features.Training;

/// <summary>
/// Every staff member's standing on every course on one day (P-80), from the stored completions. Staff, courses and
/// completions are read in a few flat queries and combined in memory: a company's staff and courses number in the
/// hundreds, and the expiry rules stay in one place (<see cref="TrainingStanding.Evaluate"/>).
/// </summary>
public static class TrainingMatrix
{
    public static async Task<TrainingMatrixData> LoadAsync(PortalDbContext db, DateOnly today, string? onlyUserId, CancellationToken cancellationToken)
    {
        var staff = await StaffDirectory.LoadAsync(db, cancellationToken);
        if (onlyUserId is not null)
        {
            staff = staff.Where(s => s.Id == onlyUserId).ToList();
        }

        var courses = await db.TrainingCourses.AsNoTracking()
            .OrderByDescending(c => c.IsMandatory).ThenBy(c => c.Name)
            .Select(c => new CourseInfo(c.Id, c.Name, c.Description, c.IsMandatory, c.ValidityMonths))
            .ToListAsync(cancellationToken);
        var completions = db.TrainingCompletions.AsNoTracking();
        if (onlyUserId is not null)
        {
            completions = completions.Where(c => c.UserId == onlyUserId);
        }

        var done = (await completions.Where(c => c.CompletedOn <= today).Select(c => new { c.UserId, c.CourseId, c.CompletedOn, c.ExpiresOn }).ToListAsync(cancellationToken))
            .ToLookup(c => (c.UserId, c.CourseId), c => (c.CompletedOn, c.ExpiresOn));
        var rows = staff
            .Select(s => new StaffTraining(s, courses.ToDictionary(c => c.Id, c => TrainingStanding.Evaluate(done[(s.Id, c.Id)], today))))
            .ToList();
        return new TrainingMatrixData(today, courses, rows);
    }
}
