using Microsoft.EntityFrameworkCore;

namespace Zowor.Portal.Data;

/// <summary>Lets features ask for <see cref="PortalDbContext"/> whichever provider is configured.</summary>
internal sealed class PortalDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<PortalDbContext>
    where TContext : PortalDbContext
{
    public PortalDbContext CreateDbContext() => inner.CreateDbContext();
}
