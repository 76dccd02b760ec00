using System.Globalization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Zowor.Portal.Features.Categories;
using Zowor.Portal.Features.Localization;
using Zowor.Portal.Features.Settings;
using Zowor.Portal.Features.Identity;
using Zowor.Portal.Features.Trends;

namespace Zowor.Portal.Features.Reviews;

/// <summary>A review pack as CSV (section, item, value), with its findings, for the quality records (P-63).</summary>
public static class ReviewExport
{
    public static IEndpointRouteBuilder MapReviewExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/reviews/{id:int}/csv", async (int id, HttpContext http, ReviewService reviews) =>
            await ReadAsync(id, http, reviews) is not { } pack
                ? Results.NotFound()
                : Results.File(Csv.Encoding.GetPreamble().Concat(Csv.Encoding.GetBytes(string.Join(Csv.NewLine, Lines(pack)) + Csv.NewLine)).ToArray(), Csv.ContentType,
                    $"review-{pack.Kind.ToString().ToLowerInvariant()}-{pack.PeriodStart:yyyy-MM}.csv"))
            .RequireAuthorization(PortalRoles.Policies.Reviews);

        // P-63: the pack as a PDF for the quality records; the same policy, and the service checks it again.
        endpoints.MapGet("/reviews/{id:int}/pdf", async (int id, HttpContext http, ReviewService reviews, CategoryService categories, BusinessClock clock, IStringLocalizer<SharedResource> L) =>
            await ReadAsync(id, http, reviews) is not { } pack
                ? Results.NotFound()
                : Results.File(ReviewPdf.Render(pack, L, await categories.GetNamesAsync(http.RequestAborted), clock), "application/pdf", $"review-{pack.Kind.ToString().ToLowerInvariant()}-{pack.PeriodStart:yyyy-MM}.pdf"))
            .RequireAuthorization(PortalRoles.Policies.Reviews);
        return endpoints;
    }

    private static async Task<ReviewDetail?> ReadAsync(int id, HttpContext http, ReviewService reviews)
    {
        // The service reads the user from Blazor's authentication state; on a plain request that is the request's user.
        if (http.RequestServices.GetRequiredService<AuthenticationStateProvider>() is IHostEnvironmentAuthenticationStateProvider host)
        {
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(http.User)));
        }

        return await reviews.GetAsync(id, http.RequestAborted);
    }

    internal static IEnumerable<string> Lines(ReviewDetail pack)
    {
        var f = pack.Figures;
        yield return Csv.Line("Section", "Item", "Value", "Owner", "Due", "AddedBy", "AddedAt");
        yield return Csv.Line("Period", pack.Kind.ToString(), pack.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        yield return Csv.Line("Figures", "Received", Csv.Number(f.Received));
        yield return Csv.Line("Figures", "Serious", Csv.Number(f.Serious));
        yield return Csv.Line("Figures", "Acknowledged", Csv.Number(f.Acknowledged));
        yield return Csv.Line("Figures", "AcknowledgedWithin24Hours", Csv.Number(f.AcknowledgedWithin24Hours));
        yield return Csv.Line("Figures", "AcknowledgementBreaches", Csv.Number(f.AcknowledgementBreaches));
        yield return Csv.Line("Figures", "MedianHoursToAcknowledge", Csv.Number(f.MedianHoursToAcknowledge));
        yield return Csv.Line("Figures", "Resolved", Csv.Number(f.Resolved));
        yield return Csv.Line("Figures", "MedianDaysToResolve", Csv.Number(f.MedianDaysToResolve));
        yield return Csv.Line("Figures", "Closed", Csv.Number(f.Closed));
        yield return Csv.Line("Figures", "AverageSatisfaction", Csv.Number(f.AverageSatisfaction));
        foreach (var (currency, amount) in f.RefundsByCurrency ?? new Dictionary<string, decimal>())
        {
            yield return Csv.Line("Refunds", Csv.Text(currency), Csv.Number(amount));
        }

        foreach (var (section, rows) in new[] { ("Channel", f.ByChannel), ("Category", f.ByCategory), ("RootCause", f.RootCauses), ("Resolution", f.ResolutionMix), ("EscalationLevel", f.EscalationsByLevel) })
        {
            foreach (var (key, count) in rows.OrderByDescending(r => r.Value))
            {
                yield return Csv.Line(section, Csv.Text(key), Csv.Number(count));
            }
        }

        foreach (var finding in pack.FindingList)
        {
            yield return Csv.Line("Finding", Csv.Text(finding.Text), Csv.Text(finding.Decision), Csv.Text(finding.Owner),
                finding.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty, Csv.Text(finding.AddedByName),
                finding.AddedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        }
    }
}
