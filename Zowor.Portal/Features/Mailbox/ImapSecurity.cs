namespace Zowor.Portal.Features.Mailbox;

/// <summary>TLS for the IMAP connection.</summary>
public enum ImapSecurity
{
    /// <summary>Plain text (only for a server on the same machine or a trusted network).</summary>
    None,

    /// <summary>Connect in plain text, then upgrade with STARTTLS (refused if the server does not offer it).</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 993).</summary>
    SslOnConnect,
}
