using MimeKit;
using Zowor.Portal.Data;

namespace Zowor.Portal.Features.Mailbox;

/// <summary>Where a message sits in the mailbox, and what the server says about it.</summary>
/// <param name="Mailbox"><c>user@host/folder</c>.</param>
/// <param name="UidValidity">The folder's UIDVALIDITY.</param>
/// <param name="Uid">The message's UID.</param>
/// <param name="ReceivedAt">INTERNALDATE (UTC).</param>
/// <param name="Size">RFC822.SIZE.</param>
public sealed record MailboxMessageSource(string Mailbox, long UidValidity, long Uid, DateTime ReceivedAt, long Size);
