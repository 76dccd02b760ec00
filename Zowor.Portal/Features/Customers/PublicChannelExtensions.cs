using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Zowor.Portal.Platform.Localization;

namespace Zowor.Portal.Features.Customers;

/// <summary>Composition of the public channel: the service, a rate limit per client and a body size limit.</summary>
public static class PublicChannelExtensions
{
    /// <summary>The public pages that accept posts.</summary>
    public static readonly string[] PostPaths = ["/complain", "/track", "/survey"];

    /// <summary>Adds the public complaint service and the rate limiter.</summary>
    public static WebApplicationBuilder AddPublicChannel(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<PublicFormOptions>(builder.Configuration.GetSection(PublicFormOptions.Section));
        builder.Services.AddScoped<PublicComplaintService>();
        builder.Services.AddScoped<CustomerFileIntake>();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (PublicPost(context) is not { } form)
                {
                    return RateLimitPartition.GetNoLimiter(string.Empty);
                }

                var limits = context.RequestServices.GetRequiredService<IOptions<PublicFormOptions>>().Value;
                // Per client address and form: behind a proxy named in ForwardedHeaders:KnownProxies/KnownNetworks (Platform/Hosting/
                // TrustedProxies), the address that proxy reports; an X-Forwarded-For from anyone else is ignored.
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter($"{form}|{client}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitLimit,
                    Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                    QueueLimit = 0,
                });
            });
            o.OnRejected = (rejected, cancellationToken) =>
            {
                var L = rejected.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                // When the window reopens, so a client (or a script) knows how long to wait.
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return new ValueTask(WritePlainPageAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests,
                    L["Too many requests from your connection. Please wait a minute and try again."], cancellationToken));
            };
        });
        return builder;
    }

    /// <summary>Refuses over-large public posts with 413 before anything reads the form, and applies the rate limit.</summary>
    public static WebApplication UsePublicChannelProtection(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (PublicPost(context) is null)
            {
                await next(context);
                return;
            }

            var options = context.RequestServices.GetRequiredService<IOptions<PublicFormOptions>>().Value;
            var L = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            if (AcceptsFiles(context))
            {
                await BufferUploadAsync(context, next, options.MaxUploadBodyBytes, L);
                return;
            }

            var limit = options.MaxBodyBytes;
            var tooLarge = L["Your message is too large. Please shorten the text and try again."];
            if (context.Request.ContentLength > limit)
            {
                await WritePlainPageAsync(context, StatusCodes.Status413PayloadTooLarge, tooLarge, context.RequestAborted);
                return;
            }

            // Without a declared length (chunked), read at most the limit into memory; a longer body is refused the same way.
            var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    await WritePlainPageAsync(context, StatusCodes.Status413PayloadTooLarge, tooLarge, context.RequestAborted);
                    return;
                }

                buffer.Write(chunk, 0, read);
            }

            buffer.Position = 0;
            context.Request.Body = buffer;
            context.Request.ContentLength = buffer.Length;
            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    // Files come only as multipart posts to the complaint form and the status page; the survey takes none.
    private static bool AcceptsFiles(HttpContext context) =>
        context.Request.HasFormContentType
        && context.Request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase)
        && (context.Request.Path.StartsWithSegments("/complain", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments("/track", StringComparison.OrdinalIgnoreCase));

    // A form with files is read whole before anything else sees it, as the text forms are, but into a temporary file
    // past 64 KB rather than memory; a body over the limit is refused with 413 before the form is bound.
    private static async Task BufferUploadAsync(HttpContext context, RequestDelegate next, long limit, IStringLocalizer<SharedResource> L)
    {
        var tooLarge = string.Format(CultureInfo.CurrentCulture, L["Your files are too large together. Send at most {0} MB at a time."], limit / (1024 * 1024));
        if (context.Request.ContentLength > limit)
        {
            await WritePlainPageAsync(context, StatusCodes.Status413PayloadTooLarge, tooLarge, context.RequestAborted);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit + 1;
        }

        context.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: limit);
        try
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        }
        catch (IOException)
        {
            await WritePlainPageAsync(context, StatusCodes.Status413PayloadTooLarge, tooLarge, context.RequestAborted);
            return;
        }

        context.Request.Body.Position = 0;
        await next(context);
    }

    private static string? PublicPost(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
            ? PostPaths.FirstOrDefault(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            : null;

    private static async Task WritePlainPageAsync(HttpContext context, int status, string message, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        var encoded = System.Net.WebUtility.HtmlEncode(message);
        await context.Response.WriteAsync(
            $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Zowor</title></head><body style=\"font-family:sans-serif;max-width:40rem;margin:3rem auto\"><h1>Zowor</h1><p data-testid=\"public-error\">{encoded}</p></body></html>",
            cancellationToken);
    }
}
