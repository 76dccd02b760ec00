namespace Zowor.Portal.Features.Mailbox;

/// <summary>The complaints mailbox the portal reads (section <c>Mail:Inbound</c>). Without <see cref="Host"/> nothing is read.</summary>
public sealed class InboundMailOptions
{
    public const string Section = "Mail:Inbound";

    /// <summary>IMAP server; empty means the mailbox is not read (the embedded default).</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 993;

    public ImapSecurity Security { get; set; } = ImapSecurity.SslOnConnect;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The folder new mail arrives in.</summary>
    public string Folder { get; set; } = "INBOX";

    /// <summary>Where processed mail is moved; empty means it stays and is flagged \Seen.</summary>
    public string? ProcessedFolder { get; set; }

    /// <summary>How often the folder is checked when the server has no IDLE.</summary>
    public double PollSeconds { get; set; } = 30;

    /// <summary>Messages larger than this are not processed but quarantined whole.</summary>
    public long MaxMessageBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>How long one node's claim on the mailbox lasts without renewal; another node takes over after it.</summary>
    public double LeaseSeconds { get; set; } = 60;

    /// <summary>First wait after a failed connection; doubles up to <see cref="MaxRetrySeconds"/>.</summary>
    public double RetrySeconds { get; set; } = 5;

    /// <summary>Longest wait between connection attempts.</summary>
    public double MaxRetrySeconds { get; set; } = 300;

    /// <summary>Whether the mailbox is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
