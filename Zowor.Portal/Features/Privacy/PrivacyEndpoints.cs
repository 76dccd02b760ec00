using Zowor.Portal.Domain.Common;
using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Features.Privacy;

public static class PrivacyEndpoints
{
    /// <summary>
    /// The export download of the privacy page: a GET by complaint id, so no e-mail address or phone number travels in a
    /// URL (and into proxy or server logs). The service checks the Privacy policy again and writes the audit entry.
    /// </summary>
    public static IEndpointRouteBuilder MapPrivacyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The listed complaints' ids, comma-separated: ids only, so no e-mail or phone ends up in a URL or a log.
        endpoints.MapGet("/api/privacy/export", async (string? ids, PrivacyService privacy, CancellationToken cancellationToken) =>
            {
                try
                {
                    var parsed = (ids ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(text => Guid.TryParse(text, out var id) ? id : Guid.Empty).ToList();
                    if (parsed.Contains(Guid.Empty))
                    {
                        return Results.Problem("The list of complaints is not valid.", statusCode: StatusCodes.Status400BadRequest);
                    }

                    var export = await privacy.ExportAsync(parsed, cancellationToken);
                    return Results.File(export.Content, "application/json", export.FileName);
                }
                catch (DomainException ex)
                {
                    return Results.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound);
                }
                catch (PortalAccessDeniedException)
                {
                    return Results.Forbid();
                }
            })
            .RequireAuthorization(PortalRoles.Policies.Privacy);
        return endpoints;
    }
}
