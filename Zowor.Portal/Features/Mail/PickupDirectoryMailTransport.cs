using Microsoft.Extensions.Options;
using MimeKit;
using Zowor.Portal.Platform.Storage;

namespace Zowor.Portal.Features.Mail;

/// <summary>
/// The default without SMTP settings: each message becomes an .eml file (open it in any mail program) in the
/// pickup folder, named by its id so a retry overwrites rather than doubles it.
/// </summary>
public sealed class PickupDirectoryMailTransport(IOptions<MailOptions> options, DataFolders folders) : IMailTransport
{
    /// <summary>The folder the files go to.</summary>
    public string Folder => folders.Resolve(options.Value.PickupDirectory);

    /// <summary>The file of a message: named by its id alone, so a retry overwrites it and an erasure can find it.</summary>
    public string PathOf(string messageId) => Path.Combine(Folder, messageId.Split('@')[0] + ".eml");

    /// <inheritdoc />
    /// <remarks>
    /// Written synchronously: a receipt is a few kilobytes on a local disk, and the dispatcher's own loop is the only caller;
    /// the asynchronous file stream cost more in thread-pool hand-offs than the write itself (issue 21's profile).
    /// </remarks>
    public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var path = PathOf(message.MessageId ?? Guid.NewGuid().ToString("N"));
        var temp = path + ".tmp";
        using (var file = File.Create(temp))
        {
            message.WriteTo(file, cancellationToken);
        }

        File.Move(temp, path, overwrite: true);
        return Task.CompletedTask;
    }
}
