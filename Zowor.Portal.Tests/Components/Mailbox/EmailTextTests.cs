using Bunit;
using Zowor.Portal.Features.Mailbox;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Components.Mailbox;

/// <summary>A customer's e-mail on the case page (P-30, P-41): the new words show, the quoted history is folded but kept.</summary>
public sealed class EmailTextTests : PortalComponentTestBase
{
    protected override bool UsesDatabase => false;

    [Fact]
    public void Render_ReplyWithQuotedHistory_ShowsTheNewTextAndFoldsTheRestUntilAsked()
    {
        var cut = Render<EmailText>(p => p.Add(x => x.Text, "Here is the photo.\nThanks\n\nOn Tue, 1 Dec 2026 Zowor wrote:\n> Thank you for telling us\n> about the problem."));

        Assert.Equal("Here is the photo.\nThanks", cut.Find("[data-testid=email-text]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=email-quoted]"));

        cut.Find("[data-testid=email-quoted-toggle]").Click();

        Assert.Equal("On Tue, 1 Dec 2026 Zowor wrote:\n> Thank you for telling us\n> about the problem.", cut.Find("[data-testid=email-quoted]").TextContent);
    }

    [Fact]
    public void Render_TextWithoutQuotes_HasNothingToFold()
    {
        var cut = Render<EmailText>(p => p.Add(x => x.Text, "The lid is broken.\n\nRegards"));

        Assert.Equal("The lid is broken.\n\nRegards", cut.Find("[data-testid=email-text]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=email-quoted-toggle]"));
    }
}
