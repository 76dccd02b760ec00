namespace Zowor.Portal.Domain.Complaints;

/// <summary>How the customer prefers to be contacted.</summary>
public enum ContactMethod
{
    /// <summary>By e-mail.</summary>
    Email,
    /// <summary>By phone.</summary>
    Phone,
}
