using Zowor.Portal.Components.Shared;

namespace Zowor.Portal.Tests.Components.Shared;

/// <summary>
/// Chart labels that never overlap (issue 20): names under a bar wrap between words, a word too long for the bar is
/// split with a hyphen, and labels that would not fit side by side on a phone are slanted.
/// </summary>
public sealed class ChartStyleTests
{
    [Theory]
    [InlineData("Carrier", 12, 3, new[] { "Carrier" })]
    [InlineData("Warehouse process", 12, 3, new[] { "Warehouse", "process" })]
    [InlineData("Ошибка персонала", 12, 3, new[] { "Ошибка", "персонала" })]
    [InlineData("Информационные системы", 10, 3, new[] { "Информаци-", "онные", "системы" })]
    [InlineData("Customer service failed to call back", 10, 2, new[] { "Customer", "service…" })]
    [InlineData("a b c", 5, 1, new[] { "a b c" })]
    public void Wrap_BreaksBetweenWords_SplitsLongWords_AndEndsCutLabelsWithAnEllipsis(string text, int maxChars, int maxLines, string[] expected)
    {
        var lines = ChartStyle.Wrap(text, maxChars, maxLines);

        Assert.Equal(expected, lines);
        Assert.All(lines, line => Assert.True(line.Length <= maxChars, $"'{line}' is longer than {maxChars}"));
    }

    [Fact]
    public void Slants_ManyBarsOrLongNames_ButNotAFewShortOnes()
    {
        Assert.False(ChartStyle.Slants(["Level 1", "Level 2", "Level 3"]));
        Assert.True(ChartStyle.Slants(["1", "2", "3", "4", "5", "6", "7"]));
        // Six Russian categories overlapped at 390 px.
        Assert.True(ChartStyle.Slants(["Дефект товара", "Не тот товар", "Доставка", "Упаковка", "Обслуживание", "Сайт"]));
        Assert.Equal("chart-slanted-labels", ChartStyle.ChartClass(["Дефект товара", "Не тот товар", "Доставка", "Упаковка", "Обслуживание", "Сайт"]));
        Assert.Null(ChartStyle.ChartClass(["Jul 2026", "Aug", "Sep", "Oct", "Nov", "Dec"]));
    }
}
