using Microsoft.AspNetCore.Identity;

namespace Zowor.Portal.Tests.Support;

/// <summary>
/// Password hashing in the tests' portals: 1,000 PBKDF2 iterations instead of Identity's 100,000. Every portal a test
/// starts seeds six demo users and most tests sign in, and at 100,000 iterations each hash took 100–200 ms of the two
/// cores (the suite starts hundreds of portals). The stored hash names its own iteration count, so sign-in checks it the
/// same way; the portal itself keeps Identity's default (nothing in Zowor.Portal sets it).
/// </summary>
public static class TestPasswords
{
    public const int Iterations = 1_000;

    public static void Configure(PasswordHasherOptions options) => options.IterationCount = Iterations;
}
