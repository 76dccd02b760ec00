namespace Zowor.Portal.Domain.Complaints;

/// <summary>How the customer prefers to be contacted.</summary>
public enum ContactMethod
{
    /// <summary>By e-mail.</summary>
    Email,
    /// <summary>P-20 allows the acknowledgement by phone. Stored by name in an 8-character column.</summary>
    Phone,
}
