using Microsoft.EntityFrameworkCore;

namespace Zowor.Portal.Data;

/// <summary>The embedded default database: one SQLite file.</summary>
public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options);
