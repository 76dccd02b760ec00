using Zowor.Portal.Components.Shared;
using Zowor.Portal.Domain.Capa;

namespace Zowor.Portal.Features.Capa;

/// <summary>A refused save on the CAPA editor: where it happened, what changed, what the user typed, and the two ways on.</summary>
internal sealed record CapaConflict(
    string Section, CapaConflictException Error, IReadOnlyList<(string Label, string Value)> YourEntry, IReadOnlyList<(string Label, string Value)> Current,
    Func<Task> SaveAnyway, Action Discard)
{
    // The editor's sections a conflict can be shown in.
    public const string Details = "details";
    public const string RootCause = "root-cause";
    public const string Check = "check";
    public const string Decision = "decision";

    public IReadOnlyList<ConflictLine> Changes(Func<string, string> what) =>
        Error.Changes.Select(c => new ConflictLine(what(c.What), c.Details, c.ActorName, c.At)).ToList();
}
