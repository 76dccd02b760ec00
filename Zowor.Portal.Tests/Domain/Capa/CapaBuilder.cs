using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Tests.Domain.Capa;

/// <summary>
/// Walks a CAPA to a status through the real methods, leaving each status ready for its next move: the root-cause
/// analysis is recorded while Open, ActionPlan has an open action and a criterion, Implementing has every action done.
/// </summary>
public static class CapaBuilder
{
    public static readonly DateTime Start = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    public static readonly DateOnly Today = new(2026, 3, 2);
    public static readonly Actor Quality = new("user-quality", "Marat Quality");
    public static readonly Actor Owner = new("user-csm", "Saule Omarova");
    public static readonly Actor Cco = new("user-cco", "Aigerim Cco");

    /// <summary>A closure approval by a second person (the CCO; Quality opened the CAPA).</summary>
    public static CapaSignature Approval(DateTime at) => CapaSignature.ApproveClosure(Cco, "CCO", at);

    public static CapaRecord Open() =>
        CapaRecord.Open(2026, 1, "Kettles leak at the base", CapaKind.Corrective, CapaSource.RecurringIssueAlert,
            "Three kettle complaints in 30 days.", CapaRisk.Create(4, 3), [new CapaComplaintLink(Guid.NewGuid(), "ZW-2026-000001")],
            "SteelBoil 1.7 L kettle", "product-defect", null, Quality, Start);

    public static CapaRecord AtStatus(CapaStatus status)
    {
        var capa = Open();
        var at = Start;
        capa.RecordRootCauseAnalysis(["The base leaks.", "The seal is too thin."], [(FishboneCategory.ProductMaterials, "New seal material.")], Quality, at = at.AddHours(1));
        if (status == CapaStatus.Open)
        {
            return capa;
        }

        capa.StartInvestigation(Quality, at = at.AddHours(1));
        if (status == CapaStatus.Investigating)
        {
            return capa;
        }

        capa.PlanActions(Quality, at = at.AddHours(1));
        capa.AddAction("Change the seal material", Owner, Today.AddDays(14), Today, Quality, at = at.AddHours(1));
        capa.SetEffectivenessCheck("Fewer leak complaints in the 90 days after", 90, Quality, at = at.AddHours(1));
        if (status == CapaStatus.ActionPlan)
        {
            return capa;
        }

        capa.StartImplementation(Quality, at = at.AddHours(1));
        capa.FinishAction(1, CapaActionStatus.Done, Today.AddDays(3), Quality, at = at.AddHours(1));
        if (status == CapaStatus.Implementing)
        {
            return capa;
        }

        capa.StartEffectivenessCheck(Quality, at = at.AddHours(1));
        if (status == CapaStatus.EffectivenessCheck)
        {
            return capa;
        }

        capa.RecordEffectiveness(true, null, new EffectivenessEvidence(4, 1, 90, true), Quality, at = at.AddHours(1));
        capa.Close(Approval(at.AddHours(1)), at.AddHours(1));
        return capa;
    }

    /// <summary>
    /// Does <paramref name="step"/>, first preparing what the step's guard needs where the status allows it (an open
    /// action to implement or finish, every action finished before the check, an "effective" decision before closing).
    /// </summary>
    public static void Apply(CapaRecord capa, CapaStep step)
    {
        var at = Start.AddDays(10);
        void Try(Action prepare)
        {
            try
            {
                prepare();
            }
            catch (DomainException)
            {
                // The status does not allow the preparation; the step itself will tell.
            }
        }

        var effective = new EffectivenessEvidence(4, 1, 90, true);
        switch (step)
        {
            case CapaStep.StartInvestigation: capa.StartInvestigation(Quality, at); break;
            case CapaStep.PlanActions: capa.PlanActions(Quality, at); break;
            case CapaStep.StartImplementation:
                Try(() => capa.AddAction("Another action", Owner, Today.AddDays(20), Today, Quality, at));
                capa.StartImplementation(Quality, at);
                break;
            case CapaStep.StartEffectivenessCheck:
                Try(() =>
                {
                    foreach (var action in capa.Actions.Where(a => a.Status == CapaActionStatus.Open).ToList())
                    {
                        capa.FinishAction(action.Number, CapaActionStatus.Done, Today.AddDays(5), Quality, at);
                    }
                });
                capa.StartEffectivenessCheck(Quality, at);
                break;
            case CapaStep.RecordNotEffective: capa.RecordEffectiveness(false, "Complaints kept coming.", new EffectivenessEvidence(2, 3, 90, true), Quality, at); break;
            case CapaStep.Close:
                Try(() => capa.RecordEffectiveness(true, null, effective, Quality, at));
                capa.Close(Approval(at), at);
                break;
            case CapaStep.EditDetails: capa.UpdateDetails("Kettle base leaks", CapaKind.Corrective, CapaSource.Audit, "Leaks.", CapaRisk.Create(2, 2), Quality, at); break;
            case CapaStep.EditRootCause: capa.RecordRootCauseAnalysis(["Why one"], [], Quality, at); break;
            case CapaStep.AddAction: capa.AddAction("Train the packers", Owner, Today.AddDays(7), Today, Quality, at); break;
            case CapaStep.FinishAction:
                Try(() => capa.AddAction("One more", Owner, Today.AddDays(7), Today, Quality, at));
                capa.FinishAction(capa.Actions.Count == 0 ? 1 : capa.Actions.Max(a => a.Number), CapaActionStatus.Cancelled, Today.AddDays(1), Quality, at);
                break;
            case CapaStep.SetEffectivenessCheck: capa.SetEffectivenessCheck("No complaints at all", 60, Quality, at); break;
            case CapaStep.RecordEffective: capa.RecordEffectiveness(true, "Fewer complaints.", effective, Quality, at); break;
            default: throw new ArgumentOutOfRangeException(nameof(step));
        }
    }
}
