using System.Text.RegularExpressions;
using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Domain.Taxonomy;

/// <summary>
/// The rules for the admin-managed taxonomies (complaint categories, root-cause categories, products). Names are data:
/// any printable text is kept as typed and always shown as text, never as markup.
/// </summary>
public static partial class TaxonomyRules
{
    /// <summary>In characters, after trimming; <see cref="Code"/> checks every new code against it.</summary>
    public const int CodeLength = 64;

    /// <summary>The longest category name.</summary>
    public const int NameLength = 100;

    /// <summary>The longest product name or alias.</summary>
    public const int ProductNameLength = 200;

    /// <summary>A new code: lower-case letters, digits and hyphens, starting with a letter or digit.</summary>
    public static string Code(string? code)
    {
        var trimmed = Guard.Text(code, "Code", CodeLength);
        return CodePattern().IsMatch(trimmed)
            ? trimmed
            : throw new DomainException("The code may hold only lower-case letters, digits and hyphens.");
    }

    /// <summary>
    /// Whether a category's code may change: only while nothing refers to it (no complaint, CAPA or alert), because
    /// complaints keep the code and history must keep what was chosen.
    /// </summary>
    public static void EnsureCodeMayChange(bool used)
    {
        if (used)
        {
            throw new DomainException("The code is in use and can no longer change; rename the category instead.");
        }
    }

    /// <summary>The English and Russian names, trimmed; both are required and control characters are refused.</summary>
    public static (string En, string Ru) Names(string? nameEn, string? nameRu, int maxLength = NameLength) =>
        (Printable(Guard.Text(nameEn, "English name", maxLength)), Printable(Guard.Text(nameRu, "Russian name", maxLength)));

    /// <summary>How product spellings are compared: trimmed, inner spaces collapsed, case ignored.</summary>
    public static string Normalise(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    /// <summary>The aliases typed one per line (or comma-separated), normalised, without blanks and repeats.</summary>
    public static IReadOnlyList<string> Aliases(string? text)
    {
        var aliases = (text ?? string.Empty).Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries)
            .Select(a => Printable(a.Trim()))
            .Where(a => a.Length > 0)
            .Select(Normalise)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return aliases.FirstOrDefault(a => a.Length > ProductNameLength) is { } tooLong
            ? throw new DomainException("The alias “{0}” is longer than {1} characters.", tooLong[..20] + "…", ProductNameLength)
            : aliases;
    }

    private static string Printable(string text) =>
        text.Any(char.IsControl) ? throw new DomainException("Names may not contain control characters.") : text;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex CodePattern();
}
