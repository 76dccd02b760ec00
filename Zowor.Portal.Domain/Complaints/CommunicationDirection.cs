namespace Zowor.Portal.Domain.Complaints;

/// <summary>Direction of a contact with the customer.</summary>
public enum CommunicationDirection
{
    /// <summary>From the customer to Zowor.</summary>
    Inbound,
    /// <summary>From Zowor to the customer; counts as a customer update (P-21, P-41).</summary>
    Outbound,
}
