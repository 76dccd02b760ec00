using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Zowor.Portal.Platform.Identity;

/// <summary>
/// Authenticator-app codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits, two steps of clock drift either way), each
/// accepted once: the last time step used is stored per user, and a code of that step or an earlier one is refused, so a
/// code seen over a shoulder or replayed from a proxy log cannot sign in a second time.
/// </summary>
public sealed class SingleUseAuthenticatorTokenProvider : AuthenticatorTokenProvider<PortalUser>
{
    public const string TokenLoginProvider = "[ZoworAuthenticator]";
    public const string LastStepTokenName = "LastTimeStep";

    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<PortalUser> manager, PortalUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token.Length != 6 || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return false;
        }

        var secret = FromBase32(key);
        // The phone's code follows the wall clock, so this does too (not the portal's business clock).
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / (long)Step.TotalSeconds;
        var last = long.TryParse(await manager.GetAuthenticationTokenAsync(user, TokenLoginProvider, LastStepTokenName), NumberStyles.None, CultureInfo.InvariantCulture, out var stored)
            ? stored
            : long.MinValue;
        for (var drift = -2; drift <= 2; drift++)
        {
            var step = now + drift;
            if (step > last && Code(secret, step) == code)
            {
                // Saved with the user's concurrency stamp: of two requests racing with one code, one fails here.
                var saved = await manager.SetAuthenticationTokenAsync(user, TokenLoginProvider, LastStepTokenName, step.ToString(CultureInfo.InvariantCulture));
                return saved.Succeeded;
            }
        }

        return false;
    }

    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "RFC 6238 authenticator apps compute HMAC-SHA1; HMAC-SHA1 is not broken as a MAC.")]
    private static int Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(secret, counter, hash);
        var offset = hash[^1] & 0x0F;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7FFFFFFF;
        return binary % 1_000_000;
    }

    private static byte[] FromBase32(string input)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var text = input.TrimEnd('=').ToUpperInvariant();
        var output = new byte[text.Length * 5 / 8];
        int buffer = 0, bits = 0, index = 0;
        foreach (var c in text)
        {
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException("The authenticator key is not base32.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                output[index++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
                buffer &= (1 << bits) - 1;
            }
        }

        return output;
    }
}
