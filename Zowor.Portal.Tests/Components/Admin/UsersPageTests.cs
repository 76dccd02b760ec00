using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Features.Admin;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Components.Admin;

/// <summary>
/// Issue 20: a new staff account started with Agent ticked, so an Admin could create an Agent by mistake. The roles now
/// start empty, and creating an account without one says so under the roles and creates nothing.
/// </summary>
public sealed class UsersPageTests : PortalComponentTestBase
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        SignInAs("user-admin-1", "Asel Admin", PortalRoles.Admin);
        RenderProviders();
    }

    [Fact]
    public async Task NewAccount_StartsWithNoRole_AndWithoutOne_IsRefusedUnderTheRoles()
    {
        var cut = Render<UsersPage>();
        cut.WaitForElement("[data-testid=new-user-roles]");
        Assert.Equal(string.Empty, cut.Find("input[data-testid=new-user-roles]").GetAttribute("value"));

        var form = cut.Find("form");
        cut.FindAll("form input")[0].Change("new.person@zowor.test");
        cut.FindAll("form input")[1].Change("New Person");
        cut.FindAll("form input")[2].Change("A-long-passphrase-1!");
        form.Submit();

        cut.WaitForAssertion(() => Assert.Equal("Choose at least one role.", cut.Find("[data-testid=new-user-roles-error]").TextContent.Trim()));
        await using var scope = Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync("new.person@zowor.test"));
    }
}
