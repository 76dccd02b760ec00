using Microsoft.AspNetCore.Components;
using MudBlazor;
using Zowor.Portal.Components.Shared;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Features.Memos;

public sealed partial class MemosPage
{
    private IReadOnlyList<MemoSummary> _memos = [];
    private MemoDetail? _detail;
    private IReadOnlyList<string> _myRoles = [];
    private string _myId = string.Empty;
    private IDisposable? _subscription;
    private bool _busy;

    [Inject] private MemoService Memos { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private BusinessClock Clock { get; set; } = default!;
    [Inject] private PortalNotifier Notifier { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private ErrorPresenter Errors { get; set; } = default!;

    [Parameter]
    public Guid? Id { get; set; }

    protected override async Task OnInitializedAsync()
    {
        var principal = await CurrentUser.GetPrincipalAsync();
        _myId = CurrentUser.ToActor(principal).Id;
        _myRoles = MemoService.RolesOf(principal);
        _subscription = Notifier.Subscribe<MemoChanged>(OnMemoChangedAsync);
    }

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _memos = await Memos.ListMineAsync();
        var id = Id ?? _detail?.Id ?? _memos.FirstOrDefault(m => m.IsForMe && !m.AcknowledgedByMe)?.Id ?? (_memos is [var first, ..] ? first.Id : (Guid?)null);
        _detail = id is { } chosen ? await Memos.GetAsync(chosen) : null;
    }

    /// <summary>A memo for my roles was published, or one I see was acknowledged (the author's list): reload in place.</summary>
    private Task OnMemoChangedAsync(MemoChanged change)
    {
        var concernsMe = change.AuthorId == _myId || change.ChangedById == _myId || change.AudienceRoles.Any(_myRoles.Contains);
        return concernsMe
            ? InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            })
            : Task.CompletedTask;
    }

    private async Task AcknowledgeAsync()
    {
        if (_detail is null)
        {
            return;
        }

        _busy = true;
        await Errors.RunAsync(async () =>
        {
            await Memos.AcknowledgeAsync(_detail.Id);
            Snackbar.Add(L["Thank you: your acknowledgement is recorded."], Severity.Success);
        });
        _busy = false;

        await LoadAsync();
    }

    private DateTime Local(DateTime utc) => Clock.ToLocal(utc);

    private static double Percent(IReadOnlyList<MemoReader> readers) =>
        readers.Count == 0 ? 0 : 100.0 * readers.Count(r => r.AcknowledgedAt is not null) / readers.Count;

    public void Dispose() => _subscription?.Dispose();
}
