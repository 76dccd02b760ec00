namespace Zowor.Portal.Domain.Capa;

/// <summary>What kind of work a CAPA action is, and so how it is finished (P-80, P-81).</summary>
public enum CapaActionKind
{
    /// <summary>A task its owner marks done by hand.</summary>
    Task,
    /// <summary>An internal memo published from the CAPA; done when its whole audience has acknowledged it (P-81).</summary>
    Memo,
    /// <summary>A training course; done when every required staff member has completed it since the action was added (P-80).</summary>
    Training,
}
