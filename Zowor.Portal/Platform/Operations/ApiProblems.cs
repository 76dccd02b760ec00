using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;

namespace Zowor.Portal.Platform.Operations;

/// <summary>
/// Errors of the JSON API (<c>/api</c>) are problem details in every environment, never an exception's text or stack:
/// a database fault is 503 with Retry-After (the client may send the same request again; nothing was saved), anything
/// else 500 with a trace id to find the logged exception.
/// </summary>
public static class ApiProblems
{
    public static IApplicationBuilder UseApiProblemDetails(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context =>
            {
                var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                if (error is BadHttpRequestException bad)
                {
                    // A body that does not bind (wrong JSON shape, wrong content type): the caller's mistake, not the server's.
                    return Results.Problem("The request is not valid.", statusCode: bad.StatusCode).ExecuteAsync(context);
                }

                return Write(context, DatabaseFault.Classify(error)).ExecuteAsync(context);
            },
        }));

    /// <summary>The answer to a database fault (or, with null, to an unexpected error).</summary>
    public static IResult Write(HttpContext context, DatabaseFaultKind? fault)
    {
        if (fault is { } kind)
        {
            context.Response.Headers.RetryAfter = ((int)DatabaseFault.RetryAfter(kind).TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Results.Problem(DatabaseFault.Message(kind), statusCode: StatusCodes.Status503ServiceUnavailable, title: "Database unavailable",
                extensions: new Dictionary<string, object?> { ["fault"] = kind.ToString() });
        }

        return Results.Problem("The request failed on the server. Nothing more is said here; the server log has the details.",
            statusCode: StatusCodes.Status500InternalServerError,
            extensions: new Dictionary<string, object?> { ["traceId"] = context.TraceIdentifier });
    }
}
