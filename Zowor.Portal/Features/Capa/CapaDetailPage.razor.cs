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
    private static readonly CapaStep[] MoveSteps =
        [CapaStep.StartInvestigation, CapaStep.PlanActions, CapaStep.StartImplementation, CapaStep.StartEffectivenessCheck];

    private CapaView? _view;
    private bool _notFound;
    private bool _busy;
    private CapaDetailsForm _details = new();
    private RootCauseAnalysisForm _rootCause = new();
    private CapaActionForm _newAction = new();
    private CapaMemoActionForm _newMemo = new();
    private CapaTrainingActionForm _newTraining = new();
    private IReadOnlyList<CourseChoice> _courses = [];
    private int _actionKey;
    private EffectivenessCheckForm _check = new();
    private EffectivenessDecisionForm _decision = new();
    private IReadOnlyList<StaffMember> _owners = [];
    private IDisposable? _subscription;
    private string _myId = string.Empty;
    private CapaConflict? _conflict;

    private const string DetailsSection = "details";
    private const string RootCauseSection = "root-cause";
    private const string CheckSection = "check";
    private const string DecisionSection = "decision";

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
            _details = CapaDetailsForm.From(view.Capa);
            _rootCause = RootCauseAnalysisForm.From(view.Capa);
            _check = CheckForm(view.Capa);
            _decision = new EffectivenessDecisionForm { OpenedOnChange = view.Capa.LastChange };
            ResetNewActions();
        }
    }

    private void ResetNewActions()
    {
        var due = CapaAction.DefaultDueOn(Clock.Today).ToDateTime(TimeOnly.MinValue);
        _newAction = NewActionForm();
        _newMemo = new CapaMemoActionForm { DueOn = due, EffectiveOn = Clock.Today.ToDateTime(TimeOnly.MinValue) };
        _newTraining = new CapaTrainingActionForm { DueOn = due };
    }

    private CapaActionForm NewActionForm() => new() { DueOn = CapaAction.DefaultDueOn(Clock.Today).ToDateTime(TimeOnly.MinValue) };

    /// <summary>"Close" alone next to the page title reads like closing the page.</summary>
    private string StepLabel(CapaStep step) => step == CapaStep.Close ? L["Close CAPA"] : L[EnumText.Of(step)];

    private bool Can(CapaStep step) => _view is { CanManage: true } view && CapaWorkflow.Allows(view.Capa.Status, step);

    private static IEnumerable<CapaStep> Moves(CapaRecord capa) => MoveSteps.Where(s => CapaWorkflow.Allows(capa.Status, s));

    private string Day(DateTime utc) => DateOnly.FromDateTime(Clock.ToLocal(utc)).ShowDate();

    private string ScopeText(CapaView view)
    {
        var capa = view.Capa;
        if (!RecurrenceQueries.HasScope(capa))
        {
            return L["Recurrence is not counted: no product, category or root cause is set."];
        }

        var parts = new List<string>();
        if (capa.RecurrenceProduct is { } product)
        {
            parts.Add(product);
        }

        if (view.CategoryName is { } category)
        {
            parts.Add(category);
        }

        if (capa.RecurrenceRootCause is { } cause)
        {
            parts.Add(L[EnumText.Of(cause)]);
        }

        // A category and a root cause may share a name ("Packaging · Packaging"): each name once (issue 20).
        return string.Format(CultureInfo.CurrentCulture, L["Recurrence counted for: {0}"], string.Join(" · ", parts.Distinct(StringComparer.CurrentCultureIgnoreCase)));
    }

    /// <summary>The fishbone's branch names as Ishikawa writes them ("Product / materials", not "Product materials").</summary>
    private string FishboneLabel(FishboneCategory category) => category switch
    {
        FishboneCategory.ProductMaterials => L["Product / materials"],
        FishboneCategory.EquipmentSystems => L["Equipment / systems"],
        _ => L[EnumText.Of(category)],
    };

    private string HistoryText(string what) => CapaHistory.Text(L, what);

    private Task MoveAsync(CapaStep step) => RunAsync(() => Capas.MoveAsync(Id, step), resetForms: true);

    private Task SaveDetailsAsync(CapaDetailsForm form) => RunAsync(() => Capas.UpdateDetailsAsync(Id, form), resetForms: true,
        ex => new CapaConflict(DetailsSection, ex, DetailsEntry(form.Title, form.ProblemStatement), DetailsEntry(_view!.Capa.Title, _view.Capa.ProblemStatement),
            () => { form.OpenedOnChange = ex.CurrentChange; return SaveDetailsAsync(form); },
            () => _details = CapaDetailsForm.From(_view!.Capa)));

    private Task SaveRootCauseAsync() => RunAsync(() => Capas.RecordRootCauseAnalysisAsync(Id, _rootCause), resetForms: true,
        ex => new CapaConflict(RootCauseSection, ex,
            WhysEntry(_rootCause.Whys), WhysEntry(_view!.Capa.Whys),
            () => { _rootCause.OpenedOnChange = ex.CurrentChange; return SaveRootCauseAsync(); },
            () => _rootCause = RootCauseAnalysisForm.From(_view!.Capa)));

    private Task AddActionAsync(CapaActionForm form) => AddAnyActionAsync(() => Capas.AddActionAsync(Id, form));

    private Task AddMemoActionAsync(CapaMemoActionForm form) => AddAnyActionAsync(() => Capas.AddMemoActionAsync(Id, form));

    private Task AddTrainingActionAsync(CapaTrainingActionForm form) => AddAnyActionAsync(() => Capas.AddTrainingActionAsync(Id, form));

    private async Task AddAnyActionAsync(Func<Task> add)
    {
        if (await RunAsync(add, resetForms: false))
        {
            ResetNewActions();
            _actionKey++;
        }
    }

    private string When(DateTime utc) => Clock.Show(utc);

    private async Task ReloadAfterApprovalAsync()
    {
        Snackbar.Add(L["Saved."], Severity.Success);
        await LoadAsync(resetForms: true);
    }

    private Task FinishAsync((int Number, CapaActionStatus Status) finished) =>
        RunAsync(() => Capas.FinishActionAsync(Id, finished.Number, finished.Status), resetForms: false);

    private Task SaveCheckAsync() => RunAsync(() => Capas.SetEffectivenessCheckAsync(Id, _check), resetForms: false,
        ex => new CapaConflict(CheckSection, ex, [(L["Criterion"], _check.Criterion ?? string.Empty)], [(L["Criterion"], _view!.Capa.EffectivenessCriterion ?? "—")],
            () => { _check.OpenedOnChange = ex.CurrentChange; return SaveCheckAsync(); },
            () => _check = CheckForm(_view!.Capa)));

    private Task DecideAsync(bool effective)
    {
        _decision.Effective = effective;
        return RunAsync(() => Capas.RecordDecisionAsync(Id, _decision), resetForms: true,
            ex => new CapaConflict(DecisionSection, ex, [(L[effective ? "Effective" : "Not effective"], _decision.Note ?? string.Empty)], [],
                () => { _decision.OpenedOnChange = ex.CurrentChange; return DecideAsync(effective); },
                () => _decision = new EffectivenessDecisionForm { OpenedOnChange = _view!.Capa.LastChange }));
    }

    private IReadOnlyList<(string Label, string Value)> DetailsEntry(string? title, string? problem) =>
        [(L["Title"], title ?? string.Empty), (L["Problem statement"], problem ?? string.Empty)];

    private IReadOnlyList<(string Label, string Value)> WhysEntry(IEnumerable<string?> whys) =>
        whys.Select((why, i) => (string.Format(CultureInfo.CurrentCulture, L["Why {0}"], i + 1), why ?? string.Empty)).Where(w => w.Item2.Length > 0).ToList();

    // The 5 Whys and fishbone notes are lists, not form fields with attributes the page could read: each field says the
    // input policy's message itself as it is typed; the service refuses the same text on save.
    private string? OneLineProblem(string? text) => PolicyMessage(text, multiLine: false);

    private string? NotesProblem(string? text) => PolicyMessage(text, multiLine: true);

    private string? PolicyMessage(string? text, bool multiLine) =>
        Platform.Security.PlainText.Problem(text, multiLine, string.Empty)?.ErrorMessage is { } message ? L[message].Value : null;

    private static EffectivenessCheckForm CheckForm(CapaRecord capa) =>
        new() { Criterion = capa.EffectivenessCriterion, WindowDays = capa.EffectivenessWindowDays, OpenedOnChange = capa.LastChange };

    /// <summary>The conflict shown in <paramref name="section"/>, if that is where it happened.</summary>
    private CapaConflict? ConflictIn(string section) => _conflict?.Section == section ? _conflict : null;

    /// <summary>The conflict notice of a section, when its last save was refused by a concurrent change.</summary>
    private RenderFragment ConflictNoticeIn(string section) => builder =>
    {
        if (ConflictIn(section) is not { } conflict)
        {
            return;
        }

        builder.OpenComponent<ConflictNotice>(0);
        builder.AddComponentParameter(1, nameof(ConflictNotice.Changes), conflict.Changes(HistoryText));
        builder.AddComponentParameter(2, nameof(ConflictNotice.YourEntry), conflict.YourEntry);
        builder.AddComponentParameter(3, nameof(ConflictNotice.Current), conflict.Current);
        builder.AddComponentParameter(4, nameof(ConflictNotice.Busy), _busy);
        builder.AddComponentParameter(5, nameof(ConflictNotice.SaveAnyway), EventCallback.Factory.Create(this, SaveAnywayAsync));
        builder.AddComponentParameter(6, nameof(ConflictNotice.Discard), EventCallback.Factory.Create(this, Discard));
        builder.CloseComponent();
    };

    private async Task SaveAnywayAsync()
    {
        var conflict = _conflict!;
        _conflict = null;
        await conflict.SaveAnyway();
    }

    private void Discard()
    {
        _conflict?.Discard();
        _conflict = null;
    }

    /// <summary>
    /// The forms the user did not save keep the change they were opened on; when the only changes since are the user's
    /// own saves from this page, they catch up, so the user is never asked about their own change.
    /// </summary>
    private void CatchUpForms(int before)
    {
        if (_view is not { } view || view.Capa.History.Where(h => h.Sequence > before).Any(h => h.ActorId != _myId))
        {
            return;
        }

        var now = view.Capa.LastChange;
        int? CatchUp(int? seen) => seen == before ? now : seen;
        _details.OpenedOnChange = CatchUp(_details.OpenedOnChange);
        _rootCause.OpenedOnChange = CatchUp(_rootCause.OpenedOnChange);
        _check.OpenedOnChange = CatchUp(_check.OpenedOnChange);
        _decision.OpenedOnChange = CatchUp(_decision.OpenedOnChange);
    }

    private async Task<bool> RunAsync(Func<Task> action, bool resetForms, Func<CapaConflictException, CapaConflict>? onConflict = null)
    {
        _busy = true;
        var before = _view?.Capa.LastChange;
        var saved = await Errors.RunAsync(async () =>
        {
            await action();
            Snackbar.Add(L["Saved."], Severity.Success);
            _conflict = null;
            await LoadAsync(resetForms);
            if (!resetForms && before is { } seen)
            {
                CatchUpForms(seen);
            }
        }, new ErrorDisplay
        {
            // Nothing was saved; the user sees what changed and the saved state next to what they typed, and decides.
            OnCapaConflict = onConflict is null ? null : async conflict =>
            {
                await LoadAsync(resetForms: false);
                _conflict = _view is null ? null : onConflict(conflict);
            },
            OnRefusal = _ => LoadAsync(resetForms: false),
        });
        _busy = false;
        return saved;
    }

    public void Dispose() => _subscription?.Dispose();

    /// <summary>A refused save: where it happened, what changed, what the user typed, and the two ways on.</summary>
    private sealed record CapaConflict(
        string Section, CapaConflictException Error, IReadOnlyList<(string Label, string Value)> YourEntry, IReadOnlyList<(string Label, string Value)> Current,
        Func<Task> SaveAnyway, Action Discard)
    {
        public IReadOnlyList<ConflictLine> Changes(Func<string, string> what) =>
            Error.Changes.Select(c => new ConflictLine(what(c.What), c.Details, c.ActorName, c.At)).ToList();
    }
}
