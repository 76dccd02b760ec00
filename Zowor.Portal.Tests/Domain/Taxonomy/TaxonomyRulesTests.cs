using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Taxonomy;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Domain.Taxonomy;

/// <summary>The taxonomy rules (issue 23) and mapping a complaint's product (P-60).</summary>
public sealed class TaxonomyRulesTests
{
    private static readonly DateTime At = new(2026, 3, 10, 6, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("installation")]
    [InlineData("wrong-item-2")]
    public void Code_Valid_IsKept(string code) => Assert.Equal(code, TaxonomyRules.Code(code));

    [Theory]
    [InlineData("Delivery")]
    [InlineData("with space")]
    [InlineData("-leading")]
    [InlineData("<b>")]
    public void Code_Invalid_Throws(string code) => Assert.Throws<DomainException>(() => TaxonomyRules.Code(code));

    [Fact]
    public void EnsureCodeMayChange_WhenUsed_Throws()
    {
        TaxonomyRules.EnsureCodeMayChange(used: false);
        Assert.Throws<DomainException>(() => TaxonomyRules.EnsureCodeMayChange(used: true));
    }

    [Fact]
    public void Names_WithMarkup_AreKeptAsTyped_ButControlCharactersAreRefused()
    {
        Assert.Equal(("<img src=x onerror=alert(1)>", "Доставка"), TaxonomyRules.Names(" <img src=x onerror=alert(1)> ", "Доставка"));
        Assert.Throws<DomainException>(() => TaxonomyRules.Names("Delivery\u001b[31m", "Доставка"));
        Assert.Throws<DomainException>(() => TaxonomyRules.Names("Delivery", " "));
    }

    [Fact]
    public void Aliases_AreNormalisedWithoutBlanksOrRepeats()
    {
        Assert.Equal(["winter boot", "зимние ботинки"], TaxonomyRules.Aliases("  Winter   Boot \n\nwinter boot, ЗИМНИЕ ботинки"));
    }

    [Fact]
    public void MapProduct_RecordsTheListedNameAndKeepsTheSpelling_AndRefusesTheSameProductTwice()
    {
        var complaint = ComplaintBuilder.New().Build();
        var spelling = complaint.Product;

        complaint.MapProduct(7, "Winter boots", null, new Actor("u1", "Admin"), At);

        Assert.Equal(7, complaint.ProductId);
        Assert.Equal(spelling, complaint.Product);
        var entry = complaint.History[^1];
        Assert.Equal((ComplaintHistoryKinds.ProductMapped, spelling, "Winter boots"), (entry.Kind, entry.Before, entry.After));
        Assert.Throws<ComplaintWorkflowException>(() => complaint.MapProduct(7, "Winter boots", "Winter boots", new Actor("u1", "Admin"), At));
        Assert.Throws<DomainException>(() => complaint.LinkListedProduct(8));
    }
}
