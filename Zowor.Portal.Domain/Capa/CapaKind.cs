namespace Zowor.Portal.Domain.Capa;

/// <summary>Corrective (a problem happened) or preventive (it could happen).</summary>
public enum CapaKind
{
    /// <summary>Removes the cause of a problem that happened.</summary>
    Corrective,
    /// <summary>Removes the cause of a problem that could happen.</summary>
    Preventive,
}
