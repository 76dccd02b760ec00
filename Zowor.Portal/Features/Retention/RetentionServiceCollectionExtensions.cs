using Zowor.Portal.Platform.Hosting;

namespace Zowor.Portal.Features.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>The eraser of personal data (also used by the privacy page) and the daily retention job.</summary>
    public static WebApplicationBuilder AddRetention(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PersonalDataEraser>();
        builder.Services.AddScoped<RetentionJob>();
        builder.Services.AddRecurringJobs<RetentionJobs>();
        return builder;
    }
}
