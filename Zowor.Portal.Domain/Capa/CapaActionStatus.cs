namespace Zowor.Portal.Domain.Capa;

/// <summary>Where one CAPA action stands.</summary>
public enum CapaActionStatus
{
    /// <summary>To do.</summary>
    Open,
    /// <summary>Carried out.</summary>
    Done,
    /// <summary>Dropped.</summary>
    Cancelled,
}
