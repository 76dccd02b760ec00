using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Zowor.Portal.Platform.Identity;

/// <summary>
/// Identity's security-stamp check of the sign-in cookie (on every request: <c>ValidationInterval</c> is zero), run in a
/// DI scope of its own that ends with the check.
/// </summary>
/// <remarks>
/// Identity resolves its validator, and through it the sign-in manager, the user manager, the user store and a database
/// context leased from the pool, from the request's scope. That scope lives as long as the request, and the request that
/// opens a Blazor circuit's WebSocket (<c>/_blazor</c>) lasts as long as the circuit: every idle staff tab kept a leased
/// context, its internal service scope, its connection object and the tracked user for hours (issue 21: 26 KB of the
/// 185 KB of live objects a bare circuit held). The check itself is Identity's, unchanged; the HttpContext it signs out
/// or renews the cookie on is the request's, through <see cref="IHttpContextAccessor"/>.
/// </remarks>
internal sealed class OwnScopeSecurityStampValidator(IServiceScopeFactory scopes) : ISecurityStampValidator
{
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SecurityStampValidator<PortalUser>>().ValidateAsync(context);
    }
}
