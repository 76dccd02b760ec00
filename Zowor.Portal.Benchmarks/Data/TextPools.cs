using Bogus;

namespace Zowor.Portal.Benchmarks.Data;

/// <summary>
/// Names and sentences made by Bogus once per run from the seed, then drawn with the seeded <see cref="Random"/>:
/// realistic text at the speed a million complaints need (Bogus looks every name up in its locale data on each call).
/// Russian-speaking customers get Russian names, as the policy's own language suggests.
/// </summary>
public sealed class TextPools
{
    private const int NamesPerLocale = 600;
    private const int Sentences = 3_000;

    private readonly (string First, string Last)[] _names;
    private readonly (string First, string Last)[] _russianNames;
    private readonly string[] _sentences;

    public TextPools(int seed)
    {
        var english = new Faker("en") { Random = new Randomizer(seed) };
        var russian = new Faker("ru") { Random = new Randomizer(seed + 1) };
        _names = Names(english);
        _russianNames = Names(russian);
        _sentences = Enumerable.Range(0, Sentences).Select(i => english.Lorem.Sentence(6 + (i % 9))).ToArray();
    }

    public (string First, string Last) Name(Random random, bool russian) => (russian ? _russianNames : _names)[random.Next(NamesPerLocale)];

    /// <summary>First and last names of one gender each (Russian surnames agree with it: Михайлов, Михайлова).</summary>
    private static (string First, string Last)[] Names(Faker faker) =>
        Enumerable.Range(0, NamesPerLocale)
            .Select(i => i % 2 == 0 ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male)
            .Select(gender => (faker.Name.FirstName(gender), faker.Name.LastName(gender)))
            .ToArray();

    public string Sentence(Random random) => _sentences[random.Next(Sentences)];

    /// <summary>
    /// A version-7 style id from <paramref name="at"/> and the seeded random: the same seed gives the same ids, and ids
    /// made in time order are stored in key order (appends, not random inserts, into the primary-key index).
    /// </summary>
    public static Guid TimeOrderedId(Random random, DateTime at)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var milliseconds = (ulong)new DateTimeOffset(at, TimeSpan.Zero).ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
        }

        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
