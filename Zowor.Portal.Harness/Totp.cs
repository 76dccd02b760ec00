using System.Security.Cryptography;

namespace Zowor.Portal.Harness;

/// <summary>RFC 6238 time-based one-time codes (HMAC-SHA1, 30-second steps, 6 digits), as an authenticator app computes them.</summary>
public static class Totp
{
    private static readonly Dictionary<string, long> LastSteps = [];

    /// <summary>
    /// A code of a time step not handed out before for <paramref name="account"/> (e.g. database path and e-mail): the portal
    /// accepts each code once, so a second sign-in within 30 seconds takes the next step's code (accepted up to two steps
    /// ahead), and a third waits for the clock.
    /// </summary>
    public static async Task<string> NextCodeAsync(string base32Key, string account, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            lock (LastSteps)
            {
                var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
                var step = Math.Max(now, LastSteps.GetValueOrDefault(account, long.MinValue) + 1);
                if (step <= now + 1)
                {
                    LastSteps[account] = step;
                    return Code(base32Key, DateTimeOffset.FromUnixTimeSeconds(step * 30));
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    public static string Code(string base32Key, DateTimeOffset? at = null)
    {
        var step = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

        var hash = HMACSHA1.HashData(Base32(base32Key), counter);
        var offset = hash[^1] & 0x0F;
        var value = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.Trim().TrimEnd('=').ToUpperInvariant().Where(c => c != ' '))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
