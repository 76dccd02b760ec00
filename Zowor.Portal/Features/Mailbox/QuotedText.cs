using System.Text.RegularExpressions;

namespace Zowor.Portal.Features.Mailbox;

/// <summary>
/// Splits what a customer wrote by e-mail into their new words and what follows them: the quoted earlier messages and
/// the signature. Nothing is removed; the page only folds the second part away.
/// </summary>
public static partial class QuotedText
{
    /// <summary>The new text and the quoted history/signature (empty when there is none).</summary>
    public static (string Fresh, string Quoted) Split(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (string.Empty, string.Empty);
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            if (StartsHistory(lines[i]))
            {
                var fresh = string.Join('\n', lines[..i]).TrimEnd();
                return fresh.Length == 0 ? (text, string.Empty) : (fresh, string.Join('\n', lines[i..]).Trim('\n'));
            }
        }

        return (text, string.Empty);
    }

    private static bool StartsHistory(string line) =>
        line.StartsWith('>') || line is "-- " or "--" || HistoryMarker().IsMatch(line.Trim());

    // "On … wrote:", Outlook's separators and header block, and their Russian forms.
    [GeneratedRegex(@"^(On .{3,200} wrote:|-{2,}\s*(Original Message|Исходное сообщение|Forwarded message|Пересылаемое сообщение)\s*-{2,}|From: .+|От: .+|.{3,200}(писал|пишет|написал|написала)\(?а?\)?:)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HistoryMarker();
}
