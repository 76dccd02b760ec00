using Zowor.Portal.Platform.Hosting;

namespace Zowor.Portal.Features.Capa;

public static class CapaServiceCollectionExtensions
{
    /// <summary>CAPA tracking (P-62) and its hourly scan (P-60).</summary>
    public static WebApplicationBuilder AddCapa(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CapaService>();
        // Memo acknowledgements and training completions finish the CAPA actions that wait on them in their own commit.
        builder.Services.AddScoped<Training.ITeachingEvidenceListener, CapaTeachingListener>();
        // The dashboard's and CEO page's CAPA figures (replaces the trends feature's "not connected" default).
        builder.Services.AddSingleton<Trends.ITrendsCapaSource, CapaTrendsSource>();
        builder.Services.AddScoped<CapaScanJob>();
        builder.Services.AddRecurringJobs<CapaJobs>();
        return builder;
    }
}
