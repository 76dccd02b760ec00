using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Reviews;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Reviews;

/// <summary>Monthly and annual review packs for the quality team (P-63).</summary>
public sealed class ReviewService(IDbContextFactory<PortalDbContext> contexts, CurrentUser currentUser, TimeProvider time, BusinessClock clock)
{
    public async Task<IReadOnlyList<ReviewSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Reviews);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ReviewPack>().AsNoTracking()
            .OrderByDescending(p => p.PeriodStart).ThenBy(p => p.Kind)
            .Select(p => new ReviewSummary(p.Id, p.Kind, p.PeriodStart, p.PeriodEnd, p.GeneratedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<ReviewDetail?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Reviews);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pack = await db.Set<ReviewPack>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (pack is null)
        {
            return null;
        }

        var findings = await db.Set<ReviewFinding>().AsNoTracking().Where(f => f.ReviewPackId == id)
            .OrderBy(f => f.AddedAt).ThenBy(f => f.Id)
            .Select(f => new ReviewFindingView(f.Id, f.Text, f.Decision, f.Owner, f.DueDate, f.AddedAt, f.AddedByName, f.DoneOn, f.DoneByName))
            .ToListAsync(cancellationToken);
        var signOffs = await db.Set<ReviewSignOff>().AsNoTracking().Where(s => s.ReviewPackId == id).OrderBy(s => s.SignedAt).ThenBy(s => s.Id)
            .Select(s => new ReviewSignOffView(s.Role, s.SignedByName, s.SignedAt))
            .ToListAsync(cancellationToken);
        return new ReviewDetail(pack.Id, pack.Kind, pack.PeriodStart, pack.PeriodEnd, pack.GeneratedAt,
            JsonSerializer.Deserialize<ReviewFigures>(pack.FiguresJson, ReviewPackJob.Json)!, pack.Findings, findings, signOffs, clock.Today);
    }

    /// <summary>The pack of a period (a notification links by period), or null.</summary>
    public async Task<int?> FindAsync(ReviewKind kind, DateOnly periodStart, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Reviews);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ReviewPack>().AsNoTracking().Where(p => p.Kind == kind && p.PeriodStart == periodStart)
            .Select(p => (int?)p.Id).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Signs the pack off for one of the signer's roles (P-63): Quality or the CCO, once per pack and role. The unique key
    /// refuses a second sign-off that raced this one; it gets the same message.
    /// </summary>
    public async Task<ReviewSignOffView> SignOffAsync(int id, string role, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireAsync(PortalRoles.Policies.ReviewSignOff);
        var principal = await currentUser.GetPrincipalAsync();
        var held = ReviewSignOffRules.SigningRoles.Where(principal.IsInRole).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<ReviewPack>().AnyAsync(p => p.Id == id, cancellationToken))
        {
            throw new DomainException("The review pack no longer exists.");
        }

        var signed = await db.Set<ReviewSignOff>().Where(s => s.ReviewPackId == id).Select(s => s.Role).ToListAsync(cancellationToken);
        ReviewSignOffRules.Check(role, held, signed);
        var signOff = new ReviewSignOff
        {
            ReviewPackId = id,
            Role = role,
            SignedById = actor.Id,
            SignedByName = actor.Name,
            SignedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Add(signOff);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (Platform.Operations.DatabaseFault.Classify(ex) is null)
        {
            throw new DomainException("This review pack is already signed off for {0}.", role);
        }

        return new ReviewSignOffView(signOff.Role, signOff.SignedByName, signOff.SignedAt);
    }

    /// <summary>Quality records that a decision was carried out; the next review shows it done (ISO 9001 9.3.2 a).</summary>
    public async Task MarkDecisionDoneAsync(int findingId, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireAsync(PortalRoles.Policies.ReviewFindings);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var finding = await db.Set<ReviewFinding>().SingleOrDefaultAsync(f => f.Id == findingId, cancellationToken)
            ?? throw new DomainException("The decision no longer exists.");
        finding.MarkDone(clock.Today, actor.Name);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Quality adds a finding and the decision on it (P-63); findings are only added, never edited, so they read as a timeline.</summary>
    public async Task<ReviewFindingView> AddFindingAsync(int id, ReviewFindingForm form, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireAsync(PortalRoles.Policies.ReviewFindings);
        Platform.Security.PlainText.Ensure(form);
        var text = Guard.Text(form.Text, "Finding", ReviewFinding.MaxTextLength);
        var decision = Guard.Text(form.Decision, "Decision", ReviewFinding.MaxTextLength);
        var owner = Guard.OptionalText(form.Owner, "Owner", ReviewFinding.MaxOwnerLength);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<ReviewPack>().AnyAsync(p => p.Id == id, cancellationToken))
        {
            throw new DomainException("The review pack no longer exists.");
        }

        var finding = new ReviewFinding
        {
            ReviewPackId = id,
            Text = text,
            Decision = decision,
            Owner = owner,
            DueDate = form.DueDate is { } due ? DateOnly.FromDateTime(due) : null,
            AddedAt = time.GetUtcNow().UtcDateTime,
            AddedById = actor.Id,
            AddedByName = actor.Name,
        };
        db.Add(finding);
        await db.SaveChangesAsync(cancellationToken);
        return new ReviewFindingView(finding.Id, finding.Text, finding.Decision, finding.Owner, finding.DueDate, finding.AddedAt, finding.AddedByName, null, null);
    }

    public async Task SaveFindingsAsync(int id, string? findings, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Reviews);
        var text = Guard.OptionalText(findings, "Findings", 8000);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pack = await db.Set<ReviewPack>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new DomainException("The review pack no longer exists.");
        pack.Findings = text;
        await db.SaveChangesAsync(cancellationToken);
    }
}
