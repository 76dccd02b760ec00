using MudBlazor;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Features.Complaints;

namespace Zowor.Portal.Components.Shared;

/// <summary>
/// How one component wants failures shown by <see cref="ErrorPresenter"/>: in a snackbar (the default) or in its own
/// alert, and what it does after a conflict or a refusal (reload, show the changes). Every member is optional.
/// </summary>
public sealed record ErrorDisplay
{
    /// <summary>Messages in a snackbar, nothing else.</summary>
    public static ErrorDisplay Snackbar { get; } = new();

    /// <summary>Shows the message in the component (an alert beside the form) instead of a snackbar.</summary>
    public Action<string, Severity>? Show { get; init; }

    /// <summary>After a complaint conflict: e.g. reload the page and show what changed; the form keeps its input.</summary>
    public Func<ComplaintConflictException, Task>? OnComplaintConflict { get; init; }

    /// <summary>After a CAPA conflict.</summary>
    public Func<Domain.Capa.CapaConflictException, Task>? OnCapaConflict { get; init; }

    /// <summary>After a domain refusal (not a conflict): e.g. reload what the refusal was about.</summary>
    public Func<DomainException, Task>? OnRefusal { get; init; }

    /// <summary>A message that replaces the general one for a concurrent change, where this component knows better.</summary>
    public string? ConflictMessage { get; init; }

    /// <summary>A message that replaces the general one for a database fault (e.g. a public page telling the customer the text is kept).</summary>
    public string? FaultMessage { get; init; }

    /// <summary>A message for a failure only this component knows (e.g. an upload over the size limit); null for the usual ones.</summary>
    public Func<Exception, string?>? Explain { get; init; }

    /// <summary>Shows messages through <paramref name="show"/> instead of a snackbar.</summary>
    public static ErrorDisplay Inline(Action<string> show) => new() { Show = (message, _) => show(message) };
}
