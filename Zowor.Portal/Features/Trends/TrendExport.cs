using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Zowor.Portal.Components.Shared;
using Zowor.Portal.Data;
using Zowor.Portal.Features.Categories;
using Zowor.Portal.Platform.Export;
using Zowor.Portal.Platform.Localization;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Trends;

/// <summary>
/// CSV downloads of the dashboard: the filtered complaints, streamed row by row from the database to the response
/// (never held in memory), and each figure. The complaint export carries no personal data (no names, contacts or free
/// text besides the product), so Quality can share it; the case page has the rest. Authorization is the endpoint's.
/// People read these files in a spreadsheet (issue 20): headers and values are display names in the requester's language
/// (the request's culture), times are ISO 8601 in business time with the offset, and the codes a machine joins on
/// follow in extra columns at the end, under fixed English headers.
/// </summary>
public sealed class TrendExport(
    IDbContextFactory<PortalDbContext> contexts, TrendQueries queries, BusinessClock clock, CategoryService categories, IStringLocalizer<SharedResource> L)
{
    /// <summary>The figures that can be downloaded, by the name in the URL.</summary>
    public static readonly IReadOnlyList<string> Figures = ["summary", "months", "categories", "channels", "products", "root-causes", "escalation", "resolutions", "refunds"];

    private const int FlushEvery = 200;

    public async Task WriteComplaintsAsync(TrendFilter filter, Stream output, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var names = await categories.GetNamesAsync(cancellationToken);
        await using var writer = new StreamWriter(output, Csv.Encoding, bufferSize: 16 * 1024, leaveOpen: true) { NewLine = Csv.NewLine };
        await writer.WriteLineAsync(Csv.Line([
            .. Headers(L["Reference"], L["Received"], L["Channel"], L["Category"], L["Product"], L["Severity"], L["Status"], L["Escalation level"],
                L["Hours to acknowledge"], L["Hours to resolve"], L["Root cause"], L["Resolution"], L["Refund amount"], L["Refund currency"]),
            "ChannelCode", "CategoryCode", "SeverityCode", "StatusCode", "RootCauseCode", "ResolutionCode"]));
        var rows = queries.Received(db, filter)
            .OrderBy(c => c.ReceivedAt)
            .Select(c => new
            {
                c.Reference,
                c.ReceivedAt,
                c.Channel,
                c.CategoryCode,
                c.Product,
                c.Severity,
                c.Status,
                c.EscalationLevel,
                c.AcknowledgementHours,
                c.ResolutionHours,
                RootCause = c.RootCause == null ? (Domain.Complaints.RootCauseCategory?)null : c.RootCause.Category,
                Resolution = c.Resolution == null ? (Domain.Complaints.ResolutionKind?)null : c.Resolution.Kind,
                Minor = c.Resolution == null ? null : c.Resolution.AmountInMinorUnits,
                Currency = c.Resolution == null ? null : c.Resolution.Currency,
            })
            .AsAsyncEnumerable();
        var written = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var rootCause = row.RootCause?.ToString();
            var resolution = row.Resolution?.ToString();
            await writer.WriteLineAsync(Csv.Line(
                Csv.Text(row.Reference),
                clock.Iso(row.ReceivedAt),
                Csv.Text(Name(row.Channel.ToString())),
                Csv.Text(names.Category(row.CategoryCode)),
                Csv.Text(row.Product is null ? null : names.Product(row.Product)),
                Csv.Text(Name(row.Severity.ToString())),
                Csv.Text(Name(row.Status.ToString())),
                ((int)row.EscalationLevel).ToString(CultureInfo.InvariantCulture),
                Csv.Number(row.AcknowledgementHours is { } a ? Math.Round(a, 2) : null),
                Csv.Number(row.ResolutionHours is { } r ? Math.Round(r, 2) : null),
                Csv.Text(rootCause is null ? null : names.RootCause(rootCause)),
                Csv.Text(resolution is null ? null : Name(resolution)),
                Csv.Number(row.Minor is { } m ? m / 100m : null),
                Csv.Text(row.Currency),
                row.Channel.ToString(),
                Csv.Text(row.CategoryCode),
                row.Severity.ToString(),
                row.Status.ToString(),
                rootCause ?? string.Empty,
                resolution ?? string.Empty));
            if (++written % FlushEvery == 0)
            {
                // Hands what is written so far to the client: a large export starts downloading at once.
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>Writes one figure of the report; false when there is no such figure.</summary>
    public async Task<bool> WriteFigureAsync(string figure, TrendFilter filter, Stream output, CancellationToken cancellationToken)
    {
        if (!Figures.Contains(figure))
        {
            return false;
        }

        var report = await queries.GetReportAsync(filter, cancellationToken);
        var names = await categories.GetNamesAsync(cancellationToken);
        await using var writer = new StreamWriter(output, Csv.Encoding, leaveOpen: true) { NewLine = Csv.NewLine };
        foreach (var line in FigureLines(figure, report, names))
        {
            await writer.WriteLineAsync(line);
        }

        await writer.FlushAsync(cancellationToken);
        return true;
    }

    internal IEnumerable<string> FigureLines(string figure, TrendReport report, TaxonomyNames names)
    {
        switch (figure)
        {
            case "months":
                return Rows(L["Month"], report.ByMonth, month => month, withCode: false);
            case "categories":
                return Rows(L["Category"], report.ByCategory, names.Category);
            case "channels":
                return Rows(L["Channel"], report.ByChannel, Name);
            case "products":
                return Rows(L["Product"], report.ByProduct, names.Product);
            case "escalation":
                return Rows(L["Escalation level"], report.ByEscalationLevel, level => string.Format(CultureInfo.CurrentCulture, L["Level {0}"], level));
            case "resolutions":
                return Rows(L["Resolution"], report.ResolutionMix, Name);
            case "root-causes":
                return [Csv.Line([.. Headers(L["Root cause"], L["Complaints"], L["Cumulative share"]), "Code"]),
                    .. report.RootCauses.Select(r => Csv.Line(Csv.Text(names.RootCause(r.Key)), Csv.Number(r.Count), Csv.Number(Math.Round(r.CumulativeShare, 4)), Csv.Text(r.Key)))];
            case "refunds":
                return [Csv.Line(Headers(L["Currency"], L["Amount"], L["Refunds"])),
                    .. report.Refunds.Select(r => Csv.Line(Csv.Text(r.Currency), Csv.Number(r.Amount), Csv.Number(r.Refunds)))];
            default:
                return [Csv.Line("Figure", "Value"),
                    Csv.Line("From", report.Filter.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    Csv.Line("To", report.Filter.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    Csv.Line("Received", Csv.Number(report.Received)),
                    Csv.Line("AcknowledgedWithin24HoursRate", Csv.Number(report.AcknowledgedWithin24HoursRate)),
                    Csv.Line("MedianHoursToAcknowledge", Csv.Number(report.HoursToAcknowledge.Median)),
                    Csv.Line("P90HoursToAcknowledge", Csv.Number(report.HoursToAcknowledge.Percentile90)),
                    Csv.Line("MedianHoursToResolve", Csv.Number(report.HoursToResolve.Median)),
                    Csv.Line("P90HoursToResolve", Csv.Number(report.HoursToResolve.Percentile90)),
                    Csv.Line("EscalatedToLevel2Rate", Csv.Number(report.EscalatedToLevel2Rate)),
                    Csv.Line("EscalatedToLevel3Rate", Csv.Number(report.EscalatedToLevel3Rate)),
                    Csv.Line("RepeatCustomerRate", Csv.Number(report.Repeat.Rate)),
                    Csv.Line("SurveyResponseRate", Csv.Number(report.Satisfaction.ResponseRate)),
                    Csv.Line("AverageOutcomeScore", Csv.Number(report.Satisfaction.AverageOutcome)),
                    Csv.Line("AverageHandlingScore", Csv.Number(report.Satisfaction.AverageHandling)),
                    Csv.Line("MemoAcknowledgementRate", Csv.Number(report.Memos.Rate)),
                    Csv.Line("TrainingComplianceRate", Csv.Number(report.Training.Rate))];
        }
    }

    /// <summary>A count per key: the key's display name, the count, and the key itself for machines unless it is its own name.</summary>
    private IEnumerable<string> Rows(string keyHeader, IReadOnlyList<CountRow> rows, Func<string, string> name, bool withCode = true) =>
        [Csv.Line([.. Headers(keyHeader, L["Complaints"]), .. (withCode ? ["Code"] : Array.Empty<string>())]),
            .. rows.Select(r => Csv.Line([Csv.Text(name(r.Key)), Csv.Number(r.Count), .. (withCode ? [Csv.Text(r.Key)] : Array.Empty<string>())]))];

    /// <summary>Column headers, already in the requester's language (literal keys, so the resource check sees them).</summary>
    private static string[] Headers(params string[] localized) => [.. localized.Select(Csv.Text)];

    /// <summary>An enum member's display name in the requester's language ("PartialRefund" → "Partial refund").</summary>
    private string Name(string member) => L[EnumText.OfName(member)];
}
