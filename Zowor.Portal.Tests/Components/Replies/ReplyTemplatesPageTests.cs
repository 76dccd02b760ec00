using Bunit;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Features.Replies;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Components.Replies;

/// <summary>The Admin page of reply templates (issue 15): a typo in a placeholder is refused by name and the text stays.</summary>
public sealed class ReplyTemplatesPageTests : PortalComponentTestBase
{
    public ReplyTemplatesPageTests() => RenderProviders();

    [Fact]
    public async Task ATemplateWithAnUnknownPlaceholder_IsRefusedByName_KeepsTheText_AndACorrectOneIsSaved()
    {
        SignInAs("user-admin-1", "Portal Admin", PortalRoles.Admin);
        var cut = Render<ReplyTemplatesPage>();
        cut.WaitForElement("[data-testid=template-editor]");

        cut.Find("[data-testid=template-name]").Change("Courier claim");
        cut.Find("[data-testid=template-subject-en]").Change("About the courier");
        cut.Find("[data-testid=template-body-en]").Change("Complaint {Reference}: the courier confirmed it.");
        cut.Find("[data-testid=template-subject-ru]").Change("О курьере");
        cut.Find("[data-testid=template-body-ru]").Change("Жалоба {Refrence}: курьер подтвердил.");
        cut.Find("[data-testid=save-template]").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("Unknown placeholder {Refrence}.", cut.Find("[data-testid=template-error]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal("Жалоба {Refrence}: курьер подтвердил.", cut.Find("[data-testid=template-body-ru]").TextContent);
        await using (var db = Database.CreateContext())
        {
            Assert.False(await db.ReplyTemplates.AnyAsync(Cancellation));
        }

        cut.Find("[data-testid=template-body-ru]").Change("Жалоба {Reference}: курьер подтвердил.");
        cut.Find("[data-testid=save-template]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Courier claim", cut.Find("[data-testid=template-item]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=template-error]"));
        await using var check = Database.CreateContext();
        var saved = await check.ReplyTemplates.SingleAsync(Cancellation);
        Assert.Equal(("Courier claim", "Жалоба {Reference}: курьер подтвердил.", true), (saved.Name, saved.BodyRu, saved.IsActive));
    }
}
