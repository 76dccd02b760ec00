using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Tests.Domain.Capa;

/// <summary>P-62: a CAPA closes only with a second person's approval, recorded as an electronic signature.</summary>
public sealed class CapaClosureApprovalTests
{
    private static readonly DateTime At = CapaBuilder.Start.AddDays(100);

    private static CapaRecord FoundEffective()
    {
        var capa = CapaBuilder.AtStatus(CapaStatus.EffectivenessCheck);
        capa.RecordEffectiveness(true, null, new EffectivenessEvidence(4, 1, 90, true), CapaBuilder.Quality, At.AddHours(-1));
        return capa;
    }

    [Fact]
    public void Close_WithoutAnApproval_IsRefused_P62()
    {
        var capa = FoundEffective();
        var changes = capa.History.Count;

        var refusal = Assert.Throws<CapaWorkflowException>(() => capa.Close(null, At));

        Assert.Contains("approval of a second person", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(CapaStatus.EffectivenessCheck, capa.Status);
        Assert.Null(capa.ClosureApproval);
        Assert.Equal(changes, capa.History.Count);
    }

    [Fact]
    public void Close_ApprovedByTheCapasOwner_IsRefused_P62()
    {
        var capa = FoundEffective();

        var refusal = Assert.Throws<CapaWorkflowException>(() => capa.Close(CapaSignature.ApproveClosure(CapaBuilder.Quality, "Quality", At), At));

        Assert.Contains("owner cannot approve", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(CapaStatus.EffectivenessCheck, capa.Status);
        Assert.Null(capa.ClosureApproval);
    }

    [Fact]
    public void Close_ASignatureWithAnotherMeaning_IsRefused()
    {
        var capa = FoundEffective();

        Assert.Throws<CapaWorkflowException>(() => capa.Close(new CapaSignature(CapaBuilder.Cco.Id, CapaBuilder.Cco.Name, "CCO", At, "reviewed"), At));
    }

    [Fact]
    public void Close_ApprovedByASecondPerson_ClosesAndKeepsTheSignatureInTheHistory_P62()
    {
        var capa = FoundEffective();

        capa.Close(CapaSignature.ApproveClosure(CapaBuilder.Cco, "CCO", At), At);

        Assert.Equal(CapaStatus.Closed, capa.Status);
        Assert.Equal(At, capa.ClosedAt);
        Assert.Equal(new CapaSignature(CapaBuilder.Cco.Id, CapaBuilder.Cco.Name, "CCO", At, CapaSignature.ApprovedClosure), capa.ClosureApproval);
        var approval = capa.History[^1];
        Assert.Equal("Closure approved", approval.What);
        Assert.Equal(CapaBuilder.Cco.Id, approval.ActorId);
        Assert.Contains("CCO", approval.Details, StringComparison.Ordinal);
        Assert.Contains("approved closure", approval.Details, StringComparison.Ordinal);
        Assert.Contains(capa.History, h => h.What == "Status changed" && h.ActorId == CapaBuilder.Cco.Id && h.Details!.EndsWith("Closed", StringComparison.Ordinal));
    }

    [Fact]
    public void Close_BeforeAnEffectiveDecision_IsRefusedEvenWithAnApproval()
    {
        var capa = CapaBuilder.AtStatus(CapaStatus.EffectivenessCheck);

        Assert.Throws<CapaWorkflowException>(() => capa.Close(CapaSignature.ApproveClosure(CapaBuilder.Cco, "CCO", At), At));
    }

    [Fact]
    public void ApproveClosure_WithoutARole_IsRefused()
    {
        Assert.Throws<DomainException>(() => CapaSignature.ApproveClosure(CapaBuilder.Cco, " ", At));
    }
}
