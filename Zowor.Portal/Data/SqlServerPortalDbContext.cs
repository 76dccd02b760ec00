using Microsoft.EntityFrameworkCore;

namespace Zowor.Portal.Data;

/// <summary>The production database: SQL Server.</summary>
public sealed class SqlServerPortalDbContext(DbContextOptions<SqlServerPortalDbContext> options) : PortalDbContext(options);
