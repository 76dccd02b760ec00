using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Tests.Domain.Capa;

/// <summary>
/// Issue 14: a CAPA form remembers the change it was opened on (<see cref="CapaRecord.LastChange"/>); a save from it
/// after someone else's change is refused with that change named, never applied over it unseen.
/// </summary>
public sealed class CapaConflictTests
{
    private static readonly Actor Colleague = new("user-quality-2", "Aliya Quality");

    [Fact]
    public void EnsureUnchangedSince_AfterAColleaguesSave_ThrowsNamingTheChangeAndTheCurrentOne()
    {
        var capa = CapaBuilder.AtStatus(CapaStatus.Investigating);
        var openedOn = capa.LastChange;
        var at = CapaBuilder.Start.AddDays(1);
        capa.UpdateDetails("Kettle seals fail", CapaKind.Corrective, CapaSource.Audit, "Seals crack after a month.", CapaRisk.Create(4, 4), Colleague, at);

        var conflict = Assert.Throws<CapaConflictException>(() => capa.EnsureUnchangedSince(openedOn));

        var change = Assert.Single(conflict.Changes);
        Assert.Equal(("Details changed", "Aliya Quality", at), (change.What, change.ActorName, change.At));
        Assert.Equal(openedOn + 1, conflict.CurrentChange);
        Assert.Equal(capa.LastChange, conflict.CurrentChange);
    }

    [Fact]
    public void EnsureUnchangedSince_TheCurrentChange_Passes()
    {
        var capa = CapaBuilder.AtStatus(CapaStatus.Investigating);

        capa.EnsureUnchangedSince(capa.LastChange);

        Assert.Equal(capa.History.Count, capa.LastChange);
    }

    [Fact]
    public void EnsureUnchangedSince_ThePortalFinishingATrainingActionOnItsEvidence_RefusesNoSave_P80()
    {
        var capa = CapaBuilder.AtStatus(CapaStatus.Implementing);
        var today = DateOnly.FromDateTime(CapaBuilder.Start);
        capa.AddTrainingAction(7, "Seal inspection", ["CSM"], Colleague, today.AddDays(10), today, Colleague, CapaBuilder.Start.AddHours(1));
        var openedOn = capa.LastChange;
        var number = capa.Actions.Single(a => a.Kind == CapaActionKind.Training).Number;

        Assert.True(capa.CompleteOnEvidence(number, new TeachingEvidence([new TeachingEvidencePerson("user-csm", "Saule Csm", CapaBuilder.Start.AddHours(2))]), today, CapaBuilder.Start.AddHours(2)));

        capa.EnsureUnchangedSince(openedOn);
        capa.UpdateDetails("Kettle seals fail", CapaKind.Corrective, CapaSource.Audit, "Seals crack after a month.", CapaRisk.Create(4, 4), Colleague, CapaBuilder.Start.AddHours(3));
        var conflict = Assert.Throws<CapaConflictException>(() => capa.EnsureUnchangedSince(openedOn));
        Assert.Equal("Details changed", Assert.Single(conflict.Changes).What);
    }
}
