using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Zowor.Portal.Data;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Features.Notifications;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Localization;

namespace Zowor.Portal.Features.Reviews;

/// <summary>
/// Tells the roles that read review packs (the <see cref="PortalRoles.Policies.Reviews"/> policy) that one is ready:
/// a bell notification and an e-mail through the outbox for each active reader. Both are added to the context that
/// adds the pack, so they commit with it or not at all — a second node that loses the race to the pack's unique key
/// sends nothing.
/// </summary>
public sealed class ReviewPackNotices(IStringLocalizer<SharedResource> L, IOptions<MailOptions> mail)
{
    public const string MailKind = "ReviewPackReady";

    /// <summary>Adds the notifications and e-mails for <paramref name="pack"/> (not yet saved, so no id: the link is by period).</summary>
    public async Task<IReadOnlyList<UserNotification>> PlanAsync(PortalDbContext db, ReviewPack pack, DateTime now, CancellationToken cancellationToken)
    {
        var roles = PortalRoles.PolicyRoles[PortalRoles.Policies.Reviews];
        var readers = await db.Users.AsNoTracking()
            .Where(u => u.DeactivatedAt == null && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name!))))
            .OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.Language })
            .ToListAsync(cancellationToken);
        var link = LinkTo(pack);
        var period = Period(pack.Kind, pack.PeriodStart);
        var notifications = readers.Select(r => new UserNotification
        {
            UserId = r.Id,
            Reference = period,
            Kind = NotificationKinds.ReviewPackReady,
            Detail = pack.Kind.ToString(),
            Link = link,
            CreatedAt = now,
        }).ToList();
        db.Set<UserNotification>().AddRange(notifications);

        var url = $"{mail.Value.PublicUrl.TrimEnd('/')}/{link}";
        foreach (var reader in readers.Where(r => !string.IsNullOrWhiteSpace(r.Email)))
        {
            // Each reader's e-mail in the language they chose in the portal (English until they choose).
            var (subject, body, culture) = CustomerMailTemplates.InCustomerCulture(reader.Language, culture =>
            {
                var localPeriod = ReviewPdf.PeriodText(pack.Kind, pack.PeriodStart);
                var text = new StringBuilder()
                    .AppendLine(string.Format(culture, L["Dear {0},"], reader.DisplayName)).AppendLine()
                    .AppendLine(string.Format(culture, L["The review pack for {0} is ready to read and sign off (P-63): {1}"], localPeriod, url))
                    .AppendLine()
                    .AppendLine(L["Zowor Complaints Portal"]);
                return (string.Format(culture, L["Review pack ready: {0}"], localPeriod), text.ToString(), culture.Name);
            });
            db.Set<OutboxMessage>().Add(new OutboxMessage
            {
                Kind = MailKind,
                ToAddress = reader.Email!,
                ToName = reader.DisplayName,
                Subject = subject,
                Body = body,
                Culture = culture,
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }

        return notifications;
    }

    /// <summary>The pack's page by period (the id is given by the database on save); the page resolves it.</summary>
    public static string LinkTo(ReviewPack pack) =>
        string.Create(CultureInfo.InvariantCulture, $"reviews?period={pack.Kind.ToString().ToLowerInvariant()}-{pack.PeriodStart:yyyy-MM}");

    /// <summary>"October 2026" or "2026", in the invariant culture (it is stored in the notification).</summary>
    public static string Period(ReviewKind kind, DateOnly start) =>
        kind == ReviewKind.Annual
            ? start.Year.ToString(CultureInfo.InvariantCulture)
            : start.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
}
