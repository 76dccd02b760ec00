using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;

namespace Zowor.Portal.Platform.Identity;

/// <summary>Staff members with their portal roles, read in two queries (memo audiences, training matrices).</summary>
public static class StaffDirectory
{
    public static async Task<IReadOnlyList<StaffMember>> LoadAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking().Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken);
        var roles = await db.UserRoles.AsNoTracking()
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var byUser = roles.Where(r => r.Name is not null).ToLookup(r => r.UserId, r => r.Name!);
        return users
            .Select(u => new StaffMember(u.Id, string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName, byUser[u.Id].Order(StringComparer.Ordinal).ToList()))
            .Where(s => s.Roles.Count > 0)
            .OrderBy(s => s.Name, StringComparer.CurrentCulture)
            .ToList();
    }
}
