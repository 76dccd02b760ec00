using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Features.Training;

/// <summary>
/// Headline rates for P-80 and P-81, for the review packs and the trends dashboard: how many of those a memo was for
/// have acknowledged it, and how many required trainings are current. No authorization here: callers are jobs and
/// services that have checked their own policy.
/// </summary>
public sealed class ComplianceQueries(IDbContextFactory<PortalDbContext> contexts)
{
    /// <summary>Acknowledgement of the memos published in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), as it stands now.</summary>
    public async Task<MemoAcknowledgementFigures> MemoAcknowledgementAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var memos = await db.Memos.AsNoTracking().Include(m => m.Acknowledgements)
            .Where(m => m.PublishedAt >= fromUtc && m.PublishedAt < toUtc)
            .ToListAsync(cancellationToken);
        if (memos.Count == 0)
        {
            return new MemoAcknowledgementFigures(0, 0, 0);
        }

        var staff = await StaffDirectory.LoadAsync(db, cancellationToken);
        var expected = 0;
        var acknowledged = 0;
        foreach (var memo in memos)
        {
            // Those in the audience today, plus anyone who acknowledged and has since moved on.
            var readers = staff.Where(s => memo.IsFor(s.Roles)).Select(s => s.Id).Union(memo.Acknowledgements.Select(a => a.UserId)).ToList();
            expected += readers.Count;
            acknowledged += memo.Acknowledgements.Count;
        }

        return new MemoAcknowledgementFigures(memos.Count, expected, acknowledged);
    }

    /// <summary>Every staff member's mandatory courses on <paramref name="asOf"/> (business calendar).</summary>
    public async Task<TrainingComplianceFigures> TrainingComplianceAsync(DateOnly asOf, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var matrix = await TrainingMatrix.LoadAsync(db, asOf, onlyUserId: null, cancellationToken);
        return TrainingComplianceFigures.From(matrix);
    }
}
