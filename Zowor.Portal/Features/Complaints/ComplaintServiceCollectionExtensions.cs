namespace Zowor.Portal.Features.Complaints;

public static class ComplaintServiceCollectionExtensions
{
    /// <summary>
    /// The complaint itself: the service and its one unit of work (<see cref="ComplaintUpdater"/>), the events it publishes
    /// after each commit, bulk actions, saved views, duplicates and the live counts. The features it uses (settings,
    /// audit, notifications, categories...) register themselves (Program.cs).
    /// </summary>
    public static WebApplicationBuilder AddComplaints(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ComplaintEventPublisher>();
        builder.Services.AddSingleton<ComplaintUpdater>();
        builder.Services.AddScoped<ComplaintService>();
        builder.Services.AddScoped<BulkActionService>();
        builder.Services.AddScoped<SavedViewService>();
        builder.Services.AddScoped<DuplicateService>();
        builder.Services.AddScoped<LiveComplaintSummary>();
        return builder;
    }
}
