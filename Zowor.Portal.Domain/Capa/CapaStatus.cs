namespace Zowor.Portal.Domain.Capa;

/// <summary>Where a CAPA stands (P-62): from the problem to a checked, effective fix.</summary>
public enum CapaStatus
{
    /// <summary>Raised; the problem is being described.</summary>
    Open,
    /// <summary>Root-cause analysis (5 Whys, fishbone).</summary>
    Investigating,
    /// <summary>Actions are being planned with owners and due dates.</summary>
    ActionPlan,
    /// <summary>The actions are being carried out.</summary>
    Implementing,
    /// <summary>All actions are finished; waiting to see whether the problem recurs.</summary>
    EffectivenessCheck,
    /// <summary>The fix was found effective.</summary>
    Closed,
}
