namespace Zowor.Portal.Platform.Identity;

/// <summary>Configuration keys of sign-in and sessions (the README's configuration table names them).</summary>
public static class IdentitySettings
{
    /// <summary>How often an open Blazor circuit re-checks its user's security stamp, in seconds (30).</summary>
    public const string CircuitRevalidationSeconds = "Identity:CircuitRevalidationSeconds";

    /// <summary>Sign-in posts (password and code steps) allowed per client address in each window (20).</summary>
    public const string SignInPermitLimit = "Identity:SignInPermitLimit";

    /// <summary>The sign-in window in seconds (60).</summary>
    public const string SignInWindowSeconds = "Identity:SignInWindowSeconds";

    /// <summary>The rate-limiter policy on the sign-in pages.</summary>
    public const string SignInRateLimit = "sign-in";
}
