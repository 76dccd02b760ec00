using Microsoft.AspNetCore.DataProtection;
using Zowor.Portal.Data;

namespace Zowor.Portal.Platform.Hosting;

/// <summary>
/// One Data Protection key ring for every node, kept in the portal's database (table <c>DataProtectionKeys</c>, both
/// providers) under the fixed application name <see cref="ApplicationName"/>: a sign-in cookie, an antiforgery token or
/// a /track link made by one node is read by any other, and survives a redeploy to another folder. Without it each node
/// keeps its own keys in the user profile (<c>~/.aspnet</c>) and keys them to its content path.
/// </summary>
public static class SharedDataProtection
{
    /// <summary>The application name every node shares (isolates the portal's keys from other apps on the same database).</summary>
    public const string ApplicationName = "Zowor.Portal";

    /// <summary>Call after <c>AddPortalData</c>: the key ring is read once the database initializer has migrated.</summary>
    public static WebApplicationBuilder AddSharedDataProtection(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<PortalDbContext>();

        // Data Protection loads the key ring in a hosted service registered long before the database initializer; on a
        // fresh database it would query a table that does not exist yet. Start it after the migrations instead.
        var loader = builder.Services.Where(d => d.ServiceType == typeof(IHostedService)
            && d.ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService").ToList();
        foreach (var descriptor in loader)
        {
            builder.Services.Remove(descriptor);
            builder.Services.Add(descriptor);
        }

        return builder;
    }
}
