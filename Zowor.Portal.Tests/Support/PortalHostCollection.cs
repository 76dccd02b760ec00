namespace Zowor.Portal.Tests.Support;

/// <summary>
/// Every test class that starts the portal host belongs here. The classes run one after another, never beside each
/// other: the host keeps process-wide state (static web assets, Hangfire's static storage once jobs arrive), and two
/// hosts starting at once on two cores mostly just slow each other down.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PortalHostCollection
{
    public const string Name = "PortalHost";
}
