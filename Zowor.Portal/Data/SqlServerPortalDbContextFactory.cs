using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Zowor.Portal.Data;

/// <summary>Lets <c>dotnet ef</c> build the SQL Server model without a server.</summary>
public sealed class SqlServerPortalDbContextFactory : IDesignTimeDbContextFactory<SqlServerPortalDbContext>
{
    public SqlServerPortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerPortalDbContext>()
            .UseSqlServer("Server=(localdb)\\design-time;Database=ZoworPortal;Trusted_Connection=True")
            .Options);
}
