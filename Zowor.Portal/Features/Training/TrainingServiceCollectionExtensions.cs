using Microsoft.AspNetCore.Components.Authorization;
using Zowor.Portal.Platform.Export;
using Zowor.Portal.Platform.Hosting;
using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Features.Training;

public static class TrainingServiceCollectionExtensions
{
    /// <summary>Training records (P-80), the team's compliance and the daily expiry job; memos register themselves (AddMemos).</summary>
    public static WebApplicationBuilder AddTraining(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<TrainingService>();
        builder.Services.AddScoped<ComplianceQueries>();
        builder.Services.AddScoped<TrainingExpiryJob>();
        builder.Services.AddRecurringJobs<TrainingJobs>();
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
