using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Features.Capa;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Capa;

/// <summary>
/// Issue 14 for CAPA forms (P-62), through <see cref="CapaService"/> on a real SQLite file: two Quality users open the
/// same CAPA; the second save from a form opened before the first is refused with the first user's change named and
/// stores nothing, until the second user deliberately saves over it.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class CapaConflictTests : IAsyncLifetime
{
    private const string FirstEmail = "marat.quality@zowor.test";
    private const string SecondEmail = "aliya.quality@zowor.test";
    private readonly PortalAppFactory _app = new(new PortalAppOptions { SeedDemoData = false });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await _app.CreateStaffUserAsync(FirstEmail, "Marat Quality", PortalRoles.Quality);
        await _app.CreateStaffUserAsync(SecondEmail, "Aliya Quality", PortalRoles.Quality);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task UpdateDetails_FromAFormOpenedBeforeAColleaguesSave_IsRefusedNamingItUntilSavedAnyway()
    {
        await using var first = await _app.SignInAsync(FirstEmail);
        await using var second = await _app.SignInAsync(SecondEmail);
        var (firstCapas, secondCapas, id) = await NewCapaAsync(first, second);
        var firstForm = CapaDetailsForm.From((await firstCapas.GetAsync(id, Ct))!.Capa);
        var secondForm = CapaDetailsForm.From((await secondCapas.GetAsync(id, Ct))!.Capa);
        firstForm.ProblemStatement = "The base seal cracks after a month.";
        secondForm.Title = "Kettle lids break";

        await firstCapas.UpdateDetailsAsync(id, firstForm, Ct);
        var conflict = await Assert.ThrowsAsync<CapaConflictException>(() => secondCapas.UpdateDetailsAsync(id, secondForm, Ct));

        var change = Assert.Single(conflict.Changes);
        Assert.Equal(("Details changed", "Marat Quality"), (change.What, change.ActorName));
        var kept = (await firstCapas.GetAsync(id, Ct))!.Capa;
        Assert.Equal(("Kettles leak", "The base seal cracks after a month."), (kept.Title, kept.ProblemStatement));
        Assert.Equal(2, kept.History.Count);

        secondForm.OpenedOnChange = conflict.CurrentChange;
        await secondCapas.UpdateDetailsAsync(id, secondForm, Ct);
        var saved = (await firstCapas.GetAsync(id, Ct))!.Capa;
        Assert.Equal("Kettle lids break", saved.Title);
        Assert.Equal(["Opened", "Details changed", "Details changed"], saved.History.OrderBy(h => h.Sequence).Select(h => h.What));
    }

    [Fact]
    public async Task RecordRootCauseAnalysis_FromAFormOpenedBeforeAColleaguesSave_IsRefusedAndKeepsTheColleaguesWhys()
    {
        await using var first = await _app.SignInAsync(FirstEmail);
        await using var second = await _app.SignInAsync(SecondEmail);
        var (firstCapas, secondCapas, id) = await NewCapaAsync(first, second);
        var firstForm = RootCauseAnalysisForm.From((await firstCapas.GetAsync(id, Ct))!.Capa);
        var secondForm = RootCauseAnalysisForm.From((await secondCapas.GetAsync(id, Ct))!.Capa);
        firstForm.Whys[0] = "The seal is too thin.";
        secondForm.Whys[0] = "The base is glued, not welded.";

        await firstCapas.RecordRootCauseAnalysisAsync(id, firstForm, Ct);
        var conflict = await Assert.ThrowsAsync<CapaConflictException>(() => secondCapas.RecordRootCauseAnalysisAsync(id, secondForm, Ct));

        Assert.Equal("Root-cause analysis recorded", Assert.Single(conflict.Changes).What);
        Assert.Equal(["The seal is too thin."], (await firstCapas.GetAsync(id, Ct))!.Capa.Whys);
    }

    /// <summary>A new CAPA opened by the first user, and each user's CAPA service.</summary>
    private static async Task<(CapaService First, CapaService Second, Guid Id)> NewCapaAsync(StaffScope first, StaffScope second)
    {
        var firstCapas = first.Services.GetRequiredService<CapaService>();
        var id = await firstCapas.CreateAsync(new CapaDetailsForm { Title = "Kettles leak", ProblemStatement = "Leaks at the base.", Severity = 3, Likelihood = 3 }, Ct);
        return (firstCapas, second.Services.GetRequiredService<CapaService>(), id);
    }
}
