using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Zowor.Portal.Platform.Identity;

/// <summary>
/// Admin and CEO accounts (<see cref="PortalRoles.TwoFactorRequired"/>) must sign in with an authenticator app. A session of
/// theirs without a second factor (the sign-in cookie lacks <c>amr=mfa</c>: not enrolled yet) reaches only the enrolment
/// page and sign-out: pages redirect there; the API, the hub, Blazor's circuit endpoint and the job dashboard answer 403.
/// </summary>
public static class TwoFactorEnrolment
{
    public const string EnrolmentPath = "/account/two-factor";

    /// <summary>The claim SignInManager adds after a second factor (and the enrolment page after a verified code).</summary>
    public const string MfaClaimType = "amr";
    public const string MfaClaimValue = "mfa";

    /// <summary>Whether this signed-in user still owes a second factor before reaching anything.</summary>
    public static bool MustEnrol(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && PortalRoles.TwoFactorRequired.Any(user.IsInRole)
        && !user.HasClaim(MfaClaimType, MfaClaimValue);

    public static IApplicationBuilder UseTwoFactorEnrolment(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (!MustEnrol(context.User) || !IsProtected(context))
            {
                return next(context);
            }

            var path = context.Request.Path;
            if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/hangfire"))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }

            context.Response.Redirect($"{EnrolmentPath}?returnUrl={Uri.EscapeDataString(path + context.Request.QueryString)}");
            return Task.CompletedTask;
        });

    /// <summary>Endpoints that need a signed-in user, except enrolment and sign-out; and Blazor's circuit endpoint, which carries no policy of its own.</summary>
    private static bool IsProtected(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments(EnrolmentPath) || path.StartsWithSegments("/account/logout"))
        {
            return false;
        }

        if (path.StartsWithSegments("/_blazor"))
        {
            return true;
        }

        var metadata = context.GetEndpoint()?.Metadata;
        return metadata is not null && metadata.GetMetadata<IAllowAnonymous>() is null && metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0;
    }
}
