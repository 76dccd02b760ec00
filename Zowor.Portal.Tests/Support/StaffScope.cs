using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Tests.Support;

/// <summary>
/// A DI scope whose authentication state is one staff member, the way a Blazor circuit carries the signed-in user:
/// services resolved from it (<see cref="ComplaintService"/> through <see cref="CurrentUser"/>) act as that user.
/// The principal comes from the app's own claims factory, so roles and the display name are exactly what sign-in gives.
/// </summary>
public sealed class StaffScope : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;

    private StaffScope(AsyncServiceScope scope, Actor actor)
    {
        _scope = scope;
        Actor = actor;
    }

    /// <summary>Who this scope acts as (user id and display name), as the timeline records it.</summary>
    public Actor Actor { get; }

    /// <summary>The scope's services.</summary>
    public IServiceProvider Services => _scope.ServiceProvider;

    /// <summary>The complaint use cases, acting as <see cref="Actor"/>.</summary>
    public ComplaintService Complaints => Services.GetRequiredService<ComplaintService>();

    /// <summary>Opens a scope signed in as the user with this e-mail.</summary>
    public static async Task<StaffScope> SignInAsync(IServiceProvider services, string email)
    {
        var scope = services.CreateAsyncScope();
        try
        {
            var provider = scope.ServiceProvider;
            var users = provider.GetRequiredService<UserManager<PortalUser>>();
            var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
            var principal = await provider.GetRequiredService<SignInManager<PortalUser>>().CreateUserPrincipalAsync(user);
            var state = (IHostEnvironmentAuthenticationStateProvider)provider.GetRequiredService<AuthenticationStateProvider>();
            state.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
            return new StaffScope(scope, CurrentUser.ToActor(principal));
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _scope.DisposeAsync();
}
