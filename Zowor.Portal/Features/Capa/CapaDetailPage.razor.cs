using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Zowor.Portal.Components.Shared;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Localization;
using Zowor.Portal.Platform.Time;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Features.Capa;

/// <summary>The CAPA editor: one service call per user action, the workflow table decides which sections are editable.</summary>
public sealed partial class CapaDetailPage
{
    private CapaView? _view;
    private bool _notFound;
    private bool _busy;
    private readonly CapaEditorForms _forms = new();
    private IReadOnlyList<CourseChoice> _courses = [];
    private IReadOnlyList<StaffMember> _owners = [];
    private IDisposable? _subscription;
    private string _myId = string.Empty;
    private readonly CapaConflictSlot _conflict = new();

    [Parameter] public Guid Id { get; set; }

    [Inject] private CapaService Capas { get; set; } = default!;
    [Inject] private PortalNotifier Notifier { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private BusinessClock Clock { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private ErrorPresenter Errors { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _myId = CurrentUser.ToActor(await CurrentUser.GetPrincipalAsync()).Id;
        await LoadAsync(resetForms: true);
        if (_view?.CanManage == true && _owners.Count == 0)
        {
            _owners = await Capas.ListOwnersAsync();
            _courses = await Capas.ListCoursesAsync();
        }

        _subscription ??= Notifier.Subscribe<CapaChanged>(change => change.CapaId == Id && change.ChangedById != _myId
            ? InvokeAsync(async () =>
            {
                // Someone else (or the overdue scan) changed it: show the fresh state; forms being typed stay as they are.
                await LoadAsync(resetForms: false);
                StateHasChanged();
            })
            : Task.CompletedTask);
    }

    private async Task LoadAsync(bool resetForms)
    {
        _view = await Capas.GetAsync(Id);
        _notFound = _view is null;
        if (_view is { } view && resetForms)
        {
            _forms.OpenOn(view.Capa, Clock.Today);
        }
    }

    private bool Can(CapaStep step) => _view is { CanManage: true } view && CapaWorkflow.Allows(view.Capa.Status, step);

    private RenderFragment ConflictNoticeIn(string section) => _conflict.NoticeIn(section, _busy, this, what => CapaHistory.Text(L, what));

    private string? OneLineProblem(string? text) => CapaPageText.PolicyMessage(L, text, multiLine: false);

    private string? NotesProblem(string? text) => CapaPageText.PolicyMessage(L, text, multiLine: true);

    private Task MoveAsync(CapaStep step) => RunAsync(() => Capas.MoveAsync(Id, step), resetForms: true);

    private Task SaveDetailsAsync(CapaDetailsForm form) => RunAsync(() => Capas.UpdateDetailsAsync(Id, form), resetForms: true,
        ex => new CapaConflict(CapaConflict.Details, ex, CapaPageText.DetailsEntry(L, form.Title, form.ProblemStatement), CapaPageText.DetailsEntry(L, _view!.Capa.Title, _view.Capa.ProblemStatement),
            () => { form.OpenedOnChange = ex.CurrentChange; return SaveDetailsAsync(form); },
            () => _forms.Details = CapaDetailsForm.From(_view!.Capa)));

    private Task SaveRootCauseAsync() => RunAsync(() => Capas.RecordRootCauseAnalysisAsync(Id, _forms.RootCause), resetForms: true,
        ex => new CapaConflict(CapaConflict.RootCause, ex,
            CapaPageText.WhysEntry(L, _forms.RootCause.Whys), CapaPageText.WhysEntry(L, _view!.Capa.Whys),
            () => { _forms.RootCause.OpenedOnChange = ex.CurrentChange; return SaveRootCauseAsync(); },
            () => _forms.RootCause = RootCauseAnalysisForm.From(_view!.Capa)));

    // The three kinds of action (plain, memo, training) share the save and the fresh form after it.
    private async Task AddActionAsync(Func<Task> add)
    {
        if (await RunAsync(add, resetForms: false))
        {
            _forms.ActionAdded(Clock.Today);
        }
    }

    private async Task ReloadAfterApprovalAsync()
    {
        Snackbar.Add(L["Saved."], Severity.Success);
        await LoadAsync(resetForms: true);
    }

    private Task FinishAsync((int Number, CapaActionStatus Status) finished) =>
        RunAsync(() => Capas.FinishActionAsync(Id, finished.Number, finished.Status), resetForms: false);

    private Task SaveCheckAsync() => RunAsync(() => Capas.SetEffectivenessCheckAsync(Id, _forms.Check), resetForms: false,
        ex => new CapaConflict(CapaConflict.Check, ex, [(L["Criterion"], _forms.Check.Criterion ?? string.Empty)], [(L["Criterion"], _view!.Capa.EffectivenessCriterion ?? "—")],
            () => { _forms.Check.OpenedOnChange = ex.CurrentChange; return SaveCheckAsync(); },
            () => _forms.Check = CapaEditorForms.CheckOf(_view!.Capa)));

    private Task DecideAsync(bool effective)
    {
        _forms.Decision.Effective = effective;
        return RunAsync(() => Capas.RecordDecisionAsync(Id, _forms.Decision), resetForms: true,
            ex => new CapaConflict(CapaConflict.Decision, ex, [(L[effective ? "Effective" : "Not effective"], _forms.Decision.Note ?? string.Empty)], [],
                () => { _forms.Decision.OpenedOnChange = ex.CurrentChange; return DecideAsync(effective); },
                () => _forms.Decision = CapaEditorForms.DecisionOn(_view!.Capa)));
    }

    private async Task<bool> RunAsync(Func<Task> action, bool resetForms, Func<CapaConflictException, CapaConflict>? onConflict = null)
    {
        _busy = true;
        var before = _view?.Capa.LastChange;
        var saved = await Errors.RunAsync(async () =>
        {
            await action();
            Snackbar.Add(L["Saved."], Severity.Success);
            _conflict.Clear();
            await LoadAsync(resetForms);
            if (!resetForms && before is { } seen && _view is { } view)
            {
                _forms.CatchUp(view.Capa, seen, _myId);
            }
        }, new ErrorDisplay
        {
            // Nothing was saved; the user sees what changed and the saved state next to what they typed, and decides.
            OnCapaConflict = onConflict is null ? null : async conflict =>
            {
                await LoadAsync(resetForms: false);
                _conflict.Show(_view is null ? null : onConflict(conflict));
            },
            OnRefusal = _ => LoadAsync(resetForms: false),
        });
        _busy = false;
        return saved;
    }

    public void Dispose() => _subscription?.Dispose();
}
