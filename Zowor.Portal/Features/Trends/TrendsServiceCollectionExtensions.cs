using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Export;
using Zowor.Portal.Platform.Hosting;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Trends;

public static class TrendsServiceCollectionExtensions
{
    public static WebApplicationBuilder AddTrends(this WebApplicationBuilder builder)
    {
        // "Not connected" unless CAPA tracking (AddCapa) registered its figures.
        builder.Services.TryAddSingleton<ITrendsCapaSource, NoCapaSource>();
        builder.Services.AddScoped<TrendQueries>();
        builder.Services.AddScoped<TrendExport>();
        builder.Services.AddScoped<TrendService>();
        builder.Services.AddScoped<Rollups.TrendRollupStore>();
        builder.Services.AddScoped<Rollups.TrendRollupCheckJob>();
        builder.Services.AddRecurringJobs<Rollups.TrendRollupJobs>();
        return builder;
    }

    /// <summary>The CSV downloads of the dashboard; the same policy as the page.</summary>
    public static IEndpointRouteBuilder MapTrendExports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/trends/complaints/csv", async (HttpContext http, TrendExport export, BusinessClock clock) =>
        {
            if (ParseFilter(http.Request.Query, clock) is not { } filter)
            {
                await BadRequestAsync(http);
                return;
            }

            http.Response.ContentType = Csv.ContentType;
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"complaints-{filter.From:yyyyMMdd}-{filter.To:yyyyMMdd}.csv\"";
            // Headers go out now and the rows follow in chunks as they are read: the download starts at once, however long.
            await http.Response.StartAsync(http.RequestAborted);
            await export.WriteComplaintsAsync(filter, http.Response.Body, http.RequestAborted);
        }).RequireAuthorization(PortalRoles.Policies.Trends);

        endpoints.MapGet("/trends/figures/{figure}/csv", async (string figure, HttpContext http, TrendExport export, BusinessClock clock) =>
        {
            if (ParseFilter(http.Request.Query, clock) is not { } filter || !TrendExport.Figures.Contains(figure))
            {
                await BadRequestAsync(http);
                return;
            }

            http.Response.ContentType = Csv.ContentType;
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{figure}-{filter.From:yyyyMMdd}-{filter.To:yyyyMMdd}.csv\"";
            await export.WriteFigureAsync(figure, filter, http.Response.Body, http.RequestAborted);
        }).RequireAuthorization(PortalRoles.Policies.Trends);
        return endpoints;
    }

    /// <summary>A 400 with a plain reason (a body, so the not-found page does not replace it).</summary>
    private static Task BadRequestAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync("Unknown figure, or dates not as yyyy-MM-dd with from before to.", http.RequestAborted);
    }

    /// <summary>The filter from <c>from</c>, <c>to</c> (yyyy-MM-dd), <c>category</c>, <c>channel</c>, <c>product</c>; null when malformed.</summary>
    internal static TrendFilter? ParseFilter(IQueryCollection query, BusinessClock clock)
    {
        var fallback = TrendFilter.LastMonths(clock.Today, 6);
        if (!TryDate(query["from"], fallback.From, out var from) || !TryDate(query["to"], fallback.To, out var to) || from > to || to.DayNumber - from.DayNumber > 3700)
        {
            return null;
        }

        ComplaintChannel? channel = null;
        if (query["channel"].ToString() is { Length: > 0 } text)
        {
            if (!Enum.TryParse<ComplaintChannel>(text, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return null;
            }

            channel = parsed;
        }

        var category = query["category"].ToString();
        var product = query["product"].ToString();
        return new TrendFilter(from, to, category.Length == 0 ? null : category, channel, product.Length == 0 ? null : product);
    }

    private static bool TryDate(string? text, DateOnly fallback, out DateOnly date)
    {
        date = fallback;
        return string.IsNullOrEmpty(text) || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
