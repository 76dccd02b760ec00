using Zowor.Portal.Features.Settings;

namespace Zowor.Portal.Features.Complaints;

public static class ComplaintServiceCollectionExtensions
{
    public static WebApplicationBuilder AddComplaints(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<BusinessClock>();
        builder.Services.AddSingleton<ComplaintEventPublisher>();
        builder.Services.AddScoped<Notifications.NotificationService>();
        builder.Services.AddSingleton(builder.Configuration.GetSection(DeadlineOptions.Section).Get<DeadlineOptions>() ?? new DeadlineOptions());
        builder.Services.AddScoped<ComplaintService>();
        builder.Services.AddScoped<Categories.CategoryService>();
        builder.Services.AddScoped<Admin.UserAdminService>();
        return builder;
    }
}
