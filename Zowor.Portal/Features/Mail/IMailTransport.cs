using MimeKit;

namespace Zowor.Portal.Features.Mail;

/// <summary>Hands a finished message to the outside world.</summary>
public interface IMailTransport
{
    /// <summary>Delivers the message or throws.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
