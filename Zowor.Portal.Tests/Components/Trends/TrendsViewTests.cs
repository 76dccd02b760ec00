using Bunit;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Training;
using Zowor.Portal.Features.Trends;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Components.Trends;

/// <summary>
/// The trends dashboard (P-60, P-61) shows given figures: headline tiles with their values, the charts (MudChart for the
/// breakdowns, an SVG Pareto with one bar per root cause), and a CSV link per figure that carries the filter.
/// </summary>
public sealed class TrendsViewTests : PortalComponentTestBase
{
    private static readonly TrendReport Report = new(
        new TrendFilter(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30), "delivery"),
        Received: 8,
        ByMonth: [new("2026-10", 5), new("2026-11", 3)],
        ByCategory: [new("delivery", 8)],
        ByChannel: [new("Phone", 5), new("Email", 3)],
        ByProduct: [new("Trail shoes", 6), new("Kettle", 2)],
        RootCauses: [new("Carrier", 3, 0.6), new("Packaging", 2, 1.0)],
        Acknowledged: 8,
        Within24Hours: new AcknowledgementFigure(6, 2),
        HoursToAcknowledge: new DurationFigures(8, 4.5, 30),
        HoursToResolve: new DurationFigures(5, 60, 96),
        ByEscalationLevel: [new("1", 6), new("2", 1), new("3", 1)],
        ResolutionMix: [new("PartialRefund", 3), new("Replacement", 2)],
        Refunds: [new RefundTotal("EUR", 35.5m, 2)],
        Repeat: new RepeatFigures(6, 2, 4),
        Satisfaction: new SatisfactionFigures(4, 3, 3.7, 4.3),
        Memos: new MemoAcknowledgementFigures(2, 10, 9),
        Training: new TrainingComplianceFigures(20, 15, 2, 5),
        Capa: new CapaFigures(false, 0, 0),
        FirstEstimate: new FirstEstimateFigures(4, 3));

    public TrendsViewTests()
    {
        // English formats ("75%", "35.50"), as the portal's default culture shows them.
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("en-US");
        SignInAs("user-quality", "Marat Quality", PortalRoles.Quality);
        RenderProviders();
    }

    protected override bool UsesDatabase => false;

    [Fact]
    public void Render_GivenFigures_ShowsTheTilesWithTheirValues()
    {
        var cut = Render<TrendsView>(p => p.Add(v => v.Report, Report));

        Assert.Equal("8", Tile(cut, "tile-received"));
        Assert.Equal("75%", Tile(cut, "tile-ack24"));
        Assert.Equal("4.5 / 30", Tile(cut, "tile-ack-hours"));
        Assert.Equal("2.5 / 4", Tile(cut, "tile-resolve-days"));
        // Issue 21: durations come from hourly histograms of the rollups, so the tiles say they are to the hour.
        Assert.EndsWith("to the hour", cut.Find("[data-testid=tile-ack-hours] [data-testid=tile-detail]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.EndsWith("to the hour", cut.Find("[data-testid=tile-resolve-days] [data-testid=tile-detail]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("25%", Tile(cut, "tile-escalated"));
        Assert.Equal("75%", Tile(cut, "tile-first-estimate")); // P-21: 3 of 4 resolved by the first estimate
        Assert.Equal("33%", Tile(cut, "tile-repeat"));
        Assert.Equal("3.7 / 4.3", Tile(cut, "tile-satisfaction"));
        Assert.Equal("35.50 EUR", Tile(cut, "tile-refunds"));
        Assert.Equal("90%", Tile(cut, "tile-memos"));
        Assert.Equal("75%", Tile(cut, "tile-training"));
        // P-62: no CAPA source yet, so the tile says so instead of showing a zero as a fact.
        Assert.Equal("—", Tile(cut, "tile-capa"));
        Assert.Contains("not connected", cut.Find("[data-testid=tile-capa] [data-testid=tile-detail]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_GivenFigures_DrawsTheChartsAndLinksEachFigureCsvWithTheFilter()
    {
        var cut = Render<TrendsView>(p => p.Add(v => v.Report, Report));

        foreach (var chart in new[] { "chart-months", "chart-channels", "chart-escalation", "chart-resolutions" })
        {
            Assert.NotEmpty(cut.FindAll($"[data-testid={chart}] svg"));
        }

        // A donut's legend carries each segment's count.
        Assert.Equal(["Phone (5)", "E-mail (3)"], cut.FindAll("[data-testid=chart-channels] .mud-chart-legend-item").Select(t => t.TextContent.Trim()));

        // Categories and products are bars by name, whole names beside their counts.
        Assert.Equal(["delivery 8"], cut.FindAll("[data-testid=chart-categories] .figure-bars tbody tr").Select(RowText));

        Assert.Equal(2, cut.FindAll("[data-testid=pareto-bar]").Count);
        Assert.Equal("trends/figures/root-causes/csv?from=2026-10-01&to=2026-11-30&category=delivery",
            cut.Find("[data-testid=chart-pareto-csv]").GetAttribute("href"));
        Assert.Single(cut.FindAll("[data-testid=refund-row]"));
        Assert.Contains("Trail shoes", cut.Find("[data-testid=chart-products]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithNothingReceived_SaysNoDataInsteadOfEmptyCharts()
    {
        var empty = Report with { Received = 0, ByMonth = [], ByCategory = [], ByChannel = [], ByProduct = [], RootCauses = [], ByEscalationLevel = [], ResolutionMix = [], Refunds = [] };

        var cut = Render<TrendsView>(p => p.Add(v => v.Report, empty));

        Assert.Equal("0", Tile(cut, "tile-received"));
        Assert.Empty(cut.FindAll("[data-testid=pareto-chart]"));
        Assert.Contains("No data for this filter.", cut.Find("[data-testid=chart-channels]").TextContent, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 20: each chart's figures are also a table for screen readers, with the same names and counts, and the bars
    /// carry their values.
    /// </summary>
    [Fact]
    public void Render_EveryChart_HasATableOfItsFigures_AndValuesOnTheBars()
    {
        var cut = Render<TrendsView>(p => p.Add(v => v.Report, Report));

        Assert.Equal([("Oct 2026", "5"), ("Nov 2026", "3")], TableRows(cut, "table-months"));
        Assert.Equal([("Phone", "5"), ("E-mail", "3")], TableRows(cut, "table-channels"));
        Assert.Equal([("Level 1", "6"), ("Level 2", "1"), ("Level 3", "1")], TableRows(cut, "table-escalation"));
        Assert.Equal([("Partial refund", "3"), ("Replacement", "2")], TableRows(cut, "table-resolutions"));
        Assert.Equal("Complaints by month", cut.Find("[data-testid=table-months] caption").TextContent.Trim());
        Assert.Equal(["5", "3"], cut.FindAll("[data-testid=chart-months] .mud-chart-value-label").Select(t => t.TextContent.Trim()));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 1)]
    [InlineData(9, 2)]
    [InlineData(20, 5)]
    [InlineData(240, 50)]
    [InlineData(1800, 500)]
    public void TickStep_ScalesTheAxisToTheData(int max, int step) =>
        Assert.Equal(step, Zowor.Portal.Components.Shared.ChartStyle.TickStep(max));

    private static List<(string, string)> TableRows(IRenderedComponent<TrendsView> cut, string testId) =>
        [.. cut.FindAll($"[data-testid={testId}] tbody tr").Select(r => (r.QuerySelector("th")!.TextContent.Trim(), r.QuerySelector("td")!.TextContent.Trim()))];

    private static string RowText(AngleSharp.Dom.IElement row) =>
        string.Join(' ', row.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).Where(t => t.Length > 0));

    private static string Tile(IRenderedComponent<TrendsView> cut, string testId) =>
        cut.Find($"[data-testid={testId}] [data-testid=tile-value]").TextContent.Trim();

    [Fact]
    public void Drill_EachParetoRowCategoryAndProduct_HasAKeyboardButton_ThatNamesItsFigure()
    {
        var clicked = new List<TrendSlice>();
        var cut = Render<TrendsView>(p => p.Add(v => v.Report, Report).Add(v => v.Drill, (TrendSlice s) => clicked.Add(s)));

        var rows = cut.FindAll("[data-testid=pareto-row]");
        Assert.Equal(["Carrier", "Packaging"], rows.Select(r => r.GetAttribute("data-key")));
        cut.FindAll("[data-testid=pareto-drill]")[1].Click();
        cut.Find("[data-testid=category-drill]").Click();
        cut.FindAll("[data-testid=product-drill]")[0].Click();
        // A click on a Pareto bar of the chart does the same.
        cut.FindAll("[data-testid=pareto-bar]")[0].Click();

        Assert.Equal(
            [new TrendSlice(TrendDimension.RootCause, "Packaging"), new TrendSlice(TrendDimension.Category, "delivery"), new TrendSlice(TrendDimension.Product, "Trail shoes"), new TrendSlice(TrendDimension.RootCause, "Carrier")],
            clicked);
        Assert.Equal("Show the complaints: Trail shoes", cut.FindAll("[data-testid=product-drill]")[0].GetAttribute("aria-label"));
    }

    [Fact]
    public void WithoutADrillHandler_NoDrillButtons()
    {
        var cut = Render<TrendsView>(p => p.Add(v => v.Report, Report));

        Assert.Empty(cut.FindAll("[data-testid=pareto-drill]"));
        Assert.Empty(cut.FindAll("[data-testid=product-drill]"));
        Assert.Empty(cut.FindAll("[data-testid=category-drill]"));
    }
}
