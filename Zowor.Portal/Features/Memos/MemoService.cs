using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Memos;
using Zowor.Portal.Features.Notifications;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Features.Memos;

/// <summary>
/// Internal memos (P-81). A memo is visible to its audience (the staff in its roles) and to its author, nobody else;
/// Admins, the CCO and Quality publish. Publishing notifies the audience personally, and every change goes out live so
/// unread badges and the author's acknowledgement list update on every node.
/// </summary>
/// <remarks>An acknowledgement is committed together with what waits on it (<see cref="Training.ITeachingEvidenceListener"/>: a
/// CAPA's memo action completes when the last of the audience acknowledged).</remarks>
public sealed class MemoService(
    IDbContextFactory<PortalDbContext> contexts,
    CurrentUser currentUser,
    BusinessClock clock,
    LivePublisher publisher,
    IEnumerable<Training.ITeachingEvidenceListener> evidenceListeners)
{
    /// <summary>The notification reference of memo notifications (the bell words them by kind).</summary>
    public const string NotificationReference = "Memo";

    /// <summary>The memos for me or by me, newest first.</summary>
    public async Task<IReadOnlyList<MemoSummary>> ListMineAsync(CancellationToken cancellationToken = default)
    {
        var (me, roles) = await MeAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Visible(db, me.Id, roles)
            .OrderByDescending(m => m.PublishedAt)
            .Select(m => new MemoSummary(
                m.Id,
                m.Title,
                m.EffectiveOn,
                m.PublishedAt,
                m.AuthorName,
                m.AudienceRoles.Any(r => roles.Contains(r)),
                m.Acknowledgements.Any(a => a.UserId == me.Id),
                m.AuthorId == me.Id))
            .ToListAsync(cancellationToken);
    }

    /// <summary>How many memos for my roles I have not acknowledged yet (the navigation badge).</summary>
    public async Task<int> CountUnacknowledgedAsync(CancellationToken cancellationToken = default)
    {
        var (me, roles) = await MeAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Memos.AsNoTracking()
            .CountAsync(m => m.AudienceRoles.Any(r => roles.Contains(r)) && !m.Acknowledgements.Any(a => a.UserId == me.Id), cancellationToken);
    }

    /// <summary>One memo, or null when it does not exist or is not for me (the two look the same, so nothing leaks).</summary>
    public async Task<MemoDetail?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var (me, roles) = await MeAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var memo = await Visible(db, me.Id, roles).Include(m => m.Acknowledgements).AsSplitQuery().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (memo is null)
        {
            return null;
        }

        var mine = memo.Acknowledgements.SingleOrDefault(a => a.UserId == me.Id);
        IReadOnlyList<MemoReader>? readers = null;
        if (memo.AuthorId == me.Id)
        {
            // The author sees everyone expected to read it: today's members of the audience roles, and anyone who
            // acknowledged and has since changed role (their acknowledgement stays evidence).
            var staff = await StaffDirectory.LoadAsync(db, cancellationToken);
            var acknowledged = memo.Acknowledgements.ToDictionary(a => a.UserId);
            readers = staff.Where(s => memo.IsFor(s.Roles) || acknowledged.ContainsKey(s.Id))
                .Select(s => new MemoReader(s.Id, s.Name, s.Roles, acknowledged.TryGetValue(s.Id, out var a) ? a.At : null))
                .Concat(memo.Acknowledgements.Where(a => staff.All(s => s.Id != a.UserId)).Select(a => new MemoReader(a.UserId, a.UserName, [], a.At)))
                .OrderBy(r => r.AcknowledgedAt is null ? 0 : 1).ThenBy(r => r.Name, StringComparer.CurrentCulture)
                .ToList();
        }

        return new MemoDetail(memo.Id, memo.Title, MemoMarkdown.ToHtml(memo.Body), memo.AudienceRoles, memo.EffectiveOn, memo.PublishedAt,
            memo.AuthorName, memo.IsFor(roles), mine?.At, memo.AuthorId == me.Id, readers);
    }

    /// <summary>Publishes a memo and notifies its audience (not the author).</summary>
    public async Task<Guid> PublishAsync(MemoForm form, CancellationToken cancellationToken = default)
    {
        var author = await currentUser.RequireAsync(PortalRoles.Policies.PublishMemos);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var staged = await StageAsync(db, form, author, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        Announce(staged);
        return staged.Memo.Id;
    }

    /// <summary>
    /// Adds a memo and its audience's notifications to <paramref name="db"/> without saving, so another feature (a CAPA's
    /// memo action) commits them in its own transaction; call <see cref="Announce"/> after the commit.
    /// </summary>
    internal async Task<StagedMemo> StageAsync(PortalDbContext db, MemoForm form, Actor author, CancellationToken cancellationToken)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.PublishMemos);
        var now = clock.UtcNow;
        var effectiveOn = form.EffectiveOn is { } date ? DateOnly.FromDateTime(date) : throw new DomainException("Choose the effective date.");
        var memo = Memo.Publish(form.Title, form.Body, form.AudienceRoles, effectiveOn, PortalRoles.All.ToList(), clock.Today, author, now);
        db.Memos.Add(memo);
        var recipients = (await StaffDirectory.LoadAsync(db, cancellationToken)).Where(s => s.Id != author.Id && memo.IsFor(s.Roles)).ToList();
        var notifications = recipients.Select(s => new UserNotification
        {
            UserId = s.Id,
            Reference = NotificationReference,
            Kind = NotificationKinds.MemoPublished,
            Detail = memo.Title,
            Link = LinkTo(memo.Id),
            CreatedAt = now,
        }).ToList();
        db.Set<UserNotification>().AddRange(notifications);
        return new StagedMemo(memo, author.Id, notifications);
    }

    /// <summary>Tells open pages and the audience's bells about a memo committed after <see cref="StageAsync"/>.</summary>
    internal void Announce(StagedMemo staged)
    {
        publisher.Publish(new MemoChanged(staged.Memo.Id, MemoChange.Published, staged.Memo.AudienceRoles, staged.Memo.AuthorId, staged.PublishedById));
        foreach (var notification in staged.Notifications)
        {
            publisher.Publish(new UserNotified(notification.UserId, null, notification.Reference, notification.Kind));
        }
    }

    /// <summary>
    /// Records that I have read the memo; its notification counts as read too. What waits on the acknowledgement (a CAPA's
    /// memo action, P-81, P-62) is settled in the same transaction.
    /// </summary>
    public async Task AcknowledgeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var (me, roles) = await MeAsync();
        var now = clock.UtcNow;
        var memo = await Training.TeachingEvidenceUnit.SaveAsync(contexts, evidenceListeners, publisher, async (db, ct) =>
        {
            var memo = await db.Memos.Include(m => m.Acknowledgements).SingleOrDefaultAsync(m => m.Id == id, ct)
                ?? throw new DomainException("The memo no longer exists.");
            memo.Acknowledge(me, roles, now);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The same person acknowledged in another tab a moment ago (unique memo + user): that one stands.
                throw new DomainException("You have already acknowledged this memo.");
            }

            var link = LinkTo(id);
            await db.Set<UserNotification>().Where(n => n.UserId == me.Id && n.Link == link && n.ReadAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
            return memo;
        }, (listener, db, memo, ct) => listener.MemoAcknowledgedAsync(db, memo.Id, ct), cancellationToken);
        publisher.Publish(new MemoChanged(memo.Id, MemoChange.Acknowledged, memo.AudienceRoles, memo.AuthorId, me.Id));
    }

    /// <summary>The roles of the signed-in user, as their claims say (the same claims the policies judge).</summary>
    public static IReadOnlyList<string> RolesOf(ClaimsPrincipal principal) => PortalRoles.All.Where(principal.IsInRole).ToList();

    private static string LinkTo(Guid id) => $"memos/{id}";

    private async Task<(Actor Me, List<string> Roles)> MeAsync()
    {
        var me = await currentUser.RequireAsync(PortalRoles.Policies.Staff);
        return (me, RolesOf(await currentUser.GetPrincipalAsync()).ToList());
    }

    private static IQueryable<Memo> Visible(PortalDbContext db, string userId, List<string> roles) =>
        db.Memos.AsNoTracking().Where(m => m.AuthorId == userId || m.AudienceRoles.Any(r => roles.Contains(r)));
}

/// <summary>A memo added to a context but not yet committed, with the notifications to announce after the commit.</summary>
internal sealed record StagedMemo(Memo Memo, string PublishedById, IReadOnlyList<UserNotification> Notifications);
