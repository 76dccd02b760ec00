using Zowor.Portal.Domain.Common;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Identity;

namespace Zowor.Portal.Features.Privacy;

public static class PrivacyEndpoints
{
    /// <summary>
    /// The export download of the privacy page: a GET by complaint id, so no e-mail address or phone number travels in a
    /// URL (and into proxy or server logs). The service checks the Privacy policy again and writes the audit entry.
    /// </summary>
    public static IEndpointRouteBuilder MapPrivacyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/privacy/export/{complaintId:guid}", async (Guid complaintId, PrivacyService privacy, CancellationToken cancellationToken) =>
            {
                try
                {
                    var export = await privacy.ExportAsync(complaintId, cancellationToken);
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
            .RequireAuthorization(PortalRoles.Policies.Privacy)
            .AddEndpointFilter(ComplaintApi.UseRequestUser);
        return endpoints;
    }
}
