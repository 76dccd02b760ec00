using System.Text;
using MimeKit;

namespace Zowor.Portal.Tests.Integration.Mailbox;

/// <summary>Customer e-mails as the tests deliver them to the complaints mailbox.</summary>
internal static class MailboxMessages
{
    /// <summary>A PNG's first bytes, enough for the evidence content check.</summary>
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4];

    public static MimeMessage From(string name, string address, string subject, string text, Action<BodyBuilder>? body = null)
    {
        var message = new MimeMessage { Subject = subject, MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("customer.example") };
        message.From.Add(new MailboxAddress(name, address));
        message.To.Add(new MailboxAddress("Zowor", "complaints@zowor.test"));
        var builder = new BodyBuilder { TextBody = text };
        body?.Invoke(builder);
        message.Body = builder.ToMessageBody();
        return message;
    }

    /// <summary>An RFC 3464 delivery status report about one of the portal's messages.</summary>
    public static MimeMessage DeliveryFailure(string originalMessageId, string recipient)
    {
        var message = new MimeMessage { Subject = "Undelivered Mail Returned to Sender", MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("mx.example.com") };
        message.From.Add(new MailboxAddress("Mail Delivery System", "MAILER-DAEMON@mx.example.com"));
        message.To.Add(new MailboxAddress("Zowor", "complaints@zowor.test"));
        var report = new MultipartReport("delivery-status");
        report.Add(new TextPart("plain") { Text = $"Your message to {recipient} could not be delivered." });
        var status = new MessageDeliveryStatus();
        status.StatusGroups.Add(new HeaderList { { "Reporting-MTA", "dns; mx.example.com" } });
        status.StatusGroups.Add(new HeaderList
        {
            { "Final-Recipient", $"rfc822; {recipient}" },
            { "Action", "failed" },
            { "Status", "5.1.1" },
            { "Diagnostic-Code", "smtp; 550 5.1.1 User unknown" },
        });
        report.Add(status);
        var headers = new TextPart("rfc822-headers")
        {
            Text = $"Message-ID: <{originalMessageId}>\r\nSubject: We have received your complaint\r\nTo: {recipient}\r\n",
        };
        report.Add(headers);
        message.Body = report;
        return message;
    }

    /// <summary>Bytes that have no header block at all.</summary>
    public static byte[] Malformed() => Encoding.ASCII.GetBytes("This line is not a header\r\nneither is this one\r\n\r\n--nothing--\r\n");

    /// <summary>A message of about <paramref name="bytes"/> bytes (a large text attachment).</summary>
    public static MimeMessage Large(int bytes) =>
        From("Big Sender", "big.sender@example.com", "Photos of the damage", "See attached.", b =>
            b.Attachments.Add("notes.txt", Encoding.ASCII.GetBytes(new string('x', bytes)), new ContentType("text", "plain")));
}
