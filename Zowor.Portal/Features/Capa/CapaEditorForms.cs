using Zowor.Portal.Domain.Capa;

namespace Zowor.Portal.Features.Capa;

/// <summary>
/// The CAPA editor's forms. Each edit form keeps the change it was opened on (<c>OpenedOnChange</c>), so a save over
/// someone else's change is refused as a conflict; the new-action forms start with the policy's default dates.
/// </summary>
internal sealed class CapaEditorForms
{
    public CapaDetailsForm Details { get; set; } = new();

    public RootCauseAnalysisForm RootCause { get; set; } = new();

    public EffectivenessCheckForm Check { get; set; } = new();

    public EffectivenessDecisionForm Decision { get; set; } = new();

    public CapaActionForm NewAction { get; private set; } = new();

    public CapaMemoActionForm NewMemo { get; private set; } = new();

    public CapaTrainingActionForm NewTraining { get; private set; } = new();

    /// <summary>The new-action editors' <c>@key</c>: it changes after each added action, so they start afresh.</summary>
    public int ActionKey { get; private set; }

    /// <summary>Every form as the record stands, opened on its last change.</summary>
    public void OpenOn(CapaRecord capa, DateOnly today)
    {
        Details = CapaDetailsForm.From(capa);
        RootCause = RootCauseAnalysisForm.From(capa);
        Check = CheckOf(capa);
        Decision = DecisionOn(capa);
        StartNewActions(today);
    }

    /// <summary>After an action was added: empty new-action forms with the default dates, and fresh editors.</summary>
    public void ActionAdded(DateOnly today)
    {
        StartNewActions(today);
        ActionKey++;
    }

    public static EffectivenessCheckForm CheckOf(CapaRecord capa) =>
        new() { Criterion = capa.EffectivenessCriterion, WindowDays = capa.EffectivenessWindowDays, OpenedOnChange = capa.LastChange };

    public static EffectivenessDecisionForm DecisionOn(CapaRecord capa) => new() { OpenedOnChange = capa.LastChange };

    /// <summary>
    /// The forms the user did not save keep the change they were opened on; when the only changes since
    /// <paramref name="before"/> are the user's own saves from this page, they catch up, so the user is never asked
    /// about their own change.
    /// </summary>
    public void CatchUp(CapaRecord capa, int before, string myId)
    {
        if (capa.History.Where(h => h.Sequence > before).Any(h => h.ActorId != myId))
        {
            return;
        }

        var now = capa.LastChange;
        int? CatchUp(int? seen) => seen == before ? now : seen;
        Details.OpenedOnChange = CatchUp(Details.OpenedOnChange);
        RootCause.OpenedOnChange = CatchUp(RootCause.OpenedOnChange);
        Check.OpenedOnChange = CatchUp(Check.OpenedOnChange);
        Decision.OpenedOnChange = CatchUp(Decision.OpenedOnChange);
    }

    private void StartNewActions(DateOnly today)
    {
        var due = CapaAction.DefaultDueOn(today).ToDateTime(TimeOnly.MinValue);
        NewAction = new CapaActionForm { DueOn = due };
        NewMemo = new CapaMemoActionForm { DueOn = due, EffectiveOn = today.ToDateTime(TimeOnly.MinValue) };
        NewTraining = new CapaTrainingActionForm { DueOn = due };
    }
}
