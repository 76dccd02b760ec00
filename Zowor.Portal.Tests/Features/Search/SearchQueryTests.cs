using Zowor.Portal.Features.Search;

namespace Zowor.Portal.Tests.Features.Search;

/// <summary>How a typed query becomes search terms: phone numbers, short words, folding and the FTS5 expression.</summary>
public sealed class SearchQueryTests
{
    [Theory]
    [InlineData("+7 777 597 88 59", "77775978859")]
    [InlineData("87775978859", "77775978859")]
    [InlineData("+77775978859", "77775978859")]
    [InlineData("8 (777) 597-88-59", "77775978859")]
    [InlineData("+44 20 7946 0958", "442079460958")]
    public void Parse_PhoneNumberTypedAnyWay_IsOneTermWithTheCanonicalDigits(string typed, string canonical)
    {
        var query = SearchQuery.Parse(typed);

        var term = Assert.Single(query.Terms);
        Assert.Equal(canonical, term.Phone);
        Assert.Equal(typed, term.Text);
    }

    [Fact]
    public void Parse_WordsShorterThanThree_AreLeftOutAndFlagged()
    {
        var query = SearchQuery.Parse("  kettle is  on ");

        Assert.Equal(["kettle"], query.Terms.Select(t => t.Text));
        Assert.True(query.ShortWordsIgnored);
        Assert.True(SearchQuery.Parse("ab").IsEmpty);
        Assert.True(SearchQuery.Parse("   ").IsEmpty);
    }

    [Fact]
    public void Parse_FoldsYoToYe_AndKeepsTheRest()
    {
        Assert.Equal("Еще течет", SearchQuery.Fold("Ещё течёт"));
        Assert.Equal("ЕЛКА", SearchQuery.Fold("ЁЛКА"));
    }

    [Fact]
    public void ToFts5_QuotesEveryTerm_SoOperatorsAndQuotesAreText()
    {
        var query = SearchQuery.Parse("say \"NOT\" OR-else");

        Assert.Equal("\"say\" AND \"\"\"NOT\"\"\" AND \"OR-else\"", query.ToFts5());
    }

    [Fact]
    public void ToFts5_PhoneTerm_MatchesAsTypedOrItsDigitsInTheContact()
    {
        Assert.Equal("(\"87775978859\" OR {Contact} : \"77775978859\")", SearchQuery.Parse("87775978859").ToFts5());
        Assert.Equal("\"87775978859\"", SearchQuery.Parse("87775978859").ToFts5(phoneDigits: false));
    }

    [Fact]
    public void ToFullText_WordsBecomePrefixTerms_AndPunctuationIsDropped()
    {
        Assert.Equal("\"ivanova*\"", SearchQuery.ToFullText(new SearchTerm("ivanova", null)));
        Assert.Equal("\"zw*\" AND \"2026*\" AND \"000051*\"", SearchQuery.ToFullText(new SearchTerm("zw-2026-000051", null)));
        Assert.Null(SearchQuery.ToFullText(new SearchTerm("---", null)));
        Assert.Equal("%50\\%\\_off%", SearchQuery.ToLike("50%_off"));
    }
}
