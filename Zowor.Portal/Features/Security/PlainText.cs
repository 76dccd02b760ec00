using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Zowor.Portal.Features.Security;

/// <summary>
/// The one input policy for free text, at every door where a customer or staff member writes it (web form, /track,
/// survey, the API, staff forms): markup (text between &lt; and &gt;) and invisible control characters are refused with the
/// same messages; right-to-left text and emoji are a person's own words and kept. Forms carry <see cref="PlainTextAttribute"/>,
/// so pages show the message at the field and services that validate their forms refuse the same text.
/// </summary>
public static partial class PlainText
{
    /// <summary>The problem with the text as a validation result for <paramref name="field"/>, or null when the text is fine (or empty).</summary>
    public static ValidationResult? Problem(string? text, bool multiLine, string field)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (MarkupTag().IsMatch(text))
        {
            return new ValidationResult("Please remove HTML or script tags (text between < and >).", [field]);
        }

        foreach (var ch in text)
        {
            var invisible = ch is '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
            var control = char.IsControl(ch) && !(multiLine && ch is '\n' or '\r' or '\t');
            if (invisible || control)
            {
                return new ValidationResult("The text contains invisible control characters; please type it again.", [field]);
            }
        }

        return null;
    }

    [GeneratedRegex(@"<\s*[/!?a-zA-Z]", RegexOptions.CultureInvariant)]
    private static partial Regex MarkupTag();
}
