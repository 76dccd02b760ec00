namespace Zowor.Portal.Domain.Escalation;

/// <summary>Who owns an unresolved problem (P-70 to P-72).</summary>
public enum EscalationLevel
{
    /// <summary>Customer Service Manager (P-70).</summary>
    CustomerServiceManager = 1,
    /// <summary>Chief Customer Officer (P-71).</summary>
    ChiefCustomerOfficer = 2,
    /// <summary>Chief Executive (P-72, P-73).</summary>
    ChiefExecutive = 3,
}
