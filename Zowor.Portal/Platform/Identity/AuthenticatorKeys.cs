using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Zowor.Portal.Platform.Identity;

/// <summary>
/// The authenticator key the enrolment page shows, created on first use. Two tabs (or two nodes) that open enrolment at
/// once both find no key and both create one: the second save fails (the token's primary key, or the user's concurrency
/// stamp) and its context still holds the key it could not store. That request then reads the stored key and user in a
/// fresh scope, so both pages show the one key that works, instead of one of them failing (axe saw the error page).
/// </summary>
public static class AuthenticatorKeys
{
    /// <summary>The stored key, and the user as stored with it (a new key gives a new security stamp: sign in again with this user).</summary>
    public static async Task<(string Key, PortalUser User, bool Created)> GetOrCreateAsync(
        UserManager<PortalUser> users, PortalUser user, IServiceScopeFactory scopes)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        return string.IsNullOrEmpty(key) ? await CreateAsync(users, user, scopes) : (key, user, false);
    }

    /// <summary>Stores a new key for a user that had none when this request looked; if another request stored one since, that one.</summary>
    internal static async Task<(string Key, PortalUser User, bool Created)> CreateAsync(
        UserManager<PortalUser> users, PortalUser user, IServiceScopeFactory scopes)
    {
        try
        {
            if ((await users.ResetAuthenticatorKeyAsync(user)).Succeeded)
            {
                return ((await users.GetAuthenticatorKeyAsync(user))!, user, true);
            }
        }
        catch (DbUpdateException)
        {
            // Another request stored its key first; read it below.
        }

        await using var scope = scopes.CreateAsyncScope();
        var fresh = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var stored = await fresh.FindByIdAsync(user.Id) ?? throw new InvalidOperationException("The signed-in user no longer exists.");
        var storedKey = await fresh.GetAuthenticatorKeyAsync(stored);
        return string.IsNullOrEmpty(storedKey)
            ? throw new InvalidOperationException("The authenticator key could not be stored.")
            : (storedKey, stored, true);
    }
}
