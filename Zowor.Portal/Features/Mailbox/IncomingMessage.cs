using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Text;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Mailbox;

/// <summary>
/// One parsed message from the mailbox and the rules about it, with no database or IMAP: which kind it is, who sent it,
/// its plain text (HTML converted safely), the customer's language, and the ids it refers to.
/// </summary>
public sealed partial class IncomingMessage
{
    private IncomingMessage(MimeMessage message) => Message = message;

    public MimeMessage Message { get; }

    /// <summary>The Message-ID, without angle brackets.</summary>
    public string? MessageId => string.IsNullOrWhiteSpace(Message.MessageId) ? null : Message.MessageId.Trim();

    /// <summary>The single From mailbox, or null when there is none or several.</summary>
    public MailboxAddress? From => Message.From.Mailboxes.Count() == 1 ? Message.From.Mailboxes.Single() : null;

    /// <summary>The sender's name, or the address's local part when the message gives none.</summary>
    public string SenderName
    {
        get
        {
            var from = From;
            var name = Clean(from?.Name)?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                name = from?.Address.Split('@')[0] ?? "Customer";
            }

            return name.Length <= ComplaintLimits.Name ? name : name[..ComplaintLimits.Name];
        }
    }

    /// <summary>The subject, cleaned of control characters.</summary>
    public string Subject => Clean(Message.Subject)?.Trim() ?? string.Empty;

    /// <summary>Parses raw bytes; null when they are not a readable message (no header block, no From).</summary>
    public static IncomingMessage? TryParse(Stream raw)
    {
        try
        {
            var message = MimeMessage.Load(new ParserOptions { AllowUnquotedCommasInAddresses = true }, raw);
            // A header block that MimeKit had to invent is not a message: real mail always has a From and a Date or Received.
            if (message.Headers.Count == 0 || !message.Headers.Contains(HeaderId.From))
            {
                return null;
            }

            return new IncomingMessage(message);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Classifies the message (see the README's "Complaints mailbox" section for the rules).</summary>
    /// <param name="ownAddress">The portal's own From address.</param>
    /// <param name="reason">Why, for <see cref="IncomingKind.SuspectSender"/> and <see cref="IncomingKind.AutoReply"/>.</param>
    public IncomingKind Classify(string ownAddress, out string? reason)
    {
        reason = null;
        if (From is { } from && string.Equals(from.Address, ownAddress, StringComparison.OrdinalIgnoreCase))
        {
            return IncomingKind.OwnMail;
        }

        if (Message.Body is MultipartReport report && string.Equals(report.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase))
        {
            return IncomingKind.DeliveryReport;
        }

        if (AutoReplyReason() is { } auto)
        {
            reason = auto;
            return IncomingKind.AutoReply;
        }

        if (SuspectReason() is { } suspect)
        {
            reason = suspect;
            return IncomingKind.SuspectSender;
        }

        return IncomingKind.Customer;
    }

    /// <summary>
    /// The plain text: the text/plain part, else the HTML part converted to text (scripts, styles and markup dropped,
    /// entities decoded). Control characters other than line breaks and tabs are removed.
    /// </summary>
    public string Text()
    {
        var text = Message.TextBody;
        if (string.IsNullOrWhiteSpace(text) && Message.HtmlBody is { } html)
        {
            text = HtmlToText(html);
        }

        text = Clean(text) ?? string.Empty;
        return BlankLines().Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim(), "\n\n");
    }

    /// <summary>The attachments (files the customer sent), inline images included, text bodies not.</summary>
    public IReadOnlyList<MimePart> Attachments() =>
        Message.BodyParts.OfType<MimePart>()
            .Where(p => p.IsAttachment || (p is not TextPart && p.ContentType.MediaType != "multipart"))
            .ToList();

    /// <summary>The Message-IDs this message answers (In-Reply-To, then References, newest first).</summary>
    public IReadOnlyList<string> ReferencedIds()
    {
        var ids = new List<string>();
        if (!string.IsNullOrWhiteSpace(Message.InReplyTo))
        {
            ids.Add(Message.InReplyTo.Trim());
        }

        ids.AddRange(Message.References.Reverse());
        return ids.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>A complaint reference (<c>ZW-YYYY-NNNNNN</c>) in the subject, upper-cased; null when none.</summary>
    public string? ReferenceInSubject() => ReferencePattern().Match(Subject) is { Success: true } m ? m.Value.ToUpperInvariant() : null;

    /// <summary>"ru" when the text is mostly Cyrillic, else "en": the language of the replies (the portal speaks these two).</summary>
    public static string GuessLanguage(string text)
    {
        int cyrillic = 0, latin = 0;
        foreach (var ch in text)
        {
            if (ch is >= '\u0400' and <= '\u04FF')
            {
                cyrillic++;
            }
            else if (char.IsAsciiLetter(ch))
            {
                latin++;
            }
        }

        return cyrillic > latin ? "ru" : "en";
    }

    /// <summary>
    /// The delivery report's verdict: the Message-ID of the portal's message it is about, whether delivery failed for
    /// good (Action: failed) and the diagnosis.
    /// </summary>
    public (string? OriginalMessageId, bool Failed, string Diagnosis) DeliveryReport()
    {
        string? original = null;
        var failed = false;
        var diagnosis = new List<string>();
        foreach (var part in Message.BodyParts.Concat(Message.Body is Multipart multipart ? multipart : []).Distinct())
        {
            switch (part)
            {
                case MessageDeliveryStatus status:
                    foreach (var group in status.StatusGroups.Skip(1))
                    {
                        if (string.Equals(group["Action"]?.Trim(), "failed", StringComparison.OrdinalIgnoreCase))
                        {
                            failed = true;
                        }

                        foreach (var field in new[] { "Final-Recipient", "Status", "Diagnostic-Code" })
                        {
                            if (group[field] is { Length: > 0 } value)
                            {
                                diagnosis.Add($"{field}: {value.Trim()}");
                            }
                        }
                    }

                    break;
                case MessagePart { Message: { } returned }:
                    original ??= string.IsNullOrWhiteSpace(returned.MessageId) ? null : returned.MessageId.Trim();
                    break;
                case TextPart text when text.ContentType.IsMimeType("text", "rfc822-headers"):
                    original ??= HeaderMessageId(text.Text);
                    break;
            }
        }

        original ??= ReferencedIds() is [var first, ..] ? first : null;
        var text2 = diagnosis.Count > 0 ? string.Join("; ", diagnosis) : "Delivery failed (no diagnosis in the report).";
        return (original, failed, text2.Length <= 1000 ? text2 : text2[..1000]);
    }

    private string? AutoReplyReason()
    {
        var headers = Message.Headers;
        if (headers[HeaderId.AutoSubmitted] is { } autoSubmitted && !autoSubmitted.Split(';')[0].Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            return $"Auto-Submitted: {autoSubmitted.Trim()}";
        }

        if (headers[HeaderId.Precedence] is { } precedence && precedence.Trim().ToLowerInvariant() is "bulk" or "junk" or "auto_reply" or "list")
        {
            return $"Precedence: {precedence.Trim()}";
        }

        foreach (var name in new[] { "X-Autoreply", "X-Autorespond", "X-Autoresponder" })
        {
            if (headers.Contains(name))
            {
                return $"{name} header";
            }
        }

        if (headers[HeaderId.ReturnPath] is { } returnPath && returnPath.Trim() == "<>")
        {
            return "Null sender (Return-Path: <>)";
        }

        return VacationSubject().IsMatch(Subject) ? $"Subject: {Subject}" : null;
    }

    // The rule (README): one well-formed From address; a Return-Path whose domain differs from the From domain (compared
    // on the last two labels, so mail.example.com and example.com match); or an Authentication-Results header that
    // records a DMARC failure.
    private string? SuspectReason()
    {
        if (Message.From.Mailboxes.Count() != 1 || Message.From.Count != 1)
        {
            return "The message has no single From address.";
        }

        var from = From!;
        if (!CustomerContact.IsValidEmail(from.Address))
        {
            return "The From address is malformed.";
        }

        if (Message.Headers[HeaderId.ReturnPath] is { } returnPath
            && MailboxAddress.TryParse(returnPath.Trim(), out var envelope)
            && envelope.Address.Contains('@', StringComparison.Ordinal)
            && !string.Equals(Organisational(envelope.Domain), Organisational(from.Domain), StringComparison.OrdinalIgnoreCase))
        {
            return $"The Return-Path domain ({envelope.Domain}) differs from the From domain ({from.Domain}).";
        }

        foreach (var header in Message.Headers.Where(h => h.Id == HeaderId.AuthenticationResults))
        {
            if (header.Value.Contains("dmarc=fail", StringComparison.OrdinalIgnoreCase))
            {
                return "DMARC failed (Authentication-Results).";
            }
        }

        return null;
    }

    private static string Organisational(string domain)
    {
        var labels = domain.TrimEnd('.').Split('.');
        return labels.Length <= 2 ? domain.TrimEnd('.') : string.Join('.', labels[^2..]);
    }

    private static string? HeaderMessageId(string headers)
    {
        var match = MessageIdHeader().Match(headers);
        return match.Success ? match.Groups["id"].Value.Trim() : null;
    }

    private static string HtmlToText(string html)
    {
        var text = new StringBuilder();
        var tokenizer = new HtmlTokenizer(new StringReader(html));
        var skipDepth = 0;
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when tag.Id is HtmlTagId.Script or HtmlTagId.Style or HtmlTagId.Head or HtmlTagId.Title:
                    skipDepth = tag.IsEndTag ? Math.Max(0, skipDepth - 1) : tag.IsEmptyElement ? skipDepth : skipDepth + 1;
                    break;
                case HtmlTagToken tag when tag.Id is HtmlTagId.Br:
                    text.Append('\n');
                    break;
                case HtmlTagToken tag when tag.Id is HtmlTagId.P or HtmlTagId.Div or HtmlTagId.LI or HtmlTagId.TR or HtmlTagId.BlockQuote
                    or HtmlTagId.H1 or HtmlTagId.H2 or HtmlTagId.H3 or HtmlTagId.H4 or HtmlTagId.H5 or HtmlTagId.H6 or HtmlTagId.Table:
                    text.Append('\n');
                    break;
                case HtmlDataToken data when skipDepth == 0:
                    text.Append(Whitespace().Replace(data.Data, " "));
                    break;
            }
        }

        return string.Join('\n', text.ToString().Split('\n').Select(l => l.Trim()));
    }

    private static string? Clean(string? text) =>
        text is null ? null : new string(text.Where(ch => !char.IsControl(ch) || ch is '\n' or '\r' or '\t').ToArray());

    [GeneratedRegex(@"ZW-\d{4}-\d{6}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();

    // Vacation and out-of-office subjects in English and Russian (and the common German one), at the start of the subject.
    [GeneratedRegex(@"^\s*(auto(matic)?[\s_-]*(reply|response|antwort)|autoreply|auto:|out of (the )?office|vacation|on holiday|abwesenheit|автоответ|автоматический ответ|нет на месте|в отпуске|отпуск\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VacationSubject();

    [GeneratedRegex(@"^Message-ID:\s*<?(?<id>[^>\r\n]+)>?", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex MessageIdHeader();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
