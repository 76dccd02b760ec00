using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Features.Audit;

/// <summary>The access audit log for Admins (P-91): newest first, filtered in the database; the CSV streams every match.</summary>
public sealed class AuditLogQueries(IDbContextFactory<PortalDbContext> contexts, CurrentUser currentUser)
{
    /// <summary>Most lines the page shows; the CSV has them all.</summary>
    public const int PageLimit = 500;

    public async Task<IReadOnlyList<AuditLine>> SearchAsync(AuditFilter filter, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Lines(db, filter).Take(PageLimit).ToListAsync(cancellationToken);
    }

    public async IAsyncEnumerable<AuditLine> StreamAsync(AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await foreach (var line in Lines(db, filter).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return line;
        }
    }

    private static IQueryable<AuditLine> Lines(PortalDbContext db, AuditFilter filter)
    {
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.UserId))
        {
            query = query.Where(a => a.UserId == filter.UserId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Reference))
        {
            var reference = filter.Reference.Trim().ToUpperInvariant();
            query = query.Where(a => a.Reference == reference);
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(a => a.Action == filter.Action);
        }

        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.At < end);
        }

        return query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Select(a => new AuditLine(a.Id, a.At, a.UserId, a.UserName, a.Action, a.ComplaintId, a.Reference, a.Detail));
    }
}
