using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Localization;
using Zowor.Portal.Platform.Localization;

namespace Zowor.Portal.Platform.Hosting;

/// <summary>
/// The portal behind a reverse proxy (section <c>ForwardedHeaders</c>): <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are honoured only from the proxies named in <c>ForwardedHeaders:KnownProxies</c> (addresses)
/// or <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges). With none named, no forwarded header is honoured at all, even
/// with <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c> (which would otherwise trust any sender): a customer could
/// otherwise pick their own address and escape the public forms' rate limit, which is keyed on the client address.
/// Outside Development a request that is still plain HTTP after that (no TLS, or a proxy that is not trusted) gets a
/// page saying HTTPS is required (400), not the antiforgery error the secure cookies would cause (500).
/// </summary>
public static class TrustedProxies
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Reads the trusted proxies; call before the app is built.</summary>
    public static WebApplicationBuilder AddTrustedProxies(this WebApplicationBuilder builder)
    {
        // Read from the final configuration when the options are first used, not while the app is being composed.
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            var section = configuration.GetSection(Section);
            var proxies = List(section, "KnownProxies").Select(IPAddress.Parse).ToList();
            var networks = List(section, "KnownNetworks").Select(n => System.Net.IPNetwork.Parse(n)).ToList();
            // Replaces the defaults (loopback) and whatever ASPNETCORE_FORWARDEDHEADERS_ENABLED set: only the named proxies.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
            // One proxy in front: its own X-Forwarded-For entry (the rightmost) is the client; entries the client wrote are ignored.
            o.ForwardLimit = 1;
            // An empty list of known proxies means "trust everyone" to the middleware, so with none named forward nothing.
            o.ForwardedHeaders = proxies.Count + networks.Count > 0
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                : ForwardedHeaders.None;
        });
        return builder;
    }

    /// <summary>First in the pipeline: the client address and scheme as the trusted proxy reports them, then the HTTPS rule.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Configuration.GetValue(Section + ":AllowPlainHttp", app.Environment.IsDevelopment()))
        {
            app.Use(RefusePlainHttpAsync);
        }

        return app;
    }

    private static async Task RefusePlainHttpAsync(HttpContext context, RequestDelegate next)
    {
        // Load balancers probe the nodes' health over plain HTTP on the private network.
        if (context.Request.IsHttps || context.Request.Path.StartsWithSegments("/health"))
        {
            await next(context);
            return;
        }

        var L = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var secure = $"https://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}";
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/html; charset=utf-8";
        var message = WebUtility.HtmlEncode(L["The portal is served over HTTPS only. Please open the secure address."]);
        var link = WebUtility.HtmlEncode(secure);
        await context.Response.WriteAsync(
            $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Zowor</title></head><body style=\"font-family:sans-serif;max-width:40rem;margin:3rem auto\"><h1>Zowor</h1><p data-testid=\"https-required\">{message}</p><p><a href=\"{link}\">{link}</a></p></body></html>",
            context.RequestAborted);
    }

    // A list from configuration: an array (KnownProxies__0, KnownProxies__1) or one comma-separated value.
    private static IEnumerable<string> List(IConfigurationSection section, string key)
    {
        var child = section.GetSection(key);
        var values = child.Value is { } single ? [single] : child.GetChildren().Select(c => c.Value ?? string.Empty);
        return values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
