using System.Text.RegularExpressions;
using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Features.Replies;

/// <summary>
/// The placeholders a reply template or a reply may use, written in braces: <c>{Reference}</c>, <c>{CustomerName}</c>,
/// <c>{EstimatedResolutionDate}</c>, <c>{TrackingLink}</c>, <c>{StaffName}</c>. Anything else in braces is refused with
/// a message naming it, so a typo never reaches a customer as "{Refrence}".
/// </summary>
public static partial class ReplyPlaceholders
{
    public const string Reference = "Reference";
    public const string CustomerName = "CustomerName";
    public const string EstimatedResolutionDate = "EstimatedResolutionDate";
    public const string TrackingLink = "TrackingLink";
    public const string StaffName = "StaffName";

    /// <summary>Every known placeholder name.</summary>
    public static readonly IReadOnlyList<string> Names = [Reference, CustomerName, EstimatedResolutionDate, TrackingLink, StaffName];

    /// <summary>The known placeholders as the UI lists them.</summary>
    public static string Listed => string.Join(", ", Names.Select(n => "{" + n + "}"));

    /// <summary>Throws a <see cref="DomainException"/> naming the first unknown placeholder in <paramref name="text"/>.</summary>
    public static void EnsureKnown(string? text)
    {
        foreach (Match match in Placeholder().Matches(text ?? string.Empty))
        {
            if (!Names.Contains(match.Groups["name"].Value, StringComparer.Ordinal))
            {
                throw new DomainException("Unknown placeholder {0}. Use only {1}.", match.Value, Listed);
            }
        }
    }

    /// <summary>Replaces every known placeholder with its value; refuses unknown ones.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        EnsureKnown(text);
        return Placeholder().Replace(text, m => values.TryGetValue(m.Groups["name"].Value, out var value) ? value : m.Value);
    }

    [GeneratedRegex(@"\{(?<name>[^{}\s]{1,40})\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
