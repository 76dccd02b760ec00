using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Features.Evidence;

/// <summary>The evidence download endpoint.</summary>
public static class EvidenceFileEndpoints
{
    public static WebApplicationBuilder AddEvidenceFiles(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<EvidenceFileOptions>(builder.Configuration.GetSection(Platform.Storage.StorageOptions.Section));
        builder.Services.AddSingleton<EvidenceStore>();
        builder.Services.AddScoped<EvidenceFileService>();
        return builder;
    }

    /// <summary>
    /// <c>GET /complaints/{id}/evidence/{evidenceId}/file</c>: the file as an attachment, to the evidence readers only
    /// (the service checks the policy again).
    /// </summary>
    public static IEndpointRouteBuilder MapEvidenceFiles(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/complaints/{id:guid}/evidence/{evidenceId:int}/file", async (Guid id, int evidenceId, EvidenceFileService files, HttpContext context, CancellationToken cancellationToken) =>
        {
            var download = await files.OpenAsync(id, evidenceId, cancellationToken);
            if (download is null)
            {
                return Results.NotFound();
            }

            context.Response.Headers.XContentTypeOptions = "nosniff";
            Platform.Security.SecurityHeaders.UseOwnPolicy(context, "default-src 'none'; sandbox");
            return Results.File(download.Path, download.ContentType, download.FileName, enableRangeProcessing: false);
        }).RequireAuthorization(PortalRoles.Policies.EvidenceFiles);
        return endpoints;
    }
}
