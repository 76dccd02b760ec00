namespace Zowor.Portal.Domain.Capa;

/// <summary>What can be done to a CAPA; status moves and in-place activities (see <see cref="CapaWorkflow"/>).</summary>
public enum CapaStep
{
    /// <summary>Open → Investigating.</summary>
    StartInvestigation,
    /// <summary>Investigating → ActionPlan (needs a root-cause analysis).</summary>
    PlanActions,
    /// <summary>ActionPlan → Implementing (needs an action).</summary>
    StartImplementation,
    /// <summary>Implementing → EffectivenessCheck (every action finished, a criterion set).</summary>
    StartEffectivenessCheck,
    /// <summary>EffectivenessCheck → Investigating: the problem came back.</summary>
    RecordNotEffective,
    /// <summary>EffectivenessCheck → Closed (after an "effective" decision).</summary>
    Close,
    /// <summary>Edit the title, problem, type, source and risk.</summary>
    EditDetails,
    /// <summary>Edit the 5 Whys and the fishbone notes.</summary>
    EditRootCause,
    /// <summary>Add an action to the plan.</summary>
    AddAction,
    /// <summary>Mark an action done or cancelled.</summary>
    FinishAction,
    /// <summary>Set the effectiveness criterion and window.</summary>
    SetEffectivenessCheck,
    /// <summary>Record that the fix worked (stays in the check until closed).</summary>
    RecordEffective,
}
