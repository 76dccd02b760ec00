using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Zowor.Portal.Platform.Identity;

/// <summary>
/// The password step of sign-in, answering alike for every e-mail address so the answers do not tell which accounts exist
/// (P-91): an unknown or deactivated address is hashed like a real password and "locks" after the same number of failures
/// for the same time; a locked account's attempt is hashed too, as Identity skips the hash for it.
/// </summary>
public sealed class PasswordSignIn(
    SignInManager<PortalUser> signIn,
    UserManager<PortalUser> users,
    IPasswordHasher<PortalUser> hasher,
    IMemoryCache cache,
    IOptions<IdentityOptions> options,
    TimeProvider time)
{
    private static string? _dummyHash;

    public async Task<PasswordSignInOutcome> SignInAsync(string email, string password, bool remember)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null || user.DeactivatedAt is not null)
        {
            BurnHash(password);
            return FailUnknown(email);
        }

        var lockedBefore = await users.IsLockedOutAsync(user);
        var result = await signIn.PasswordSignInAsync(user, password, remember, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return PasswordSignInOutcome.SignedIn;
        }

        if (result.RequiresTwoFactor)
        {
            return PasswordSignInOutcome.RequiresTwoFactor;
        }

        if (lockedBefore || result.IsNotAllowed)
        {
            BurnHash(password);
        }

        return result.IsLockedOut ? PasswordSignInOutcome.LockedOut : PasswordSignInOutcome.NotCorrect;
    }

    // Same work as checking a real account's password, so the time of the answer does not tell either.
    private void BurnHash(string password)
    {
        var dummy = new PortalUser();
        _dummyHash ??= hasher.HashPassword(dummy, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(dummy, _dummyHash, password);
    }

    private PasswordSignInOutcome FailUnknown(string email)
    {
        var lockout = options.Value.Lockout;
        var key = "sign-in-unknown:" + users.NormalizeEmail(email);
        var now = time.GetUtcNow();
        var attempts = cache.GetOrCreate(key, entry =>
        {
            entry.SlidingExpiration = lockout.DefaultLockoutTimeSpan;
            return new UnknownAttempts();
        })!;
        lock (attempts)
        {
            if (attempts.LockedUntil > now)
            {
                return PasswordSignInOutcome.LockedOut;
            }

            attempts.Failures++;
            if (attempts.Failures < lockout.MaxFailedAccessAttempts)
            {
                return PasswordSignInOutcome.NotCorrect;
            }

            attempts.Failures = 0;
            attempts.LockedUntil = now + lockout.DefaultLockoutTimeSpan;
            return PasswordSignInOutcome.LockedOut;
        }
    }

    private sealed class UnknownAttempts
    {
        public int Failures { get; set; }

        public DateTimeOffset LockedUntil { get; set; }
    }
}
