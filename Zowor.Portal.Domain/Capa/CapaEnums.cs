namespace Zowor.Portal.Domain.Capa;

/// <summary>Where a CAPA stands (P-62): from the problem to a checked, effective fix.</summary>
public enum CapaStatus
{
    /// <summary>Raised; the problem is being described.</summary>
    Open,
    /// <summary>Root-cause analysis (5 Whys, fishbone).</summary>
    Investigating,
    /// <summary>Actions are being planned with owners and due dates.</summary>
    ActionPlan,
    /// <summary>The actions are being carried out.</summary>
    Implementing,
    /// <summary>All actions are finished; waiting to see whether the problem recurs.</summary>
    EffectivenessCheck,
    /// <summary>The fix was found effective.</summary>
    Closed,
}

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

/// <summary>Corrective (a problem happened) or preventive (it could happen).</summary>
public enum CapaKind
{
    /// <summary>Removes the cause of a problem that happened.</summary>
    Corrective,
    /// <summary>Removes the cause of a problem that could happen.</summary>
    Preventive,
}

/// <summary>What led to the CAPA.</summary>
public enum CapaSource
{
    /// <summary>The portal's recurring-issue alert.</summary>
    RecurringIssueAlert,
    /// <summary>A complaint review (monthly or annual, P-63).</summary>
    ComplaintReview,
    /// <summary>An internal or external audit.</summary>
    Audit,
    /// <summary>Anything else.</summary>
    Other,
    /// <summary>A trend in the complaint figures (a bar, a Pareto row, a product).</summary>
    ComplaintTrend,
    /// <summary>A nonconformity found inside the company (a process not followed, a defect caught before a customer saw it).</summary>
    InternalNonconformity,
    /// <summary>Customer feedback that is not a complaint (a survey comment, a suggestion).</summary>
    CustomerFeedback,
}

/// <summary>Risk level from severity × likelihood.</summary>
public enum RiskLevel
{
    /// <summary>Score 1–5.</summary>
    Low,
    /// <summary>Score 6–14.</summary>
    Medium,
    /// <summary>Score 15–25.</summary>
    High,
}

/// <summary>The six fishbone (Ishikawa) categories.</summary>
public enum FishboneCategory
{
    /// <summary>People.</summary>
    People,
    /// <summary>Process.</summary>
    Process,
    /// <summary>Product and materials.</summary>
    ProductMaterials,
    /// <summary>Equipment and systems.</summary>
    EquipmentSystems,
    /// <summary>Environment.</summary>
    Environment,
    /// <summary>Measurement.</summary>
    Measurement,
}

/// <summary>Where one CAPA action stands.</summary>
public enum CapaActionStatus
{
    /// <summary>To do.</summary>
    Open,
    /// <summary>Carried out.</summary>
    Done,
    /// <summary>Dropped.</summary>
    Cancelled,
}

/// <summary>What kind of work a CAPA action is, and so how it is finished (P-80, P-81).</summary>
public enum CapaActionKind
{
    /// <summary>A task its owner marks done by hand.</summary>
    Task,
    /// <summary>An internal memo published from the CAPA; done when its whole audience has acknowledged it (P-81).</summary>
    Memo,
    /// <summary>A training course; done when every required staff member has completed it since the action was added (P-80).</summary>
    Training,
}
