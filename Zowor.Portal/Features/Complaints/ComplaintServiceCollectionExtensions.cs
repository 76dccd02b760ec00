using Zowor.Portal.Features.Settings;

namespace Zowor.Portal.Features.Complaints;

public static class ComplaintServiceCollectionExtensions
{
    public static WebApplicationBuilder AddComplaints(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SettingsProvider>();
        builder.Services.AddSingleton<BusinessClock>();
        builder.Services.AddScoped<SettingsService>();
        builder.Services.AddHostedService<SettingsReloader>();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<Operations.PortalMetrics>();
        builder.Services.AddSingleton<Audit.AuditTrail>();
        builder.Services.AddScoped<Audit.AuditLogQueries>();
        builder.Services.AddScoped<Privacy.PrivacyService>();
        builder.Services.AddSingleton<Retention.PersonalDataEraser>();
        builder.Services.AddSingleton<ComplaintEventPublisher>();
        builder.Services.AddSingleton<ComplaintUpdater>();
        builder.Services.AddScoped<Notifications.NotificationService>();
        builder.Services.AddScoped<ComplaintService>();
        builder.Services.AddScoped<BulkActionService>();
        builder.Services.AddScoped<SavedViewService>();
        builder.Services.AddScoped<DuplicateService>();
        builder.Services.AddScoped<LiveComplaintSummary>();
        builder.Services.AddScoped<Categories.CategoryService>();
        builder.Services.AddScoped<Categories.TaxonomyService>();
        builder.Services.AddScoped<Products.ProductService>();
        builder.Services.AddScoped<Admin.UserAdminService>();
        builder.Services.AddScoped<Reviews.ReviewService>();
        builder.Services.AddScoped<Escalation.CeoReviewService>();
        return builder;
    }
}
