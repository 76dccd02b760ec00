using System.Security.Cryptography;

namespace Zowor.Portal.Platform.Security;

/// <summary>
/// Security headers on every response (P-91: the portal holds customers' personal data).
/// The Content-Security-Policy allows only the portal's own origin for scripts, styles, images, fonts and connections,
/// with two documented exceptions:
/// <list type="bullet">
/// <item>the one inline script, Blazor's import map, carries a per-request nonce (<see cref="NonceOf"/>);</item>
/// <item>styles allow <c>'unsafe-inline'</c>: MudBlazor writes <c>style</c> attributes on its components and the theme
///     provider renders a <c>&lt;style&gt;</c> element with the theme's CSS variables, neither of which can carry a nonce.
///     Inline styles cannot run code, so scripts stay strict.</item>
/// </list>
/// Blazor Server needs no <c>'unsafe-eval'</c> (only WebAssembly does). The Hangfire dashboard (Admin only) renders
/// inline scripts of its own, so under <c>/hangfire</c> scripts also allow <c>'unsafe-inline'</c>.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "zowor.csp-nonce";
    private const string OwnPolicyKey = "zowor.csp-own";

    /// <summary>Replaces the pages' policy for this response, e.g. <c>default-src 'none'; sandbox</c> for a downloaded file.</summary>
    public static void UseOwnPolicy(HttpContext context, string policy) => context.Items[OwnPolicyKey] = policy;

    /// <summary>The nonce of this response's Content-Security-Policy, for the inline scripts the portal renders itself.</summary>
    public static string NonceOf(HttpContext context)
    {
        if (context.Items[NonceKey] is not string nonce)
        {
            nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
        }

        return nonce;
    }

    /// <summary>The policy for a request; <paramref name="nonce"/> admits the import map.</summary>
    public static string ContentSecurityPolicy(PathString path, string nonce)
    {
        var scripts = path.StartsWithSegments("/hangfire") ? "'self' 'unsafe-inline'" : $"'self' 'nonce-{nonce}'";
        return string.Join("; ",
            "default-src 'self'",
            $"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    }

    /// <summary>Adds the headers before the response starts, whatever endpoint (or status page) writes it.</summary>
    public static IApplicationBuilder UsePortalSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // An endpoint may ask for a stricter policy of its own (evidence downloads), see UseOwnPolicy.
                headers.ContentSecurityPolicy = context.Items[OwnPolicyKey] as string ?? ContentSecurityPolicy(context.Request.Path, NonceOf(context));

                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
