using Microsoft.Extensions.Options;

namespace Zowor.Portal.Platform.Identity;

/// <summary>What the password step tells the person signing in.</summary>
public enum PasswordSignInOutcome
{
    SignedIn,
    RequiresTwoFactor,
    NotCorrect,
    LockedOut,
}
