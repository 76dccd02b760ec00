using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Features.Notifications;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Reviews;

/// <summary>
/// Development demo review packs (P-63), made by the pack job on the seeded data: the first month's pack with two
/// decisions (one done, one not) and Quality's sign-off, then the catch-up for the other months (the next one shows
/// those decisions), and last year's annual pack so the annual layout can be seen. The demo readers' "pack ready"
/// bell items and e-mails are marked read and sent: they are history, not news.
/// </summary>
public sealed class ReviewDemoData(IDbContextFactory<PortalDbContext> contexts, ReviewPackJob job, BusinessClock clock)
{
    public async Task SeedAsync(IReadOnlyDictionary<string, Actor> people, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Set<ReviewPack>().AnyAsync(cancellationToken) || await db.Complaints.MinAsync(c => (DateTime?)c.ReceivedAt, cancellationToken) is not { } first)
        {
            return;
        }

        var quality = people[PortalRoles.Quality];
        var firstDay = DateOnly.FromDateTime(clock.ToLocal(first));
        var firstMonth = new DateOnly(firstDay.Year, firstDay.Month, 1);
        if (await job.EnsureAsync(ReviewKind.Monthly, firstMonth, firstMonth.AddMonths(1), cancellationToken, allowEmpty: true) is { } pack)
        {
            var decided = pack.GeneratedAt.AddHours(2);
            var done = new ReviewFinding
            {
                ReviewPackId = pack.Id, Text = "Acknowledgements by phone are logged late at weekends.", Decision = "Add a Saturday CSM rota.",
                Owner = "CSM team", DueDate = firstMonth.AddMonths(1).AddDays(14), AddedAt = decided, AddedById = quality.Id, AddedByName = quality.Name,
            };
            done.MarkDone(firstMonth.AddMonths(1).AddDays(10), quality.Name);
            db.AddRange(done, new ReviewFinding
            {
                ReviewPackId = pack.Id, Text = "Kettle complaints cluster on one batch.", Decision = "Ask the supplier for the batch test reports.",
                Owner = "Quality", DueDate = firstMonth.AddMonths(1).AddDays(20), AddedAt = decided, AddedById = quality.Id, AddedByName = quality.Name,
            });
            db.Add(new ReviewSignOff { ReviewPackId = pack.Id, Role = PortalRoles.Quality, SignedById = quality.Id, SignedByName = quality.Name, SignedAt = decided.AddHours(1) });
            await db.SaveChangesAsync(cancellationToken);
        }

        await job.CatchUpAsync(cancellationToken);
        var lastYear = new DateOnly(clock.Today.Year - 1, 1, 1);
        await job.EnsureAsync(ReviewKind.Annual, lastYear, lastYear.AddYears(1), cancellationToken, allowEmpty: true);

        var now = clock.UtcNow;
        await db.Set<UserNotification>().Where(n => n.Kind == NotificationKinds.ReviewPackReady && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        await db.Set<OutboxMessage>().Where(m => m.Kind == ReviewPackNotices.MailKind && m.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now).SetProperty(m => m.Attempts, 1), cancellationToken);
    }
}
