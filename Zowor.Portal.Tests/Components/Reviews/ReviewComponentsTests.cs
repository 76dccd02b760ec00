using Bunit;
using Zowor.Portal.Domain.Reviews;
using Zowor.Portal.Features.Reviews;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Components.Reviews;

/// <summary>
/// The review pack's sections (P-61, P-62, P-63) and the effectiveness table show the figures they are given: who signed
/// and who may sign, the CAPA lists, the previous decisions' status, and each rate with its count and definition.
/// </summary>
public sealed class ReviewComponentsTests : PortalComponentTestBase
{
    private static readonly DateTime At = new(2026, 10, 25, 5, 0, 0, DateTimeKind.Utc);

    public ReviewComponentsTests()
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("en-US");
        RenderProviders();
    }

    protected override bool UsesDatabase => false;

    [Fact]
    public void SignOffPanel_ForQuality_OffersOnlyQualitysOwnSignOff_P63()
    {
        SignInAs("user-quality", "Marat Quality", PortalRoles.Quality);

        var cut = Render<ReviewSignOffPanel>(p => p.Add(c => c.PackId, 1).Add(c => c.SignOffs, []));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=signoff-button-Quality]")));
        Assert.Empty(cut.FindAll("[data-testid=signoff-button-CCO]"));
    }

    [Fact]
    public void SignOffPanel_WhenSigned_ShowsWhoAndWhen_AndNoButton_P63()
    {
        SignInAs("user-quality", "Marat Quality", PortalRoles.Quality);

        var cut = Render<ReviewSignOffPanel>(p => p.Add(c => c.PackId, 1).Add(c => c.SignOffs, [new ReviewSignOffView(PortalRoles.Quality, "Marat Quality", At)]));

        cut.WaitForAssertion(() => Assert.Contains("Marat Quality", cut.Find("[data-testid=signoff-Quality] [data-testid=signoff-by]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=signoff-button-Quality]"));
        Assert.Contains("Not signed yet", cut.Find("[data-testid=signoff-CCO]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void SignOffPanel_ForTheCeo_OffersNoSignOff_P63()
    {
        SignInAs("user-ceo", "Allen Zhou", PortalRoles.Ceo);

        var cut = Render<ReviewSignOffPanel>(p => p.Add(c => c.PackId, 1).Add(c => c.SignOffs, []));

        Assert.Empty(cut.FindAll("button"));
    }

    [Fact]
    public void CapaSection_ListsOpenedClosedOverdueAndEffectiveness_P62()
    {
        var section = new CapaSection(
            [new CapaRow("CAPA-2026-0002", "Leaking kettles", "Corrective", "Audit", "Closed"), new CapaRow("CAPA-2026-0003", "Late parcels", "Corrective", "Audit", "Investigating")],
            [new CapaRow("CAPA-2026-0002", "Leaking kettles", "Corrective", "Audit", "Closed")],
            [new CapaRow("CAPA-2026-0001", "Thin seals", "Corrective", "Audit", "ActionPlan")],
            [new EffectivenessResultRow("CAPA-2026-0002", "Leaking kettles", true, At, "Marat Quality", "before 4, after 0")]);

        var cut = Render<ReviewCapaSection>(p => p.Add(c => c.Capa, section));

        Assert.Equal(2, cut.FindAll("[data-testid=capa-opened]").Count);
        Assert.Contains("CAPA-2026-0002", cut.Find("[data-testid=capa-closed]").TextContent, StringComparison.Ordinal);
        Assert.Contains("CAPA-2026-0001", cut.Find("[data-testid=capa-overdue]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Effective", cut.Find("[data-testid=review-capa-effectiveness]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void PreviousDecisions_ShowEachStatus_P63()
    {
        var previous = new PreviousReview(new DateOnly(2026, 9, 1),
        [
            new PreviousDecisionRow("Weekend breaches", "Saturday rota", "CSM team", new DateOnly(2026, 10, 15), ReviewDecisionStatus.Done, new DateOnly(2026, 10, 10)),
            new PreviousDecisionRow("Kettle batch", "Ask the supplier", "Quality", new DateOnly(2026, 10, 3), ReviewDecisionStatus.Overdue, null),
        ]);

        var cut = Render<ReviewPreviousDecisions>(p => p.Add(c => c.Previous, previous));

        Assert.Equal(["Done", "Overdue"], cut.FindAll("[data-testid=previous-decision] td:last-child").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public void EffectivenessTable_ShowsEachRateWithItsCountAndDefinitions_P61()
    {
        EffectivenessMonth[] months =
        [
            new(new DateOnly(2026, 10, 1), new RateFigure(1, 4), new RateFigure(2, 3), new RateFigure(0, 0)),
        ];

        var cut = Render<EffectivenessRatesTable>(p => p.Add(c => c.Months, months));

        var cells = cut.Find("[data-testid=effectiveness-month]").QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["October 2026", "25% (1/4)", "67% (2/3)", "—"], cells);
        Assert.Contains("reopened", cut.Find("[data-testid=definition-reopen]").TextContent, StringComparison.Ordinal);
        Assert.Contains("first answer", cut.Find("[data-testid=definition-first-offer]").TextContent, StringComparison.Ordinal);
        Assert.Contains("FIRST estimated date", cut.Find("[data-testid=definition-first-estimate]").TextContent, StringComparison.Ordinal);
    }
}
