using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Features.Capa;

/// <summary>
/// The evidence of a CAPA's memo and training actions (P-80, P-81, P-62): who must read the memo or take the course,
/// and who has. A memo's audience is today's staff in its roles; a course counts when completed on or after the day the
/// action was added. Completion is re-evaluated when a CAPA is read and by the hourly CAPA scan (<see cref="SettleAsync"/>).
/// </summary>
public static class TeachingEvidenceQueries
{
    /// <summary>The evidence of each memo or training action of <paramref name="capa"/>, by action number.</summary>
    public static async Task<IReadOnlyDictionary<int, TeachingEvidence>> LoadAsync(PortalDbContext db, CapaRecord capa, CancellationToken cancellationToken)
    {
        var teaching = capa.Actions.Where(a => a.CompletesOnEvidence).ToList();
        if (teaching.Count == 0)
        {
            return new Dictionary<int, TeachingEvidence>();
        }

        var staff = await StaffDirectory.LoadAsync(db, cancellationToken);
        var memoIds = teaching.Where(a => a.MemoId is not null).Select(a => a.MemoId!.Value).Distinct().ToList();
        var memos = await db.Memos.AsNoTracking().Include(m => m.Acknowledgements).Where(m => memoIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var courseIds = teaching.Where(a => a.TrainingCourseId is not null).Select(a => a.TrainingCourseId!.Value).Distinct().ToList();
        var completions = await db.TrainingCompletions.AsNoTracking().Where(c => courseIds.Contains(c.CourseId))
            .Select(c => new { c.CourseId, c.UserId, c.CompletedOn }).ToListAsync(cancellationToken);

        var evidence = new Dictionary<int, TeachingEvidence>();
        foreach (var action in teaching)
        {
            if (action.Kind == CapaActionKind.Memo && action.MemoId is { } memoId && memos.TryGetValue(memoId, out var memo))
            {
                var acknowledged = memo.Acknowledgements.ToDictionary(a => a.UserId, a => a.At);
                evidence[action.Number] = new TeachingEvidence(staff.Where(s => memo.IsFor(s.Roles))
                    .Select(s => new TeachingEvidencePerson(s.Id, s.Name, acknowledged.TryGetValue(s.Id, out var at) ? at : null)).ToList());
            }
            else if (action.Kind == CapaActionKind.Training && action.TrainingCourseId is { } courseId)
            {
                var roles = action.RequiredRoleList;
                var since = action.AddedOn ?? DateOnly.MinValue;
                var completedOn = completions.Where(c => c.CourseId == courseId && c.CompletedOn >= since)
                    .GroupBy(c => c.UserId).ToDictionary(g => g.Key, g => g.Min(c => c.CompletedOn));
                evidence[action.Number] = new TeachingEvidence(staff.Where(s => s.Roles.Any(roles.Contains))
                    .Select(s => new TeachingEvidencePerson(s.Id, s.Name, completedOn.TryGetValue(s.Id, out var on) ? on.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : null)).ToList());
            }
        }

        return evidence;
    }

    /// <summary>Whether an open memo or training action of <paramref name="capa"/> now has complete evidence.</summary>
    public static bool AnyToComplete(CapaRecord capa, IReadOnlyDictionary<int, TeachingEvidence> evidence) =>
        CapaWorkflow.IsOpen(capa.Status)
        && capa.Actions.Any(a => a.CompletesOnEvidence && a.Status == CapaActionStatus.Open && evidence.TryGetValue(a.Number, out var e) && e.IsComplete);

    /// <summary>
    /// Finishes the open memo and training actions of a tracked <paramref name="capa"/> whose evidence is complete, with
    /// the portal as actor; the caller saves. Returns how many it finished.
    /// </summary>
    public static async Task<int> SettleAsync(PortalDbContext db, CapaRecord capa, DateOnly today, DateTime now, CancellationToken cancellationToken)
    {
        var evidence = await LoadAsync(db, capa, cancellationToken);
        return capa.Actions.Where(a => a.CompletesOnEvidence && a.Status == CapaActionStatus.Open).ToList()
            .Count(a => evidence.TryGetValue(a.Number, out var e) && capa.CompleteOnEvidence(a.Number, e, today, now));
    }
}
