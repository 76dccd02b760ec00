namespace Zowor.Portal.Features.Customers;

/// <summary>Kinds of lines in the customer's view.</summary>
public enum CustomerUpdateKind
{
    /// <summary>An e-mail the portal sent.</summary>
    Email,

    /// <summary>What the customer added.</summary>
    FromCustomer,

    /// <summary>Files the customer sent (their names).</summary>
    Files,

    /// <summary>A status milestone.</summary>
    Status,
}
