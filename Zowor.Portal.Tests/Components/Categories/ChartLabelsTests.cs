using Bunit;
using MudBlazor;
using Zowor.Portal.Components.Shared;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Components.Categories;

/// <summary>
/// Category and product names are data (issue 23, issue 18): a name with markup must reach a chart as text. MudBlazor 9
/// writes bar-chart axis labels as markup and donut legends as text; <see cref="ChartLabels"/> encodes the first only.
/// </summary>
public sealed class ChartLabelsTests : PortalComponentTestBase
{
    private const string Hostile = "<img src=x onerror=alert(1)>";

    protected override bool UsesDatabase => false;

    [Theory]
    [InlineData(ChartType.Bar)]
    [InlineData(ChartType.Donut)]
    public void ALabelWithMarkup_RendersAsItsText_AndInjectsNoElement(ChartType type)
    {
        RenderProviders();
        var cut = Render<MudChart<double>>(p => p.Add(c => c.ChartType, type)
            .Add(c => c.ChartLabels, ChartLabels.For(type, [Hostile, "Доставка"]))
            .Add(c => c.ChartSeries, [new ChartSeries<double> { Name = "Complaints", Data = new ChartData<double>((IReadOnlyList<double>)new double[] { 2, 1 }) }]));

        Assert.Empty(cut.FindAll("img"));
        Assert.Contains(Hostile, cut.Find(".mud-chart").TextContent, StringComparison.Ordinal);
        Assert.Contains("Доставка", cut.Find(".mud-chart").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutEncoding_MudBlazorWouldInjectTheBarLabelsMarkup_SoTheGuardIsNeeded()
    {
        RenderProviders();
        var cut = Render<MudChart<double>>(p => p.Add(c => c.ChartType, ChartType.Bar)
            .Add(c => c.ChartLabels, [Hostile])
            .Add(c => c.ChartSeries, [new ChartSeries<double> { Name = "Complaints", Data = new ChartData<double>((IReadOnlyList<double>)new double[] { 2 }) }]));

        // If this starts failing, MudBlazor encodes axis labels itself and ChartLabels.For must stop encoding them.
        Assert.NotEmpty(cut.FindAll("img"));
    }
}
