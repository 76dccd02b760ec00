using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Zowor.Portal.Features.Mail;

/// <summary>Delivers through an SMTP server with MailKit.</summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    /// <inheritdoc />
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var mail = options.Value;
        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(mail.SmtpHost!, mail.SmtpPort, mail.SmtpSecurity, cancellationToken);
        if (!string.IsNullOrEmpty(mail.SmtpUserName))
        {
            await client.AuthenticateAsync(mail.SmtpUserName, mail.SmtpPassword ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
