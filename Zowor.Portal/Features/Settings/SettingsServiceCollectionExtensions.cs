using Zowor.Portal.Platform.Time;
namespace Zowor.Portal.Features.Settings;

public static class SettingsServiceCollectionExtensions
{
    /// <summary>The clock (system time, read in the business time zone) and the Admin's settings, reloaded when another node changes them.</summary>
    public static WebApplicationBuilder AddSettings(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SettingsProvider>();
        builder.Services.AddSingleton<BusinessClock>();
        builder.Services.AddScoped<SettingsService>();
        builder.Services.AddHostedService<SettingsReloader>();
        return builder;
    }
}
