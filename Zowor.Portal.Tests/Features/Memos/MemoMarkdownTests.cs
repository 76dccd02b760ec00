using Zowor.Portal.Features.Memos;

namespace Zowor.Portal.Tests.Features.Memos;

/// <summary>
/// P-81 memos are written in Markdown by staff and shown to everyone in the audience, so whatever the author types must
/// never run in a reader's browser: raw HTML is escaped and only http(s), mailto and relative links keep their address.
/// </summary>
public sealed class MemoMarkdownTests
{
    [Fact]
    public void ToHtml_RendersOrdinaryMarkdown()
    {
        var html = MemoMarkdown.ToHtml("# Heading\n\nSome **bold** and *italic*.\n\n1. one\n2. two\n\n[Script](https://intranet.zowor.test/x)");

        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.Contains("<strong>bold</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<em>italic</em>", html, StringComparison.Ordinal);
        Assert.Contains("<ol>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://intranet.zowor.test/x\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("Hello <script src=https://evil.example/x.js></script> there")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<div onmouseover=\"alert(1)\">hover</div>")]
    [InlineData("<iframe src=\"javascript:alert(1)\"></iframe>")]
    [InlineData("<a href=\"javascript:alert(1)\">click</a>")]
    public void ToHtml_WithRawHtml_EscapesIt(string markdown)
    {
        var html = MemoMarkdown.ToHtml(markdown);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<div", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a ", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JavaScript:alert(1))")]
    [InlineData("[click](java\tscript:alert(1))")]
    [InlineData("[click](<javascript:alert(1)>)")]
    [InlineData("[click](vbscript:msgbox(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("![pic](javascript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[click][ref]\n\n[ref]: javascript:alert(1)")]
    public void ToHtml_WithUnsafeLinkScheme_DropsTheAddress(string markdown)
    {
        var html = MemoMarkdown.ToHtml(markdown);

        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("vbscript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https://zowor.test/a", true)]
    [InlineData("http://zowor.test/a", true)]
    [InlineData("mailto:quality@zowor.test", true)]
    [InlineData("/training", true)]
    [InlineData("memos/abc?x=a:b", true)]
    [InlineData("#section", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(" javascript:alert(1)", false)]
    [InlineData("data:text/html,x", false)]
    [InlineData("file:///etc/passwd", false)]
    public void IsSafe_AllowsOnlyWebMailAndRelativeAddresses(string url, bool safe)
    {
        Assert.Equal(safe, MemoMarkdown.IsSafe(url));
    }

    [Fact]
    public void ToHtml_WithNothing_IsEmpty()
    {
        Assert.Equal(string.Empty, MemoMarkdown.ToHtml(null));
    }
}
