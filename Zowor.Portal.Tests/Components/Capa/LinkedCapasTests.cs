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
/// P-62, issue 19: on the case page Quality links the complaint to an open CAPA and unlinks it with a reason; each link
/// is on the CAPA's history and on the complaint's timeline. A missing choice or reason is refused next to its field and
/// changes nothing; the other CAPA readers see the linked CAPAs but no link buttons.
/// </summary>
public sealed class LinkedCapasTests : PortalComponentTestBase
{
    private Complaint _complaint = null!;
    private Guid _capaId;
    private string _capaNumber = string.Empty;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _complaint = await SaveAsync(new CapaTestData().Complaint("SteelBoil 1.7 L kettle", "product-defect", StartTime.UtcDateTime.AddDays(-3)));
        SignInAs("user-quality", "Marat Quality", PortalRoles.Quality);
        var capas = Services.GetRequiredService<CapaService>();
        _capaId = await capas.CreateAsync(new CapaDetailsForm { Title = "Kettle seals", Source = CapaSource.Audit, ProblemStatement = "Seal checks skipped.", Severity = 2, Likelihood = 2 }, Cancellation);
        _capaNumber = (await capas.GetAsync(_capaId, Cancellation))!.Capa.Number;
        RenderProviders();
    }

    [Fact]
    public async Task Quality_LinksTheComplaintToAnOpenCapa_AndBothHistoriesRecordIt_P62()
    {
        var cut = Render<LinkedCapas>(p => p.Add(c => c.ComplaintId, _complaint.Id));

        cut.Find("[data-testid=capa-link-start]").Click();
        cut.WaitForElement("[data-testid=capa-link-form]");
        Choose(cut, "CAPA", $"{_capaNumber} · Kettle seals");
        cut.Find("#capa-link-reason").Change("Same seal defect.");
        cut.Find("[data-testid=capa-link-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Equal(_capaNumber, cut.Find("[data-testid=linked-capa] a").TextContent.Trim()));
        var capa = (await Services.GetRequiredService<CapaService>().GetAsync(_capaId, Cancellation))!.Capa;
        Assert.Equal(_complaint.Id, Assert.Single(capa.Complaints).ComplaintId);
        Assert.Contains(capa.History, h => h.What == "Complaint linked" && h.Details!.Contains("Same seal defect.", StringComparison.Ordinal));
        var (timeline, _) = await Database.LoadComplaintAsync(_complaint.Id, Cancellation);
        Assert.Single(timeline.History, h => h.Kind == ComplaintHistoryKinds.CapaLinked);
    }

    [Fact]
    public async Task Link_WithoutChoosingACapa_SaysSoAndLinksNothing()
    {
        var cut = Render<LinkedCapas>(p => p.Add(c => c.ComplaintId, _complaint.Id));

        cut.Find("[data-testid=capa-link-start]").Click();
        cut.WaitForElement("[data-testid=capa-link-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Choose a CAPA.", cut.Find("[data-testid=capa-link-form]").TextContent, StringComparison.Ordinal));
        Assert.Empty((await Services.GetRequiredService<CapaService>().GetAsync(_capaId, Cancellation))!.Capa.Complaints);
    }

    [Fact]
    public async Task Unlink_NeedsAReason_ThenUnlinksOnBothTimelines_P62()
    {
        await Services.GetRequiredService<CapaService>().LinkComplaintAsync(_capaId, _complaint.Id, null, Cancellation);
        var cut = Render<LinkedCapas>(p => p.Add(c => c.ComplaintId, _complaint.Id));

        cut.WaitForElement("[data-testid=capa-unlink]").Click();
        cut.WaitForElement("[data-testid=capa-unlink-confirm]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Give a reason for unlinking.", cut.Find("[data-testid=capa-unlink-form]").TextContent, StringComparison.Ordinal));
        Assert.Single((await Services.GetRequiredService<CapaService>().GetAsync(_capaId, Cancellation))!.Capa.Complaints);

        cut.Find("#capa-unlink-reason").Change("A different product after all.");
        cut.Find("[data-testid=capa-unlink-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=linked-capa]")));
        Assert.Empty((await Services.GetRequiredService<CapaService>().GetAsync(_capaId, Cancellation))!.Capa.Complaints);
        var (timeline, _) = await Database.LoadComplaintAsync(_complaint.Id, Cancellation);
        Assert.Equal("A different product after all.", Assert.Single(timeline.History, h => h.Kind == ComplaintHistoryKinds.CapaUnlinked).Details);
    }

    [Fact]
    public async Task Csm_SeesTheLinkedCapa_ButNoLinkOrUnlinkButtons()
    {
        await Services.GetRequiredService<CapaService>().LinkComplaintAsync(_capaId, _complaint.Id, null, Cancellation);
        SignInAsCsm();

        var cut = Render<LinkedCapas>(p => p.Add(c => c.ComplaintId, _complaint.Id));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=linked-capa]")));
        Assert.Empty(cut.FindAll("[data-testid=capa-link-start]"));
        Assert.Empty(cut.FindAll("[data-testid=capa-open-for-complaint]"));
        Assert.Empty(cut.FindAll("[data-testid=capa-unlink]"));
    }
}
