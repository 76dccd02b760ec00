using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using Zowor.Portal.Components.Shared;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Components.Shared;

/// <summary>
/// Issue 21: an app-bar menu holds no MudMenu (five components with a popover) until someone opens it; the first press
/// opens the real menu, whose items work. The keyboard path runs in the browser (ResponsiveLayoutTests, KeyboardJourneyTests).
/// </summary>
public sealed class LazyMenuTests : PortalComponentTestBase
{
    [Fact]
    public void UntilOpened_ItIsOneButtonWithTheMenusLabel_AndNoMudMenu()
    {
        RenderProviders();
        var cut = RenderMenu(() => { });

        Assert.Empty(cut.FindComponents<MudMenu>());
        var button = cut.Find("[data-testid=lazy] button");
        Assert.Equal("Language", button.GetAttribute("aria-label"));
        Assert.Equal("false", button.GetAttribute("aria-expanded"));
        Assert.Empty(Popovers.FindAll(".mud-popover-open .mud-menu-item"));
    }

    [Fact]
    public void TheFirstClick_OpensTheRealMenu_WhoseItemsWork()
    {
        RenderProviders();
        var chosen = 0;
        var cut = RenderMenu(() => chosen++);

        cut.Find("[data-testid=lazy] button").Click(new MouseEventArgs { Detail = 1 });

        cut.WaitForAssertion(() => Assert.Single(cut.FindComponents<MudMenu>()));
        Popovers.WaitForElement(".mud-popover-open [data-testid=lazy-item]").Click();
        Assert.Equal(1, chosen);
    }

    private IRenderedComponent<LazyMenu> RenderMenu(Action onItem) =>
        Render<LazyMenu>(p => p
            .Add(m => m.Icon, Icons.Material.Filled.Translate)
            .Add(m => m.AriaLabel, "Language")
            .AddUnmatched("data-testid", "lazy")
            .Add(m => m.ChildContent, (RenderFragment)(b =>
            {
                b.OpenComponent<MudMenuItem>(0);
                b.AddAttribute(1, nameof(MudMenuItem.OnClick), EventCallback.Factory.Create<MouseEventArgs>(this, onItem));
                b.AddAttribute(2, "data-testid", "lazy-item");
                b.AddAttribute(3, nameof(MudMenuItem.ChildContent), (RenderFragment)(t => t.AddContent(0, "English")));
                b.CloseComponent();
            })));
}
