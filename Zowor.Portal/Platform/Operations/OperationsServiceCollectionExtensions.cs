namespace Zowor.Portal.Platform.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>The portal's meter (<see cref="PortalMetrics"/>); health checks and telemetry are added by their own methods.</summary>
    public static WebApplicationBuilder AddPortalMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<PortalMetrics>();
        return builder;
    }
}
