using System.Text;
using MimeKit;
using Zowor.Portal.Features.Mailbox;

namespace Zowor.Portal.Tests.Features.Mailbox;

/// <summary>The rules applied to each message from the complaints mailbox before anything is stored (P-10, P-11).</summary>
public sealed class IncomingMessageTests
{
    private const string Own = "complaints@zowor.test";

    [Theory]
    [InlineData("Auto-Submitted", "auto-replied", null)]
    [InlineData("Auto-Submitted", "auto-generated; type=vacation", null)]
    [InlineData("Precedence", "junk", null)]
    [InlineData("Precedence", "list", null)]
    [InlineData("Precedence", "auto_reply", null)]
    [InlineData("X-Autorespond", "yes", null)]
    [InlineData("Return-Path", "<>", null)]
    [InlineData(null, null, "Automatic reply: your complaint")]
    [InlineData(null, null, "Out of the office until Monday")]
    [InlineData(null, null, "Vacation")]
    [InlineData(null, null, "Автоответ: Re: жалоба")]
    public void Classify_AutomaticMail_IsAnAutoReply(string? header, string? value, string? subject)
    {
        var message = Message("Olga <olga@example.com>", subject ?? "Re: We have received your complaint ZW-2026-000001");
        if (header is not null)
        {
            message.Headers.Add(header, value!);
        }

        Assert.Equal(IncomingKind.AutoReply, Parse(message).Classify(Own, out _));
    }

    [Fact]
    public void Classify_AutoSubmittedNo_IsACustomer() =>
        Assert.Equal(IncomingKind.Customer, Parse(Message("Olga <olga@example.com>", "Broken kettle", ("Auto-Submitted", "no"))).Classify(Own, out _));

    [Theory]
    [InlineData("Olga <olga@example.com>", "<bounces@mail.example.com>", IncomingKind.Customer)]
    [InlineData("Olga <olga@example.com>", "<olga@example.com>", IncomingKind.Customer)]
    [InlineData("Bank <support@bank.example.com>", "<x@other.example.net>", IncomingKind.SuspectSender)]
    [InlineData("Olga <olga@example>", null, IncomingKind.SuspectSender)]
    [InlineData("Olga <olga@example.com>, Ivan <ivan@example.com>", null, IncomingKind.SuspectSender)]
    [InlineData("Zowor <COMPLAINTS@zowor.test>", null, IncomingKind.OwnMail)]
    public void Classify_SenderRule(string from, string? returnPath, IncomingKind expected)
    {
        var message = Message(from, "Broken kettle");
        if (returnPath is not null)
        {
            message.Headers.Add(HeaderId.ReturnPath, returnPath);
        }

        Assert.Equal(expected, Parse(message).Classify(Own, out _));
    }

    [Fact]
    public void Classify_DmarcFailure_IsSuspect() =>
        Assert.Equal(IncomingKind.SuspectSender,
            Parse(Message("Olga <olga@example.com>", "Hi", ("Authentication-Results", "mx.zowor.test; spf=pass; dmarc=fail header.from=example.com"))).Classify(Own, out _));

    [Fact]
    public void Text_HtmlOnly_IsConvertedToTextWithoutScriptsOrMarkup()
    {
        var message = Message("Olga <olga@example.com>", "Hi");
        message.Body = new TextPart("html")
        {
            Text = "<html><head><style>p{color:red}</style><script>alert('x')</script></head><body><p>The kettle &amp; lid</p><div>are <b>broken</b><br>since Monday.</div></body></html>",
        };

        Assert.Equal("The kettle & lid\n\nare broken\nsince Monday.", Parse(message).Text());
    }

    [Theory]
    [InlineData("Чайник сломался, kettle model ZX-200", "ru")]
    [InlineData("The kettle broke. Спасибо", "en")]
    public void GuessLanguage_FollowsTheScriptMostLettersUse(string text, string expected) =>
        Assert.Equal(expected, IncomingMessage.GuessLanguage(text));

    [Fact]
    public void ReferenceInSubject_FindsTheComplaintReference() =>
        Assert.Equal("ZW-2026-000123", Parse(Message("Olga <olga@example.com>", "Re: Update on your complaint zw-2026-000123")).ReferenceInSubject());

    [Fact]
    public void TryParse_BytesWithoutHeaders_IsNull() =>
        Assert.Null(IncomingMessage.TryParse(new MemoryStream(Encoding.ASCII.GetBytes("no header here\r\n\r\nbody"))));

    private static MimeMessage Message(string from, string subject, params (string Name, string Value)[] headers)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = "The kettle is broken." } };
        message.From.AddRange(InternetAddressList.Parse(from));
        message.To.Add(MailboxAddress.Parse(Own));
        foreach (var (name, value) in headers)
        {
            message.Headers.Add(name, value);
        }

        return message;
    }

    private static IncomingMessage Parse(MimeMessage message)
    {
        var stream = new MemoryStream();
        message.WriteTo(stream);
        stream.Position = 0;
        return IncomingMessage.TryParse(stream)!;
    }
}
