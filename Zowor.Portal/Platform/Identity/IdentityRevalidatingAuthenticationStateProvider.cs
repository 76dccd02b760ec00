using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Zowor.Portal.Platform.Identity;

/// <summary>
/// Re-checks the security stamp of a connected circuit every <c>Identity:CircuitRevalidationSeconds</c> (30), so a
/// sign-out elsewhere, a password change, a lock-out, a deactivation or a changed role set ends an open session instead
/// of living as long as the browser tab; on this node a <see cref="SessionRevocation"/> ends it at once.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly IOptions<IdentityOptions> _options;
    private readonly SessionRevocation _revocation;
    private readonly TimeSpan _interval;

    public IdentityRevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options, IConfiguration configuration, SessionRevocation revocation)
        : base(loggerFactory)
    {
        _scopeFactory = scopeFactory;
        _options = options;
        _revocation = revocation;
        _interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue(IdentitySettings.CircuitRevalidationSeconds, 30)));
        _revocation.Revoked += OnRevoked;
    }

    protected override TimeSpan RevalidationInterval => _interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = _scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await userManager.GetUserAsync(authenticationState.User);
        if (user is null || user.DeactivatedAt is not null || await userManager.IsLockedOutAsync(user))
        {
            return false;
        }

        if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }

        var principalStamp = authenticationState.User.FindFirstValue(_options.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await userManager.GetSecurityStampAsync(user);
    }

    private void OnRevoked(string userId, object? keep)
    {
        if (!ReferenceEquals(keep, this))
        {
            _ = SignOutIfRevokedAsync(userId);
        }
    }

    private async Task SignOutIfRevokedAsync(string userId)
    {
        try
        {
            var state = await GetAuthenticationStateAsync();
            if (state.User.FindFirstValue(ClaimTypes.NameIdentifier) == userId && !await ValidateAuthenticationStateAsync(state, CancellationToken.None))
            {
                SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
            }
        }
        catch (InvalidOperationException)
        {
            // A circuit still starting has no authentication state yet; its first revalidation checks the stamp.
        }
    }

    protected override void Dispose(bool disposing)
    {
        _revocation.Revoked -= OnRevoked;
        base.Dispose(disposing);
    }
}
