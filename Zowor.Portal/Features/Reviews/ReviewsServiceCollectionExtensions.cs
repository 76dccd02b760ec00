namespace Zowor.Portal.Features.Reviews;

public static class ReviewsServiceCollectionExtensions
{
    /// <summary>Review packs' notices and PDF, and the effectiveness figures (P-61, P-63). The pack job is registered with the other recurring jobs.</summary>
    public static WebApplicationBuilder AddReviews(this WebApplicationBuilder builder)
    {
        ReviewPdf.UseLicensedFonts();
        builder.Services.AddSingleton<ReviewPackNotices>();
        builder.Services.AddScoped<EffectivenessQueries>();
        builder.Services.AddScoped<EffectivenessService>();
        builder.Services.AddScoped<ReviewDemoData>();
        return builder;
    }
}
