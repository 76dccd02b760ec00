using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Complaints;

/// <summary>
/// Someone else changed the complaint first; the user's change was not saved. <see cref="Changes"/> names what was saved
/// since the version the user's form was opened on, and <see cref="CurrentVersion"/> is the version a deliberate
/// "save anyway" sends back.
/// </summary>
public sealed class ComplaintConflictException(IReadOnlyList<ComplaintHistoryEntry>? changes = null, long? currentVersion = null)
    : Exception(DefaultMessage)
{
    public const string DefaultMessage = "Someone else changed this complaint while you were working on it. The latest version is shown; your entry is still in the form — check it and try again.";

    /// <summary>The timeline entries saved since the expected version, oldest first (empty when unknown).</summary>
    public IReadOnlyList<ComplaintHistoryEntry> Changes { get; } = changes ?? [];

    /// <summary>The complaint's version now, when known.</summary>
    public long? CurrentVersion { get; } = currentVersion;
}
