namespace Zowor.Portal.Domain.Complaints;

/// <summary>How serious the problem is; serious complaints go to level 2 (P-71).</summary>
public enum ComplaintSeverity
{
    /// <summary>Handled at level 1.</summary>
    Normal,
    /// <summary>Needs the Chief Customer Officer.</summary>
    Serious,
}
