using System.Globalization;
using Microsoft.AspNetCore.Components;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Complaints.Sections;

/// <summary>
/// One section of the case page. Every section gets the same parameters, so the page lists its sections one line each.
/// </summary>
public abstract class CaseSection : ComponentBase
{
    /// <summary>The complaint and what the page loaded with it.</summary>
    [Parameter, EditorRequired]
    public ComplaintCase Case { get; set; } = default!;

    /// <summary>Policies the signed-in user satisfies.</summary>
    [Parameter, EditorRequired]
    public IReadOnlySet<string> Policies { get; set; } = new HashSet<string>();

    /// <summary>The section saved a workflow change: the page closes the open action form and reloads the complaint.</summary>
    [Parameter]
    public EventCallback Saved { get; set; }

    /// <summary>The page reloads the complaint (after a reply, or a conflict); open forms keep what was typed.</summary>
    [Parameter]
    public EventCallback Reload { get; set; }

    [Inject]
    protected BusinessClock Clock { get; set; } = default!;

    protected Complaint Complaint => Case.Complaint;

    /// <summary>A UTC time in the business time zone, as the page shows times.</summary>
    protected string Local(DateTime utc) => Clock.Show(utc);
}
