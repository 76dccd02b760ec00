using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace Zowor.Portal.Features.Mail;

/// <summary>
/// Builds the MIME message for an outbox row: multipart/alternative with the stored plain text and an HTML rendering of
/// it, From the portal, Reply-To the complaints mailbox (<see cref="MailOptions.ComplaintsAddress"/>) and the stable
/// Message-ID of the row. The HTML is made from the text with every character HTML-encoded, so nothing a customer or a
/// member of staff typed can become markup; only http(s) addresses become links.
/// </summary>
public static partial class OutboundMail
{
    /// <summary>The message as it goes to the customer.</summary>
    public static MimeMessage ToMime(OutboxMessage message, MailOptions mail)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(mail);
        var body = new BodyBuilder { TextBody = message.Body, HtmlBody = Html(message.Body, message.Culture) };
        var mime = new MimeMessage
        {
            MessageId = message.MessageId,
            Subject = message.Subject,
            Date = new DateTimeOffset(message.CreatedAt, TimeSpan.Zero),
            Body = body.ToMessageBody(),
        };
        mime.From.Add(new MailboxAddress(mail.FromName, mail.FromAddress));
        mime.ReplyTo.Add(new MailboxAddress(mail.FromName, mail.ReplyToAddress));
        mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        mime.Headers.Add("Content-Language", message.Culture);
        return mime;
    }

    /// <summary>The HTML alternative of a plain-text body: paragraphs and line breaks kept, text encoded, web links clickable.</summary>
    public static string Html(string text, string culture)
    {
        ArgumentNullException.ThrowIfNull(text);
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(WebUtility.HtmlEncode(culture)).Append("\"><head><meta charset=\"utf-8\"></head>")
            .Append("<body style=\"font-family:Segoe UI,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1f2937;max-width:40rem\">");
        foreach (var paragraph in ParagraphBreak().Split(text.Trim()).Where(p => p.Length > 0))
        {
            html.Append("<p>");
            var lines = paragraph.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                {
                    html.Append("<br>");
                }

                AppendLine(html, lines[i].TrimEnd('\r'));
            }

            html.Append("</p>");
        }

        return html.Append("</body></html>").ToString();
    }

    private static void AppendLine(StringBuilder html, string line)
    {
        var at = 0;
        foreach (Match link in WebLink().Matches(line))
        {
            html.Append(WebUtility.HtmlEncode(line[at..link.Index]));
            var url = link.Value.TrimEnd('.', ',', ')', ';', ':', '!', '?');
            var encoded = WebUtility.HtmlEncode(url);
            html.Append("<a href=\"").Append(encoded).Append("\">").Append(encoded).Append("</a>");
            at = link.Index + url.Length;
        }

        html.Append(WebUtility.HtmlEncode(line[at..]));
    }

    [GeneratedRegex(@"\r?\n\s*\r?\n")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"https?://[^\s<>""']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WebLink();
}
