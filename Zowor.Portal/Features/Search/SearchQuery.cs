using System.Text;
using System.Text.RegularExpressions;

namespace Zowor.Portal.Features.Search;

/// <summary>
/// What a user typed into global search, read once for both databases. The text is split into words that must all match
/// (in any of the complaint's searchable fields). Words shorter than <see cref="MinimumLength"/> characters are left out:
/// the trigram index cannot look them up, and two letters would match nearly everything anyway. A query that looks like a
/// phone number (only digits, spaces, "+", "-", ".", brackets and 7 or more digits) is one term, matched both as typed and
/// as the canonical phone digits (<see cref="CanonicalPhone"/>), so "+7 777 597 88 59", "8 777 597 88 59" and
/// "+77775978859" all find the customer stored as "+77775978859".
/// </summary>
public sealed partial record SearchQuery(string Text, IReadOnlyList<SearchTerm> Terms, bool ShortWordsIgnored)
{
    /// <summary>The shortest word the trigram index can find.</summary>
    public const int MinimumLength = 3;

    /// <summary>Longest query read; the rest is ignored.</summary>
    public const int MaximumLength = 200;

    /// <summary>Most words used; more only narrow an already narrow search.</summary>
    public const int MaximumTerms = 8;

    /// <summary>Nothing to search for (empty, or only short words).</summary>
    public bool IsEmpty => Terms.Count == 0;

    public static SearchQuery Parse(string? text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length > MaximumLength)
        {
            trimmed = trimmed[..MaximumLength];
        }

        if (PhoneShape().IsMatch(trimmed) && trimmed.Count(char.IsAsciiDigit) >= 7)
        {
            return new SearchQuery(trimmed, [new SearchTerm(Fold(trimmed), CanonicalPhone(trimmed))], false);
        }

        var words = trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var terms = words.Where(w => w.Length >= MinimumLength).Select(w => new SearchTerm(Fold(w), null))
            .DistinctBy(t => t.Text, StringComparer.OrdinalIgnoreCase).Take(MaximumTerms).ToList();
        return new SearchQuery(trimmed, terms, words.Any(w => w.Length < MinimumLength));
    }

    /// <summary>
    /// The one phone form the index holds: the digits only, and an 11-digit number starting with 8 (the trunk prefix dialled
    /// inside Kazakhstan and Russia) read with the country code 7 instead. A shorter or longer number keeps its digits as they are.
    /// </summary>
    public static string CanonicalPhone(string phone)
    {
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 11 && digits[0] == '8' ? "7" + digits[1..] : digits;
    }

    /// <summary>
    /// Folds what the index does not fold itself: "ё" is written "е" in most Russian text, so both are indexed and searched as
    /// "е". Case and Latin accents are folded by the index (FTS5 trigram, remove_diacritics; SQL Server's catalog is accent-insensitive).
    /// </summary>
    public static string Fold(string text) => text.Replace('ё', 'е').Replace('Ё', 'Е').Normalize(NormalizationForm.FormC);

    /// <summary>
    /// The SQLite FTS5 MATCH expression: every term as a quoted string (a substring, with the trigram tokenizer), all of them.
    /// A phone term also matches its canonical digits in the contact column (both search indexes have one), unless
    /// <paramref name="phoneDigits"/> is false (the caller finds those itself).
    /// </summary>
    public string ToFts5(bool phoneDigits = true) =>
        string.Join(" AND ", Terms.Select(t => phoneDigits && t.Phone is { Length: >= MinimumLength } phone
            ? $"({Quote(t.Text)} OR {{Contact}} : {Quote(phone)})"
            : Quote(t.Text)));

    /// <summary>A SQL Server full-text search condition for one term: the words of it as prefixes, all of them.</summary>
    public static string? ToFullText(SearchTerm term)
    {
        var words = WordPattern().Matches(term.Text).Select(m => m.Value).ToList();
        return words.Count == 0 ? null : string.Join(" AND ", words.Select(w => $"\"{w}*\""));
    }

    /// <summary>A LIKE pattern for a substring, with LIKE's wildcards escaped by <c>\</c>.</summary>
    public static string ToLike(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal) + "%";

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(@"^\+?[0-9 ().\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneShape();

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
