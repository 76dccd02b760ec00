using MailKit.Security;

namespace Zowor.Portal.Features.Mail;

/// <summary>Outbound e-mail (section <c>Mail</c>). Without <see cref="SmtpHost"/>, messages are written as .eml files.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>SMTP server; empty means "write .eml files to <see cref="PickupDirectory"/>".</summary>
    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    /// <summary>SMTP user name, when the server needs one.</summary>
    public string? SmtpUserName { get; set; }

    public string? SmtpPassword { get; set; }

    /// <summary>TLS: <c>Auto</c>, <c>StartTls</c>, <c>SslOnConnect</c> or <c>None</c>.</summary>
    public SecureSocketOptions SmtpSecurity { get; set; } = SecureSocketOptions.Auto;

    public string FromAddress { get; set; } = "complaints@zowor.test";

    /// <summary>
    /// The complaints mailbox customers answer to: every message carries it as Reply-To, so an answer lands where the
    /// portal reads it (issue 15's inbound reader). Empty means <see cref="FromAddress"/>.
    /// </summary>
    public string? ComplaintsAddress { get; set; }

    /// <summary>The Reply-To address in effect.</summary>
    public string ReplyToAddress => string.IsNullOrWhiteSpace(ComplaintsAddress) ? FromAddress : ComplaintsAddress;

    public string FromName { get; set; } = "Zowor Customer Care";

    /// <summary>Folder for .eml files, relative to the data folder.</summary>
    public string PickupDirectory { get; set; } = "mail";

    /// <summary>The customer-facing address of the portal, for links in messages.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5190";

    /// <summary>Whether this node delivers the outbox (every node may; a claim keeps them from doubling).</summary>
    public bool Dispatch { get; set; } = true;

    /// <summary>First retry delay; doubles with each attempt up to <see cref="MaxRetryDelaySeconds"/>.</summary>
    public double RetryDelaySeconds { get; set; } = 30;

    public double MaxRetryDelaySeconds { get; set; } = 1800;

    /// <summary>Attempts before a message is marked failed (about two days at the default delays).</summary>
    public int MaxAttempts { get; set; } = 100;

    /// <summary>How often the outbox is polled when nothing signals it.</summary>
    public double PollSeconds { get; set; } = 15;

    /// <summary>
    /// Under a steady flow of messages, how long the dispatcher waits after a round that sent something before it starts
    /// the next, so that a round carries many messages (its claim, reads and mark cost about as much as sending two or
    /// three receipts; issue 21). A message after a quiet spell is sent at once. 0 sends every signalled message at once.
    /// </summary>
    public double GatherSeconds { get; set; } = 0.25;

    /// <summary>Whether SMTP is configured.</summary>
    public bool UsesSmtp => !string.IsNullOrWhiteSpace(SmtpHost);
}
