using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Features.Identity;

namespace Zowor.Portal.Features.Admin;

/// <summary>Staff accounts: there is no self-registration, so this is the only way in (Admin only).</summary>
public sealed class UserAdminService(UserManager<PortalUser> users, CurrentUser currentUser, ILogger<UserAdminService> logger)
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
                user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow));
        }

        return accounts;
    }

    public async Task CreateAsync(NewUserForm form, CancellationToken cancellationToken = default)
    {
        var admin = await currentUser.RequireAsync(PortalRoles.Policies.Admin);
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

public sealed record StaffAccount(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool LockedOut);

public sealed class NewUserForm
{
    [Required(ErrorMessage = "Enter the e-mail address.")]
    [EmailAddress(ErrorMessage = "The e-mail address is not valid.")]
    [StringLength(254, ErrorMessage = "The e-mail address is too long.")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Enter the name.")]
    [StringLength(200, ErrorMessage = "The name is too long.")]
    public string? DisplayName { get; set; }

    [Required(ErrorMessage = "Enter a password.")]
    [StringLength(128, MinimumLength = 12, ErrorMessage = "The password needs at least 12 characters.")]
    public string? Password { get; set; }

    public IReadOnlyCollection<string> Roles { get; set; } = [];
}
