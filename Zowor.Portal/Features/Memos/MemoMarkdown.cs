using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Zowor.Portal.Features.Memos;

/// <summary>
/// Renders a memo's Markdown as HTML that is safe to put in the page: raw HTML in the text is escaped (so no
/// <c>&lt;script&gt;</c> or <c>onerror=</c> attribute reaches the browser), and links or images whose address is not
/// http(s), mailto or relative lose the address (no <c>javascript:</c> or <c>data:</c> URLs).
/// </summary>
public static class MemoMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseAutoLinks()
        .Build();

    public static string ToHtml(string? markdown)
    {
        var document = Markdown.Parse(markdown ?? string.Empty, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafe(link.Url))
            {
                link.Url = string.Empty;
            }
        }

        foreach (var autolink in document.Descendants<AutolinkInline>())
        {
            if (!IsSafe(autolink.Url))
            {
                autolink.Url = string.Empty;
            }
        }

        return document.ToHtml(Pipeline);
    }

    /// <summary>http, https and mailto addresses, and relative ones; anything with another scheme is refused.</summary>
    internal static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return true;
        }

        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so judge without them.
        var compact = new string(url.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)).ToArray());
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        var firstPathCharacter = compact.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (firstPathCharacter >= 0 && firstPathCharacter < colon))
        {
            return true;
        }

        var scheme = compact[..colon];
        return scheme.Equals("http", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("https", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("mailto", StringComparison.OrdinalIgnoreCase);
    }
}
