using Microsoft.AspNetCore.Components;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Complaints.Actions;

/// <summary>
/// One complaint action's form: its model, its fields and its save. <see cref="ComplaintActionForm"/> picks the
/// component for the chosen action and <see cref="ComplaintActionFrame"/> gives every one the same frame (conflict
/// notice, buttons, error presenting). The model lives as long as the component, so a refused save keeps the input.
/// </summary>
public abstract class ComplaintActionComponent : ComponentBase
{
    [Parameter, EditorRequired]
    public ComplaintAction Action { get; set; }

    [Parameter, EditorRequired]
    public ComplaintCase Case { get; set; } = default!;

    [Parameter]
    public IReadOnlyList<StaffMember> Staff { get; set; } = [];

    /// <summary>The change was saved.</summary>
    [Parameter]
    public EventCallback Completed { get; set; }

    /// <summary>Someone else changed the complaint first: the page reloads it, this form keeps its input.</summary>
    [Parameter]
    public EventCallback Conflicted { get; set; }

    [Parameter]
    public EventCallback Cancelled { get; set; }

    [Inject]
    protected ComplaintService Complaints { get; set; } = default!;

    [Inject]
    protected BusinessClock Clock { get; set; } = default!;

    /// <summary>The business day, for dates the form proposes or bounds.</summary>
    protected DateTime Today => Clock.LocalNow.Date;

    /// <summary>Saves the form on the complaint as it was at <paramref name="version"/>.</summary>
    public abstract Task SaveAsync(Guid complaintId, long version);

    /// <summary>What the user typed, labelled, for the conflict notice; enum values are translated there.</summary>
    public virtual IEnumerable<(string Label, object? Value)> Entry() => [];
}
