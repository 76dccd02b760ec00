using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Features.Audit;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Admin;

/// <summary>Staff accounts: there is no self-registration, so this is the only way in (Admin only).</summary>
public sealed class UserAdminService(
    UserManager<PortalUser> users,
    CurrentUser currentUser,
    SessionRevocation revocation,
    AuditTrail audit,
    TimeProvider time,
    ILogger<UserAdminService> logger)
{
    public async Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Admin);
        var all = await users.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(cancellationToken);
        var accounts = new List<StaffAccount>(all.Count);
        foreach (var user in all)
        {
            var roles = await users.GetRolesAsync(user);
            accounts.Add(new StaffAccount(user.Id, user.Email ?? string.Empty, user.DisplayName, roles.Order().ToArray(),
                user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow, user.DeactivatedAt is not null));
        }

        return accounts;
    }

    public async Task CreateAsync(NewUserForm form, CancellationToken cancellationToken = default)
    {
        var admin = await currentUser.RequireAsync(PortalRoles.Policies.Admin);
        PlainText.Ensure(form);
        var roles = ValidRoles(form.Roles);
        var user = new PortalUser
        {
            UserName = form.Email?.Trim(),
            Email = form.Email?.Trim(),
            EmailConfirmed = true,
            DisplayName = form.DisplayName?.Trim() ?? string.Empty,
        };
        var created = await users.CreateAsync(user, form.Password ?? string.Empty);
        ThrowIfFailed(created);
        ThrowIfFailed(await users.AddToRolesAsync(user, roles));
        logger.LogInformation("Admin {AdminId} created user {UserId} with roles {Roles}", admin.Id, user.Id, string.Join(",", roles));
    }

    public async Task SetRolesAsync(string userId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default)
    {
        var admin = await currentUser.RequireAsync(PortalRoles.Policies.Admin);
        var valid = ValidRoles(roles);
        var user = await users.FindByIdAsync(userId) ?? throw new DomainException("The user no longer exists.");
        if (user.Id == admin.Id && !valid.Contains(PortalRoles.Admin))
        {
            throw new DomainException("You cannot remove your own Admin role.");
        }

        var current = await users.GetRolesAsync(user);
        if (current.ToHashSet().SetEquals(valid))
        {
            // Nothing changes (the role picker reports its values again): the user's sessions must not end for it.
            return;
        }

        ThrowIfFailed(await users.RemoveFromRolesAsync(user, current.Except(valid)));
        ThrowIfFailed(await users.AddToRolesAsync(user, valid.Except(current)));
        // A new security stamp ends the user's open sessions at their next revalidation.
        await users.UpdateSecurityStampAsync(user);
        logger.LogInformation("Admin {AdminId} set roles of {UserId} to {Roles}", admin.Id, user.Id, string.Join(",", valid));
    }

    public async Task UnlockAsync(string userId, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Admin);
        var user = await users.FindByIdAsync(userId) ?? throw new DomainException("The user no longer exists.");
        ThrowIfFailed(await users.SetLockoutEndDateAsync(user, null));
        ThrowIfFailed(await users.ResetAccessFailedCountAsync(user));
    }

    /// <summary>
    /// A leaver: the account can no longer sign in, and every session of it ends at once (HTTP requests check the
    /// security stamp each time; open circuits on this node are told, on other nodes they revalidate within a minute).
    /// </summary>
    public async Task DeactivateAsync(string userId, CancellationToken cancellationToken = default)
    {
        var admin = await currentUser.RequireAsync(PortalRoles.Policies.Admin);
        var user = await users.FindByIdAsync(userId) ?? throw new DomainException("The user no longer exists.");
        if (user.Id == admin.Id)
        {
            throw new DomainException("You cannot deactivate your own account.");
        }

        if (user.DeactivatedAt is not null)
        {
            return;
        }

        user.DeactivatedAt = time.GetUtcNow().UtcDateTime;
        ThrowIfFailed(await users.UpdateAsync(user));
        ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
        revocation.Revoke(user.Id);
        await audit.RecordAsync(admin, AuditActions.DeactivatedUser, null, null, user.Email, cancellationToken);
        logger.LogInformation("Admin {AdminId} deactivated user {UserId}", admin.Id, user.Id);
    }

    /// <summary>Lets a deactivated account sign in again (with its old password; lock-out cleared).</summary>
    public async Task ReactivateAsync(string userId, CancellationToken cancellationToken = default)
    {
        var admin = await currentUser.RequireAsync(PortalRoles.Policies.Admin);
        var user = await users.FindByIdAsync(userId) ?? throw new DomainException("The user no longer exists.");
        if (user.DeactivatedAt is null)
        {
            return;
        }

        user.DeactivatedAt = null;
        ThrowIfFailed(await users.UpdateAsync(user));
        ThrowIfFailed(await users.SetLockoutEndDateAsync(user, null));
        ThrowIfFailed(await users.ResetAccessFailedCountAsync(user));
        await audit.RecordAsync(admin, AuditActions.ReactivatedUser, null, null, user.Email, cancellationToken);
        logger.LogInformation("Admin {AdminId} reactivated user {UserId}", admin.Id, user.Id);
    }

    private static string[] ValidRoles(IEnumerable<string> roles)
    {
        var chosen = roles.Distinct().ToArray();
        if (chosen.Length == 0)
        {
            throw new DomainException("Choose at least one role.");
        }

        return chosen.All(PortalRoles.All.Contains) ? chosen : throw new DomainException("Unknown role.");
    }

    private static void ThrowIfFailed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
