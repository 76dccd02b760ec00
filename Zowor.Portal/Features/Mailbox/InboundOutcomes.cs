namespace Zowor.Portal.Features.Mailbox;

/// <summary>What happened to a message from the mailbox.</summary>
public static class InboundOutcomes
{
    /// <summary>It became a new complaint.</summary>
    public const string Complaint = "Complaint";

    /// <summary>It was threaded into an existing complaint.</summary>
    public const string Reply = "Reply";

    /// <summary>An automatic reply (out of office, list mail): nothing created, no receipt.</summary>
    public const string AutoReply = "AutoReply";

    /// <summary>A delivery status report about the portal's own e-mail.</summary>
    public const string DeliveryReport = "DeliveryReport";

    /// <summary>Sent by the portal itself (its own From address): ignored, so mail never loops.</summary>
    public const string OwnMail = "OwnMail";

    /// <summary>The same message (Message-ID) was handled before.</summary>
    public const string Duplicate = "Duplicate";

    /// <summary>Kept whole for an Admin: unparseable, too large, or the sender looks forged.</summary>
    public const string Quarantined = "Quarantined";

    /// <summary>A quarantined message an Admin discarded.</summary>
    public const string Discarded = "Discarded";
}
