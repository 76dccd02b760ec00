using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Zowor.Portal.Data;

namespace Zowor.Portal.Platform.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>Identity with cookie sign-in, lockout, the portal's roles and one policy per capability.</summary>
    public static WebApplicationBuilder AddPortalIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped<CurrentUser>();
        services.AddHttpContextAccessor();
        services.AddScoped<CircuitScope>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitScope.Marker>();
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton<SessionRevocation>();
        services.AddMemoryCache();
        builder.AddSignInRateLimit();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.AddIdentityCore<PortalUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                // Long passphrases with a mix of character kinds; the length is configurable, never below 12.
                o.Password.RequiredLength = Math.Max(12, builder.Configuration.GetValue("Identity:PasswordMinLength", 12));
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                o.Password.RequiredUniqueChars = 5;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = builder.Configuration.GetValue("Identity:MaxFailedAccessAttempts", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(builder.Configuration.GetValue("Identity:LockoutMinutes", 15));
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager<PortalSignInManager>()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>()
            .AddDefaultTokenProviders()
            // After the defaults, so it replaces Identity's authenticator provider: each code is accepted once.
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);

        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            // Every request checks the security stamp, so a sign-out, a password change or a deactivation ends every
            // other session of that user at its next request (one indexed read per request).
            o.ValidationInterval = TimeSpan.Zero;
            o.OnRefreshingPrincipal = RefreshingPrincipal;
        });
        // The check in a scope of its own, so that a circuit's long-lived WebSocket request does not hold a database
        // context and the user for the circuit's lifetime (OwnScopeSecurityStampValidator).
        services.AddScoped<SecurityStampValidator<PortalUser>>();
        services.Replace(ServiceDescriptor.Scoped<ISecurityStampValidator, OwnScopeSecurityStampValidator>());
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "zowor.auth";
            o.Cookie.HttpOnly = true;
            // Lax, not Strict: a link to a case in an e-mail must open signed in; cross-site POSTs still carry no cookie.
            o.Cookie.SameSite = SameSiteMode.Lax;
            // HTTPS-only outside Development (where the portal runs on plain http://localhost).
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            // Idle expiry: every request renews the session; this long without one signs the user out.
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(builder.Configuration.GetValue("Identity:IdleTimeoutMinutes", 60));
            // API-style callers (fetch, SignalR negotiate) get status codes, not a login page.
            // Set on Identity's events rather than replacing them: Identity's OnValidatePrincipal is the security-stamp
            // check that ends a changed, locked or removed account's cookie sessions.
            o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });

        services.AddAntiforgery(o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });

        services.AddAuthorization(o =>
        {
            foreach (var (policy, roles) in PortalRoles.PolicyRoles)
            {
                o.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
            }
        });
        return builder;
    }

    // Identity rebuilds the cookie's principal after each stamp check without the sign-in method; the second factor
    // (amr=mfa) must survive that, or Admin and CEO are sent back to two-factor enrolment.
    private static Task RefreshingPrincipal(SecurityStampRefreshingPrincipalContext context)
    {
        var mfa = context.CurrentPrincipal?.FindFirst(c => c.Type == TwoFactorEnrolment.MfaClaimType && c.Value == TwoFactorEnrolment.MfaClaimValue);
        if (mfa is not null && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity && !identity.HasClaim(mfa.Type, mfa.Value))
        {
            identity.AddClaim(new System.Security.Claims.Claim(mfa.Type, mfa.Value));
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Sign-in posts per client address (<see cref="IdentitySettings.SignInPermitLimit"/>), beside lock-out per account: one
    /// address cannot try one password on many accounts. Pages opt in with <c>[EnableRateLimiting]</c>; reading the form is free.
    /// </summary>
    private static void AddSignInRateLimit(this WebApplicationBuilder builder)
    {
        var limit = builder.Configuration.GetValue(IdentitySettings.SignInPermitLimit, 20);
        var window = TimeSpan.FromSeconds(builder.Configuration.GetValue(IdentitySettings.SignInWindowSeconds, 60));
        builder.Services.AddRateLimiter(o => o.AddPolicy(IdentitySettings.SignInRateLimit, context =>
            HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    "sign-in|" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = window, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(string.Empty)));
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>Logout is a POST with an antiforgery token, so a link on another site cannot sign staff out.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async (HttpContext context, IAntiforgery antiforgery, SignInManager<PortalUser> signIn,
            UserManager<PortalUser> users, SessionRevocation revocation) =>
        {
            // UseAntiforgery only validates endpoints that read a form; this one must check the token itself.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                // With a body, so the status-code page does not replace the 400 with a not-found page.
                return Results.Problem("Sign-out needs the portal's own form (antiforgery token missing).", statusCode: StatusCodes.Status400BadRequest);
            }

            // A new security stamp ends this user's every session, not only this browser's cookie: a copy of the
            // cookie (a shared machine, a proxy log) opens nothing after sign-out.
            if (await users.GetUserAsync(context.User) is { } user)
            {
                await users.UpdateSecurityStampAsync(user);
                revocation.Revoke(user.Id);
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("~/account/login");
        }).RequireAuthorization();
        return endpoints;
    }
}
