using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Capa;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Features.Capa;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Components.Capa;

/// <summary>
/// P-62, issue 19: on the CAPA's own page Quality unlinks a linked complaint with a required reason; the unlink is on the
/// CAPA's history and the complaint's timeline. Other CAPA readers see the complaints without the button.
/// </summary>
public sealed class CapaLinkedComplaintsTests : PortalComponentTestBase
{
    private Complaint _complaint = null!;
    private Guid _capaId;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _complaint = await SaveAsync(new CapaTestData().Complaint("SteelBoil 1.7 L kettle", "product-defect", StartTime.UtcDateTime.AddDays(-3)));
        SignInAs("user-quality", "Marat Quality", PortalRoles.Quality);
        var capas = Services.GetRequiredService<CapaService>();
        _capaId = await capas.CreateAsync(new CapaDetailsForm { Title = "Kettle seals", Source = CapaSource.Audit, ProblemStatement = "Seal checks skipped.", Severity = 2, Likelihood = 2 }, Cancellation);
        await capas.LinkComplaintAsync(_capaId, _complaint.Id, null, Cancellation);
        RenderProviders();
    }

    [Fact]
    public async Task Unlink_OnTheCapaPage_NeedsAReason_ThenIsOnBothTimelines_P62()
    {
        var changed = 0;
        var capa = await CapaAsync();
        var cut = Render<CapaLinkedComplaints>(p => p.Add(c => c.Capa, capa).Add(c => c.CanManage, true).Add(c => c.Changed, () => changed++));

        Assert.Equal(_complaint.Reference, cut.Find("[data-testid=capa-complaint]").TextContent.Trim());
        cut.Find("[data-testid=capa-complaint-unlink]").Click();
        cut.WaitForElement("[data-testid=capa-complaint-unlink-confirm]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Give a reason for unlinking.", cut.Find("[data-testid=capa-complaint-unlink-form]").TextContent, StringComparison.Ordinal));
        Assert.Single((await CapaAsync()).Complaints);

        cut.Find("#capa-complaint-unlink-reason").Change("Another seal supplier.");
        cut.Find("[data-testid=capa-complaint-unlink-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Equal(1, changed));
        var after = await CapaAsync();
        Assert.Empty(after.Complaints);
        Assert.Contains(after.History, h => h.What == "Complaint unlinked" && h.Details!.Contains("Another seal supplier.", StringComparison.Ordinal));
        var (timeline, _) = await Database.LoadComplaintAsync(_complaint.Id, Cancellation);
        Assert.Equal("Another seal supplier.", Assert.Single(timeline.History, h => h.Kind == ComplaintHistoryKinds.CapaUnlinked).Details);
        Assert.Empty(cut.FindAll("[data-testid=capa-complaint-unlink-form]"));
    }

    [Fact]
    public async Task Readers_SeeTheComplaints_WithoutUnlink()
    {
        var capa = await CapaAsync();

        var reader = Render<CapaLinkedComplaints>(p => p.Add(c => c.Capa, capa).Add(c => c.CanManage, false));

        Assert.Single(reader.FindAll("[data-testid=capa-complaint]"));
        Assert.Empty(reader.FindAll("[data-testid=capa-complaint-unlink]"));
    }

    private async Task<CapaRecord> CapaAsync() => (await Services.GetRequiredService<CapaService>().GetAsync(_capaId, Cancellation))!.Capa;
}
