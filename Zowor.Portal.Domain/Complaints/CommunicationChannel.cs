namespace Zowor.Portal.Domain.Complaints;

/// <summary>Channel of a contact with the customer.</summary>
public enum CommunicationChannel
{
    /// <summary>E-mail.</summary>
    Email,
    /// <summary>Phone call.</summary>
    Phone,
    /// <summary>The public status page.</summary>
    StatusPage,
    /// <summary>Anything else (letter, chat).</summary>
    Other,
}
