using Microsoft.AspNetCore.Components;
using MudBlazor;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Identity;
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
    private readonly List<IDisposable> _subscriptions = [];
    private IReadOnlyList<Viewer> _viewers = [];
    private string _myId = string.Empty;
    private Viewer? _me;
    private IDisposable? _presence;
    private Guid? _shownId;

    [Parameter]
    public Guid Id { get; set; }

    [Inject] private ComplaintService Complaints { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private PortalNotifier Notifier { get; set; } = default!;
    [Inject] private PresenceTracker Presence { get; set; } = default!;
    [Inject] private CircuitPresence Connection { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
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
