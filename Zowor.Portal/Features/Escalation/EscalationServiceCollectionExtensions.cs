using Zowor.Portal.Platform.Hosting;

namespace Zowor.Portal.Features.Escalation;

public static class EscalationServiceCollectionExtensions
{
    /// <summary>The CEO's review (level 3) and the minutely deadline scan that escalates overdue complaints.</summary>
    public static WebApplicationBuilder AddEscalation(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CeoReviewService>();
        builder.Services.AddScoped<DeadlineScanJob>();
        builder.Services.AddRecurringJobs<EscalationJobs>();
        return builder;
    }
}
