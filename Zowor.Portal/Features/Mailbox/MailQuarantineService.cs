using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Features.Audit;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Storage;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Mailbox;

/// <summary>
/// The Admin's quarantine of the complaints mailbox: messages that were unparseable, too large or from a sender that
/// looks forged, kept whole as .eml. An Admin turns one into a complaint or discards it; both are audited.
/// </summary>
public sealed class MailQuarantineService(
    IDbContextFactory<PortalDbContext> contexts,
    CurrentUser currentUser,
    InboundMailProcessor processor,
    DataFolders folders,
    AuditTrail audit,
    BusinessClock clock,
    ILogger<MailQuarantineService> logger)
{
    /// <summary>The messages waiting for a decision, newest first.</summary>
    public async Task<IReadOnlyList<QuarantinedMail>> ListAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<InboundMail>().AsNoTracking()
            .Where(m => m.Outcome == InboundOutcomes.Quarantined && m.ResolvedAt == null)
            .Select(m => new QuarantinedMail(m.Id, m.ReceivedAt, m.FromAddress, m.Subject, m.Size, m.Detail))
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(m => m.ReceivedAt).ToList();
    }

    /// <summary>Registers a complaint from the quarantined message; returns its reference.</summary>
    public async Task<string> ReleaseAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireAsync(PortalRoles.Policies.Admin);
        var (row, path) = await ClaimAsync(id, actor, cancellationToken);
        Domain.Complaints.Complaint complaint;
        try
        {
            await using var raw = File.OpenRead(path);
            var incoming = IncomingMessage.TryParse(raw)
                ?? throw new DomainException("This message cannot be read as an e-mail (no header with a sender). Discard it, or register the complaint by hand.");
            raw.Position = 0;
            complaint = await processor.RegisterAsync(incoming, raw, row.ReceivedAt, (_, _) => { }, cancellationToken);
        }
        catch
        {
            await UnclaimAsync(id);
            throw;
        }

        await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
        {
            await db.Set<InboundMail>().Where(m => m.Id == id).ExecuteUpdateAsync(u => u.SetProperty(m => m.ComplaintId, complaint.Id), CancellationToken.None);
        }

        await audit.RecordAsync(actor, AuditActions.ReleasedQuarantinedMail, complaint.Id, complaint.Reference, $"Inbound mail {id:N}", CancellationToken.None);
        logger.LogInformation("Quarantined mail {Id} released as complaint {Reference} by {UserId}", id, complaint.Reference, actor.Id);
        return complaint.Reference;
    }

    /// <summary>Discards the quarantined message: its .eml is deleted, its record stays (marked discarded).</summary>
    public async Task DiscardAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireAsync(PortalRoles.Policies.Admin);
        var (_, path) = await ClaimAsync(id, actor, cancellationToken);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await db.Set<InboundMail>().Where(m => m.Id == id).ExecuteUpdateAsync(u => u.SetProperty(m => m.Outcome, InboundOutcomes.Discarded), cancellationToken);
        }

        File.Delete(path);
        await audit.RecordAsync(actor, AuditActions.DiscardedQuarantinedMail, null, null, $"Inbound mail {id:N}", cancellationToken);
        logger.LogInformation("Quarantined mail {Id} discarded by {UserId}", id, actor.Id);
    }

    // Marks the message decided before acting, so two Admins cannot both release it.
    private async Task<(InboundMail Row, string Path)> ClaimAsync(Guid id, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.UtcNow;
        var claimed = await db.Set<InboundMail>()
            .Where(m => m.Id == id && m.Outcome == InboundOutcomes.Quarantined && m.ResolvedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.ResolvedAt, now).SetProperty(m => m.ResolvedByName, actor.Name), cancellationToken);
        if (claimed == 0)
        {
            throw new DomainException("This message has already been dealt with.");
        }

        var row = await db.Set<InboundMail>().AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
        return (row, folders.Resolve(row.RawPath!));
    }

    private async Task UnclaimAsync(Guid id)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await db.Set<InboundMail>().Where(m => m.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.ResolvedAt, (DateTime?)null).SetProperty(m => m.ResolvedByName, (string?)null));
    }
}
