namespace Zowor.Portal.Features.Capa;

public static class CapaServiceCollectionExtensions
{
    /// <summary>CAPA tracking (P-62); the hourly scan is registered with the other jobs (AddDeadlineJobs).</summary>
    public static WebApplicationBuilder AddCapa(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CapaService>();
        return builder;
    }
}
