using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Zowor.Portal.Components.Shared;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Categories;
using Zowor.Portal.Features.Identity;
using Zowor.Portal.Features.Settings;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Features.Complaints;

public sealed partial class ComplaintDetailPage
{
    private ComplaintCase? _case;
    private bool _notFound;
    private ComplaintAction? _selected;
    private int _formKey;
    private IReadOnlySet<string> _policies = new HashSet<string>();
    private IReadOnlyList<StaffMember> _staff = [];
    private IReadOnlyDictionary<string, ComplaintCategory> _categories = new Dictionary<string, ComplaintCategory>();
    private readonly List<IDisposable> _subscriptions = [];
    private IReadOnlyList<Viewer> _viewers = [];
    private string _myId = string.Empty;
    private Viewer? _me;
    private IDisposable? _presence;
    private Guid? _shownId;

    [Parameter]
    public Guid Id { get; set; }

    [Inject] private ComplaintService Complaints { get; set; } = default!;
    [Inject] private CategoryService CategoryService { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private BusinessClock Clock { get; set; } = default!;
    [Inject] private PortalNotifier Notifier { get; set; } = default!;
    [Inject] private PresenceTracker Presence { get; set; } = default!;
    [Inject] private CircuitPresence Connection { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _categories = await CategoryService.GetAllByCodeAsync();
        _policies = await CurrentUser.AllowedPoliciesAsync();
        if (_policies.Contains(PortalRoles.Policies.ManageComplaints))
        {
            _staff = await Complaints.GetAssignableStaffAsync();
        }

        // Someone else's change to this complaint refreshes the page; an open form keeps what the user typed.
        var me = CurrentUser.ToActor(await CurrentUser.GetPrincipalAsync());
        _myId = me.Id;
        _subscriptions.Add(Notifier.Subscribe<ComplaintChanged>(change => change.ComplaintId == Id && change.ChangedById != _myId
            ? InvokeAsync(ReloadAfterOtherChangeAsync)
            : Task.CompletedTask));
        _subscriptions.Add(Notifier.Subscribe<PresenceChanged>(change => change.ComplaintId == Id
            ? InvokeAsync(() => { _viewers = OtherViewers(); StateHasChanged(); })
            : Task.CompletedTask));
        _me = new Viewer(me.Id, me.Name);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (Id != _shownId)
        {
            // The same page instance is reused when navigating from one case to another: nothing of the old case may
            // stay (an open form would otherwise submit to the new one), and presence moves with the user.
            _shownId = Id;
            _selected = null;
            _presence?.Dispose();
            // Only an interactive circuit is a viewer; the prerender pass is gone a moment later.
            _presence = RendererInfo.IsInteractive && _me is not null ? Presence.Enter(Id, _me, Connection) : null;
            _viewers = OtherViewers();
        }

        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _case = await Complaints.OpenCaseAsync(Id);
        _notFound = _case is null;
        StateHasChanged();
    }

    private async Task ReloadAfterOtherChangeAsync()
    {
        var before = _case?.Version;
        await LoadAsync();
        if (before is not null && _case is not null && _case.Version != before)
        {
            Snackbar.Add(L["This complaint was just changed by someone else; the page shows the latest version."], Severity.Info);
        }
    }

    private void Select(ComplaintAction action)
    {
        _selected = action;
        _formKey++;
    }

    private async Task OnCompletedAsync()
    {
        _selected = null;
        await LoadAsync();
    }

    private static string FileSize(long bytes) =>
        bytes >= 1024 * 1024 ? string.Create(CultureInfo.CurrentCulture, $"{bytes / (1024.0 * 1024):0.0} MB") : string.Create(CultureInfo.CurrentCulture, $"{Math.Max(1, bytes / 1024)} KB");

    private string Local(DateTime utc) => Clock.ToLocal(utc).ToString("g", CultureInfo.CurrentCulture);

    private string CategoryName(string code) =>
        _categories.TryGetValue(code, out var category) ? category.Name(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) : code;

    private string DescribeEntry(ComplaintHistoryEntry entry) => entry.Kind switch
    {
        ComplaintHistoryKinds.StatusChanged when entry.Before is not null && entry.After is not null =>
            $"{StatusText(entry.Before)} → {StatusText(entry.After)}",
        ComplaintHistoryKinds.Registered => L["Registered"],
        ComplaintHistoryKinds.Acknowledged when Enum.TryParse<Domain.Complaints.ContactMethod>(entry.Details, out var method) =>
            string.Format(CultureInfo.CurrentCulture, L["Acknowledged by {0}; estimated resolution {1}"], L[EnumText.Of(method)],
                DateOnly.TryParse(entry.After, CultureInfo.InvariantCulture, out var estimate) ? estimate.ToString("d", CultureInfo.CurrentCulture) : entry.After),
        ComplaintHistoryKinds.EstimateRevised =>
            string.Format(CultureInfo.CurrentCulture, L["Estimated resolution date revised from {0} to {1}"], IsoDate(entry.Before), IsoDate(entry.After)),
        ComplaintHistoryKinds.CustomerResponded => entry.After == "Accepted" ? L["The customer accepted the offer"] : L["The customer rejected the offer"],
        ComplaintHistoryKinds.CustomerNoAnswer => string.Format(CultureInfo.CurrentCulture, L["No answer from the customer after {0} days"], entry.After),
        ComplaintHistoryKinds.Escalated => string.Format(CultureInfo.CurrentCulture, L["Escalated from level {0} to level {1}"], entry.Before, entry.After),
        ComplaintHistoryKinds.Assigned => string.Format(CultureInfo.CurrentCulture, L["Assigned to {0}"], entry.After),
        ComplaintHistoryKinds.CeoDecision when Enum.TryParse<Domain.Complaints.CeoDecisionOutcome>(entry.After, out var outcome) =>
            string.Format(CultureInfo.CurrentCulture, L["CEO decision: {0}"], L[EnumText.Of(outcome)]),
        ComplaintHistoryKinds.ProductMapped => string.Format(CultureInfo.CurrentCulture, L["Product mapped to {0}"], entry.After),
        _ => L[EnumText.OfName(entry.Kind)],
    };

    private static string? IsoDate(string? iso) =>
        DateOnly.TryParse(iso, CultureInfo.InvariantCulture, out var date) ? date.ToString("d", CultureInfo.CurrentCulture) : iso;

    private static Color TimelineColor(string kind) => kind switch
    {
        ComplaintHistoryKinds.StatusChanged => Color.Primary,
        ComplaintHistoryKinds.InternalNote => Color.Warning,
        _ => Color.Default,
    };

    private string StatusText(string status) =>
        Enum.TryParse<ComplaintStatus>(status, out var parsed) ? L[EnumText.Of(parsed)] : status;

    private IReadOnlyList<Viewer> OtherViewers() => Presence.ViewersOf(Id).Where(v => v.UserId != _myId).ToList();

    public void Dispose()
    {
        _presence?.Dispose();
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }
}
