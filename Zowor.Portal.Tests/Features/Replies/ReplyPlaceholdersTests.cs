using Zowor.Portal.Domain.Common;
using Zowor.Portal.Features.Replies;

namespace Zowor.Portal.Tests.Features.Replies;

/// <summary>Placeholders of reply templates and replies (issue 15): known ones filled, unknown ones refused by name.</summary>
public sealed class ReplyPlaceholdersTests
{
    private static readonly Dictionary<string, string> Values = new()
    {
        [ReplyPlaceholders.Reference] = "ZW-2026-000123",
        [ReplyPlaceholders.CustomerName] = "Anna",
        [ReplyPlaceholders.EstimatedResolutionDate] = "20 March 2026",
        [ReplyPlaceholders.TrackingLink] = "https://zowor.example/track?reference=ZW-2026-000123",
        [ReplyPlaceholders.StaffName] = "Saule",
    };

    [Fact]
    public void EveryKnownPlaceholder_IsFilled_AndOtherBracesTextIsLeftAlone_OnlyIfKnown()
    {
        var filled = ReplyPlaceholders.Fill("{CustomerName}, {Reference} by {EstimatedResolutionDate}: {TrackingLink} — {StaffName}", Values);

        Assert.Equal("Anna, ZW-2026-000123 by 20 March 2026: https://zowor.example/track?reference=ZW-2026-000123 — Saule", filled);
    }

    [Theory]
    [InlineData("Dear {Name}", "{Name}")]
    [InlineData("Ref {reference}", "{reference}")]
    [InlineData("{Reference} {0}", "{0}")]
    public void AnUnknownPlaceholder_IsRefused_NamingIt(string text, string named)
    {
        var refused = Assert.Throws<DomainException>(() => ReplyPlaceholders.Fill(text, Values));

        Assert.Equal(named, refused.MessageArguments[0]);
        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextWithoutPlaceholders_IsUnchanged()
    {
        Assert.Equal("No braces here { } at all.", ReplyPlaceholders.Fill("No braces here { } at all.", Values));
    }
}
