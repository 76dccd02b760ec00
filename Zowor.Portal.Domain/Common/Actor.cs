namespace Zowor.Portal.Domain.Common;

/// <summary>Who did something: a user id and the display name kept with the record, so the audit trail reads without joins.</summary>
/// <param name="Id">User id, or a fixed id such as <see cref="SystemId"/> for jobs and customers.</param>
/// <param name="Name">Display name at the time of the action.</param>
public sealed record Actor(string Id, string Name)
{
    /// <summary>The id used for changes made by the portal itself (deadline jobs).</summary>
    public const string SystemId = "system";

    /// <summary>The id used for changes made by the customer through public pages.</summary>
    public const string CustomerId = "customer";

    /// <summary>The portal itself.</summary>
    public static Actor System { get; } = new(SystemId, "Zowor Portal");

    /// <summary>The customer acting through a public page.</summary>
    public static Actor Customer { get; } = new(CustomerId, "Customer");
}
