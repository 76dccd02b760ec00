using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Domain.Capa;

/// <summary>
/// A save from a form opened before later changes to the CAPA was refused, so it cannot overwrite them unseen.
/// <see cref="Changes"/> are the history entries saved since; <see cref="CurrentChange"/> is what a deliberate save over
/// them must say it has seen.
/// </summary>
public sealed class CapaConflictException : DomainException
{
    /// <summary>Creates the conflict with the changes made since the form was opened.</summary>
    public CapaConflictException(IReadOnlyList<CapaHistoryEntry> changes, int currentChange)
        : base("Someone else changed this CAPA after you opened the form. Nothing of yours was saved; your entry is still in the form.")
    {
        Changes = changes;
        CurrentChange = currentChange;
    }

    /// <summary>The history entries saved since the form was opened, oldest first.</summary>
    public IReadOnlyList<CapaHistoryEntry> Changes { get; }

    /// <summary>The number of the CAPA's last change now.</summary>
    public int CurrentChange { get; }
}
