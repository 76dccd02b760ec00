using System.Globalization;
using Zowor.Portal.Platform.Export;
using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Features.Audit;

/// <summary>The audit log as CSV (<c>/admin/audit/csv</c>, Admin), with the page's filter in the query string.</summary>
public static class AuditLogExport
{
    public static IEndpointRouteBuilder MapAuditLogExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/audit/csv", async (HttpContext http, AuditLogQueries audit, string? user, string? reference, string? action, string? from, string? to) =>
            {
                if (!TryDate(from, out var fromDate) || !TryDate(to, out var toDate))
                {
                    return Results.Problem("Dates are written yyyy-MM-dd.", statusCode: StatusCodes.Status400BadRequest);
                }

                var filter = new AuditFilter(user, reference, action, fromDate, toDate);
                return Results.Stream(async output =>
                {
                    await using var writer = new StreamWriter(output, Csv.Encoding, bufferSize: 16 * 1024, leaveOpen: true) { NewLine = Csv.NewLine };
                    await writer.WriteLineAsync(Csv.Line("At", "User", "UserId", "Action", "Reference", "ComplaintId", "Detail"));
                    await foreach (var line in audit.StreamAsync(filter, http.RequestAborted))
                    {
                        await writer.WriteLineAsync(Csv.Line(
                            line.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                            Csv.Text(line.UserName),
                            Csv.Text(line.UserId),
                            Csv.Text(line.Action),
                            Csv.Text(line.Reference),
                            line.ComplaintId?.ToString() ?? string.Empty,
                            Csv.Text(line.Detail)));
                    }
                }, Csv.ContentType, "audit-log.csv");
            })
            .RequireAuthorization(PortalRoles.Policies.Admin);
        return endpoints;
    }

    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        return false;
    }
}
