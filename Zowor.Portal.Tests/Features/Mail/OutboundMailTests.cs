using MimeKit;
using Zowor.Portal.Features.Mail;

namespace Zowor.Portal.Tests.Features.Mail;

/// <summary>The MIME form of a customer e-mail (issue 15): text and HTML alternatives, safe HTML, Reply-To, Message-ID.</summary>
public sealed class OutboundMailTests
{
    private static OutboxMessage Message(string body) => new()
    {
        Kind = CustomerMessageKinds.Reply,
        ToAddress = "anna@example.com",
        ToName = "Anna <Ivanova>",
        Subject = "[ZW-2026-000123] Update on your complaint",
        Body = body,
        Culture = "en",
        CreatedAt = new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc),
    };

    [Fact]
    public void TextTypedByAnyone_IsHTMLEncoded_AndOnlyWebLinksBecomeLinks()
    {
        var html = OutboundMail.Html("Dear Anna,\n\n<script>alert('x')</script> & \"quotes\"\nsecond line\n\nSee https://zowor.example/track?reference=ZW-2026-000123&x=1. javascript:alert(1)", "en");

        Assert.Contains("<p>Dear Anna,</p>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;<br>second line", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://zowor.example/track?reference=ZW-2026-000123&amp;x=1\">https://zowor.example/track?reference=ZW-2026-000123&amp;x=1</a>.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheMessage_IsMultipartAlternative_WithReplyToTheComplaintsMailboxAndTheRowsMessageID()
    {
        var row = Message("Dear Anna,\n\nIt ships today.");
        var mime = OutboundMail.ToMime(row, new MailOptions { FromAddress = "no-reply@zowor.example", ComplaintsAddress = "complaints@zowor.example" });

        var alternative = Assert.IsType<MultipartAlternative>(mime.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Equal("Dear Anna,\n\nIt ships today.", mime.TextBody);
        Assert.Equal("complaints@zowor.example", mime.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal($"{row.Id:N}@zowor-portal", mime.MessageId);
        Assert.Equal(row.Id, OutboxMessage.IdFromMessageId($"<{mime.MessageId}>"));
        Assert.Equal("[ZW-2026-000123] Update on your complaint", mime.Subject);
    }

    [Fact]
    public void WithoutAComplaintsAddress_RepliesGoToTheSenderAddress()
    {
        var mime = OutboundMail.ToMime(Message("Hi"), new MailOptions { FromAddress = "complaints@zowor.test" });

        Assert.Equal("complaints@zowor.test", mime.ReplyTo.Mailboxes.Single().Address);
    }
}
