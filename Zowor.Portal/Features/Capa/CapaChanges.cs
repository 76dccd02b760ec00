using Zowor.Portal.Realtime;

namespace Zowor.Portal.Features.Capa;

/// <summary>What a <see cref="CapaChanged"/> event says happened.</summary>
public static class CapaChanges
{
    public const string AlertRaised = "AlertRaised";
    public const string AlertHandled = "AlertHandled";
    public const string Opened = "Opened";
    public const string Changed = "Changed";
    public const string ActionOverdue = "ActionOverdue";
}
