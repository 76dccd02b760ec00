using MimeKit;
using MimeKit.Text;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Mailbox;

/// <summary>What kind of message arrived, decided before anything is stored.</summary>
public enum IncomingKind
{
    /// <summary>A customer's message: a new complaint or a reply.</summary>
    Customer,

    /// <summary>Automatic (out of office, vacation, list, null sender): no complaint, no receipt.</summary>
    AutoReply,

    /// <summary>A delivery status report (RFC 3464).</summary>
    DeliveryReport,

    /// <summary>From the portal's own address.</summary>
    OwnMail,

    /// <summary>The sender looks forged or is malformed: kept for an Admin.</summary>
    SuspectSender,
}
