using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Platform.Identity;

/// <summary>
/// The signed-in user of the current circuit or request. Services call <see cref="RequireAsync"/> before every change,
/// so authorization holds even when a page forgets to hide a button.
/// </summary>
public sealed class CurrentUser(
    AuthenticationStateProvider authenticationState,
    IAuthorizationService authorization,
    IHttpContextAccessor? request = null,
    CircuitScope? circuit = null)
{
    /// <summary>
    /// Inside a circuit, Blazor's authentication state; outside one (an endpoint, a static page, the prerender), the
    /// request's own user. Component tests have neither a circuit marker nor a request and use the state they set.
    /// </summary>
    public async Task<ClaimsPrincipal> GetPrincipalAsync() =>
        circuit is { IsCircuit: false } && request?.HttpContext is { } http
            ? http.User
            : (await authenticationState.GetAuthenticationStateAsync()).User;

    /// <summary>Returns the actor when the user satisfies the policy; throws <see cref="PortalAccessDeniedException"/> otherwise.</summary>
    public async Task<Actor> RequireAsync(string policy)
    {
        var principal = await GetPrincipalAsync();
        if (principal.Identity?.IsAuthenticated != true || !(await authorization.AuthorizeAsync(principal, policy)).Succeeded)
        {
            throw new PortalAccessDeniedException();
        }

        return ToActor(principal);
    }

    /// <summary>Whether the user satisfies the policy.</summary>
    public async Task<bool> IsAllowedAsync(string policy)
    {
        var principal = await GetPrincipalAsync();
        return principal.Identity?.IsAuthenticated == true && (await authorization.AuthorizeAsync(principal, policy)).Succeeded;
    }

    /// <summary>The policies (of <see cref="PortalRoles.PolicyRoles"/>) the user satisfies, checked against one authentication state.</summary>
    public async Task<IReadOnlySet<string>> AllowedPoliciesAsync()
    {
        var principal = await GetPrincipalAsync();
        var allowed = new HashSet<string>();
        if (principal.Identity?.IsAuthenticated == true)
        {
            foreach (var policy in PortalRoles.PolicyRoles.Keys)
            {
                if ((await authorization.AuthorizeAsync(principal, policy)).Succeeded)
                {
                    allowed.Add(policy);
                }
            }
        }

        return allowed;
    }

    public static Actor ToActor(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new PortalAccessDeniedException();
        var name = principal.FindFirstValue(PortalClaimsPrincipalFactory.DisplayNameClaim) ?? principal.Identity?.Name ?? id;
        return new Actor(id, name);
    }
}
