using Microsoft.AspNetCore.Components.Authorization;
using Zowor.Portal.Features.Identity;
using Zowor.Portal.Features.Memos;

using Zowor.Portal.Features.Trends;

namespace Zowor.Portal.Features.Training;

public static class TrainingServiceCollectionExtensions
{
    /// <summary>Memos (P-81) and training records (P-80); the daily expiry job is registered with the other jobs (AddDeadlineJobs).</summary>
    public static WebApplicationBuilder AddMemosAndTraining(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<MemoService>();
        builder.Services.AddScoped<TrainingService>();
        builder.Services.AddScoped<ComplianceQueries>();
        return builder;
    }

    /// <summary>The team's training compliance as a CSV download, for training managers only.</summary>
    public static IEndpointRouteBuilder MapTrainingExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/training/compliance/csv", async (HttpContext http, TrainingService training) =>
        {
            // The service reads the user from Blazor's authentication state; on a plain request that is the request's user.
            if (http.RequestServices.GetRequiredService<AuthenticationStateProvider>() is IHostEnvironmentAuthenticationStateProvider host)
            {
                host.SetAuthenticationState(Task.FromResult(new AuthenticationState(http.User)));
            }

            var csv = await training.ExportTeamCsvAsync(http.RequestAborted);
            // A byte-order mark, so spreadsheet programs read Cyrillic names as UTF-8.
            return Results.File(Csv.Encoding.GetPreamble().Concat(Csv.Encoding.GetBytes(csv)).ToArray(), Csv.ContentType, "training-compliance.csv");
        }).RequireAuthorization(PortalRoles.Policies.TrainingRecords);
        return endpoints;
    }
}
