using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Features.Audit;

/// <summary>Writes the access audit log (<see cref="AuditEntry"/>), each entry committed on its own.</summary>
public sealed class AuditTrail(IDbContextFactory<PortalDbContext> contexts, TimeProvider time)
{
    /// <summary>
    /// A case page reloads on every live change; one viewing of one case by one person within this window is one entry.
    /// </summary>
    public static readonly TimeSpan ViewWindow = TimeSpan.FromMinutes(5);

    public async Task RecordAsync(Actor actor, string action, Guid? complaintId, string? reference, string? detail = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AuditLog.Add(New(actor, action, complaintId, reference, detail));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records that <paramref name="actor"/> saw the customer's personal data on a complaint, unless they already did within <see cref="ViewWindow"/>.</summary>
    public async Task RecordViewAsync(Actor actor, Guid complaintId, string reference, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var since = time.GetUtcNow().UtcDateTime - ViewWindow;
        if (await db.AuditLog.AnyAsync(a => a.ComplaintId == complaintId && a.UserId == actor.Id && a.Action == AuditActions.ViewedPersonalData && a.At >= since, cancellationToken))
        {
            return;
        }

        db.AuditLog.Add(New(actor, AuditActions.ViewedPersonalData, complaintId, reference, null));
        await db.SaveChangesAsync(cancellationToken);
    }

    private AuditEntry New(Actor actor, string action, Guid? complaintId, string? reference, string? detail) => new()
    {
        At = time.GetUtcNow().UtcDateTime,
        UserId = actor.Id,
        UserName = actor.Name,
        Action = action,
        ComplaintId = complaintId,
        Reference = reference,
        Detail = detail,
    };
}
