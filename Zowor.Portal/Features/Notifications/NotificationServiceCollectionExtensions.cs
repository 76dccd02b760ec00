namespace Zowor.Portal.Features.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>The staff's notifications (the bell); they are planned in the complaint's own commit (NotificationPlanner).</summary>
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<NotificationService>();
        return builder;
    }
}
