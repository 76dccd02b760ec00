using System.Globalization;
using Microsoft.Extensions.Localization;
using Zowor.Portal.Components.Shared;
using Zowor.Portal.Features.Categories;
using Zowor.Portal.Platform.Export;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Localization;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Reviews;

/// <summary>A review pack as CSV (section, item, value), with its findings, for the quality records (P-63).</summary>
public static class ReviewExport
{
    public static IEndpointRouteBuilder MapReviewExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/reviews/{id:int}/csv", async (int id, HttpContext http, ReviewService reviews, CategoryService categories, BusinessClock clock, IStringLocalizer<SharedResource> L) =>
            await reviews.GetAsync(id, http.RequestAborted) is not { } pack
                ? Results.NotFound()
                : Results.File(Csv.Encoding.GetPreamble().Concat(Csv.Encoding.GetBytes(string.Join(Csv.NewLine, Lines(pack, L, await categories.GetNamesAsync(http.RequestAborted), clock)) + Csv.NewLine)).ToArray(), Csv.ContentType,
                    $"review-{pack.Kind.ToString().ToLowerInvariant()}-{pack.PeriodStart:yyyy-MM}.csv"))
            .RequireAuthorization(PortalRoles.Policies.Reviews);

        // P-63: the pack as a PDF for the quality records; the same policy, and the service checks it again.
        endpoints.MapGet("/reviews/{id:int}/pdf", async (int id, HttpContext http, ReviewService reviews, CategoryService categories, BusinessClock clock, IStringLocalizer<SharedResource> L) =>
            await reviews.GetAsync(id, http.RequestAborted) is not { } pack
                ? Results.NotFound()
                : Results.File(ReviewPdf.Render(pack, L, await categories.GetNamesAsync(http.RequestAborted), clock), "application/pdf", $"review-{pack.Kind.ToString().ToLowerInvariant()}-{pack.PeriodStart:yyyy-MM}.pdf"))
            .RequireAuthorization(PortalRoles.Policies.Reviews);
        return endpoints;
    }

    /// <summary>
    /// The pack as rows of section, item and value in the reader's language (issue 20: names, not codes), with the
    /// finding's owner, due date, author and time (ISO 8601 in business time), and the machine's key in the last column.
    /// </summary>
    internal static IEnumerable<string> Lines(ReviewDetail pack, IStringLocalizer<SharedResource> L, TaxonomyNames names, BusinessClock clock)
    {
        var f = pack.Figures;
        // Sections, items and headers are looked up with literal keys, so the resource check sees every one of them.
        string Row(string section, string item, string value, string code, params string[] rest) =>
            Csv.Line([Csv.Text(section), Csv.Text(item), value, .. rest.Concat(Enumerable.Repeat(string.Empty, 4 - rest.Length)), Csv.Text(code)]);
        string Figure(string label, string value, string code) => Row(L["Figures"], label, value, code);

        yield return Csv.Line([.. new string[] { L["Section"], L["Item"], L["Value"], L["Owner"], L["Due"], L["Added by"], L["Added at"] }.Select(Csv.Text), "Code"]);
        yield return Row(L["Period"], pack.Kind == ReviewKind.Annual ? L["Annual review"] : L["Monthly review"],
            pack.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), pack.Kind.ToString());
        yield return Figure(L["Received"], Csv.Number(f.Received), "Received");
        yield return Figure(L["Serious"], Csv.Number(f.Serious), "Serious");
        yield return Figure(L["Acknowledged"], Csv.Number(f.Acknowledged), "Acknowledged");
        yield return Figure(L["Acknowledged within 24 hours"], Csv.Number(f.AcknowledgedWithin24Hours), "AcknowledgedWithin24Hours");
        yield return Figure(L["Acknowledgement breaches"], Csv.Number(f.AcknowledgementBreaches), "AcknowledgementBreaches");
        yield return Figure(L["Median time to acknowledge (hours)"], Csv.Number(f.MedianHoursToAcknowledge), "MedianHoursToAcknowledge");
        yield return Figure(L["Resolved"], Csv.Number(f.Resolved), "Resolved");
        yield return Figure(L["Median time to resolve (days)"], Csv.Number(f.MedianDaysToResolve), "MedianDaysToResolve");
        yield return Figure(L["Closed"], Csv.Number(f.Closed), "Closed");
        yield return Figure(L["Average satisfaction"], Csv.Number(f.AverageSatisfaction), "AverageSatisfaction");
        foreach (var (currency, amount) in f.RefundsByCurrency ?? new Dictionary<string, decimal>())
        {
            yield return Row(L["Refunds"], currency, Csv.Number(amount), currency);
        }

        Func<string, string> enumName = key => L[EnumText.OfName(key)];
        Func<string, string> level = key => string.Format(CultureInfo.CurrentCulture, L["Level {0}"], key);
        foreach (var (section, rows, name) in new[]
                 {
                     ((string)L["Channel"], f.ByChannel, enumName), (L["Category"], f.ByCategory, names.Category), (L["Root cause"], f.RootCauses, names.RootCause),
                     (L["Resolution"], f.ResolutionMix, enumName), (L["Escalation level"], f.EscalationsByLevel, level),
                 })
        {
            foreach (var (key, count) in rows.OrderByDescending(r => r.Value))
            {
                yield return Row(section, name(key), Csv.Number(count), key);
            }
        }

        foreach (var finding in pack.FindingList)
        {
            yield return Row(L["Finding"], finding.Text, Csv.Text(finding.Decision), string.Empty, Csv.Text(finding.Owner),
                finding.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty, Csv.Text(finding.AddedByName), clock.Iso(finding.AddedAt));
        }
    }
}
