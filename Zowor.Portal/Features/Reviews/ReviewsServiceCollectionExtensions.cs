using Zowor.Portal.Platform.Hosting;

namespace Zowor.Portal.Features.Reviews;

public static class ReviewsServiceCollectionExtensions
{
    /// <summary>Review packs (their service, notices, PDF and daily job) and the effectiveness figures (P-61, P-63).</summary>
    public static WebApplicationBuilder AddReviews(this WebApplicationBuilder builder)
    {
        ReviewPdf.UseLicensedFonts();
        builder.Services.AddScoped<ReviewService>();
        builder.Services.AddSingleton<ReviewPackNotices>();
        builder.Services.AddScoped<EffectivenessQueries>();
        builder.Services.AddScoped<EffectivenessService>();
        builder.Services.AddScoped<ReviewDemoData>();
        builder.Services.AddScoped<ReviewPackJob>();
        builder.Services.AddRecurringJobs<ReviewJobs>();
        return builder;
    }
}
