using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Zowor.Portal.Components.Shared;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Features.Identity;
using Zowor.Portal.Features.Localization;
using Zowor.Portal.Features.Settings;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Features.Capa;

/// <summary>The CAPA editor: one service call per user action, the workflow table decides which sections are editable.</summary>
public sealed partial class CapaDetailPage
{
    private static readonly CapaStep[] MoveSteps =
        [CapaStep.StartInvestigation, CapaStep.PlanActions, CapaStep.StartImplementation, CapaStep.StartEffectivenessCheck, CapaStep.Close];

    private CapaView? _view;
    private bool _notFound;
    private bool _busy;
    private CapaDetailsForm _details = new();
    private RootCauseAnalysisForm _rootCause = new();
    private CapaActionForm _newAction = new();
    private int _actionKey;
    private EffectivenessCheckForm _check = new();
    private EffectivenessDecisionForm _decision = new();
    private IReadOnlyList<StaffMember> _owners = [];
    private IDisposable? _subscription;
    private string _myId = string.Empty;

    [Parameter] public Guid Id { get; set; }

    [Inject] private CapaService Capas { get; set; } = default!;
    [Inject] private PortalNotifier Notifier { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private BusinessClock Clock { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _myId = CurrentUser.ToActor(await CurrentUser.GetPrincipalAsync()).Id;
        await LoadAsync(resetForms: true);
        if (_view?.CanManage == true && _owners.Count == 0)
        {
            _owners = await Capas.ListOwnersAsync();
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
            _check = new EffectivenessCheckForm { Criterion = view.Capa.EffectivenessCriterion, WindowDays = view.Capa.EffectivenessWindowDays };
            _decision = new EffectivenessDecisionForm();
            _newAction = NewActionForm();
        }
    }

    /// <summary>A new action is due in two weeks unless Quality picks another day.</summary>
    private CapaActionForm NewActionForm() => new() { DueOn = Clock.Today.AddDays(14).ToDateTime(TimeOnly.MinValue) };

    /// <summary>"Close" alone next to the page title reads like closing the page.</summary>
    private string StepLabel(CapaStep step) => step == CapaStep.Close ? L["Close CAPA"] : L[EnumText.Of(step)];

    private bool Can(CapaStep step) => _view is { CanManage: true } view && CapaWorkflow.Allows(view.Capa.Status, step);

    private static IEnumerable<CapaStep> Moves(CapaRecord capa) => MoveSteps.Where(s => CapaWorkflow.Allows(capa.Status, s));

    private string Day(DateTime utc) => DateOnly.FromDateTime(Clock.ToLocal(utc)).ToString("d", CultureInfo.CurrentCulture);

    private string ChangeText(EffectivenessEvidence evidence) => evidence.ChangePercent is { } change
        ? (change > 0 ? "+" : string.Empty) + change.ToString("0.#", CultureInfo.CurrentCulture) + " %"
        : L["n/a"];

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

        return string.Format(CultureInfo.CurrentCulture, L["Recurrence counted for: {0}"], string.Join(" · ", parts));
    }

    /// <summary>History entries store English phrases; each is listed here so the translation check sees it.</summary>
    private string HistoryText(string what) => what switch
    {
        "Opened" => L["Opened"],
        "Status changed" => L["Status changed"],
        "Details changed" => L["Details changed"],
        "Root-cause analysis recorded" => L["Root-cause analysis recorded"],
        "Action added" => L["Action added"],
        "Action done" => L["Action done"],
        "Action cancelled" => L["Action cancelled"],
        "Action overdue" => L["Action overdue"],
        "Effectiveness check set" => L["Effectiveness check set"],
        "Found effective" => L["Found effective"],
        _ => what,
    };

    private Task MoveAsync(CapaStep step) => RunAsync(() => Capas.MoveAsync(Id, step), resetForms: true);

    private Task SaveDetailsAsync(CapaDetailsForm form) => RunAsync(() => Capas.UpdateDetailsAsync(Id, form), resetForms: true);

    private Task SaveRootCauseAsync() => RunAsync(() => Capas.RecordRootCauseAnalysisAsync(Id, _rootCause), resetForms: true);

    private async Task AddActionAsync(CapaActionForm form)
    {
        if (await RunAsync(() => Capas.AddActionAsync(Id, form), resetForms: false))
        {
            _newAction = NewActionForm();
            _actionKey++;
        }
    }

    private Task FinishAsync(int number, CapaActionStatus status) => RunAsync(() => Capas.FinishActionAsync(Id, number, status), resetForms: false);

    private Task SaveCheckAsync() => RunAsync(() => Capas.SetEffectivenessCheckAsync(Id, _check), resetForms: false);

    private Task DecideAsync(bool effective)
    {
        _decision.Effective = effective;
        return RunAsync(() => Capas.RecordDecisionAsync(Id, _decision), resetForms: true);
    }

    private async Task<bool> RunAsync(Func<Task> action, bool resetForms)
    {
        _busy = true;
        try
        {
            await action();
            Snackbar.Add(L["Saved."], Severity.Success);
            await LoadAsync(resetForms);
            return true;
        }
        catch (DomainException ex)
        {
            Snackbar.Add(L.Localize(ex), Severity.Error);
            await LoadAsync(resetForms: false);
            return false;
        }
        catch (PortalAccessDeniedException ex)
        {
            Snackbar.Add(L[ex.Message], Severity.Error);
            return false;
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose() => _subscription?.Dispose();
}
