using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Features.Identity;

namespace Zowor.Portal.Features.Reviews;

/// <summary>Monthly and annual review packs for the quality team (P-63).</summary>
public sealed class ReviewService(IDbContextFactory<PortalDbContext> contexts, CurrentUser currentUser)
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
        return pack is null
            ? null
            : new ReviewDetail(pack.Id, pack.Kind, pack.PeriodStart, pack.PeriodEnd, pack.GeneratedAt,
                JsonSerializer.Deserialize<ReviewFigures>(pack.FiguresJson, ReviewPackJob.Json)!, pack.Findings);
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

public sealed record ReviewSummary(int Id, ReviewKind Kind, DateOnly PeriodStart, DateOnly PeriodEnd, DateTime GeneratedAt);

public sealed record ReviewDetail(int Id, ReviewKind Kind, DateOnly PeriodStart, DateOnly PeriodEnd, DateTime GeneratedAt, ReviewFigures Figures, string? Findings);
