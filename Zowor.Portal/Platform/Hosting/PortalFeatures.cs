using Zowor.Portal.Data;
using Zowor.Portal.Features.Admin;
using Zowor.Portal.Features.Audit;
using Zowor.Portal.Features.Capa;
using Zowor.Portal.Features.Categories;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Customers;
using Zowor.Portal.Features.Escalation;
using Zowor.Portal.Features.Evidence;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Features.Mailbox;
using Zowor.Portal.Features.Memos;
using Zowor.Portal.Features.Notifications;
using Zowor.Portal.Features.Privacy;
using Zowor.Portal.Features.Products;
using Zowor.Portal.Features.Replies;
using Zowor.Portal.Features.Retention;
using Zowor.Portal.Features.Reviews;
using Zowor.Portal.Features.Search;
using Zowor.Portal.Features.Settings;
using Zowor.Portal.Features.Training;
using Zowor.Portal.Features.Trends;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Localization;
using Zowor.Portal.Platform.Operations;
using Zowor.Portal.Platform.Storage;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Platform.Hosting;

/// <summary>
/// The composition of the portal: the platform pieces, then the list of features. Each feature registers its own services
/// and recurring jobs in its <c>Add&lt;Feature&gt;()</c> and maps its own endpoints; Program.cs keeps the request pipeline.
/// </summary>
public static class PortalFeatures
{
    /// <summary>
    /// Everything the portal registers. Hosted services start in this order (the database first), and the features'
    /// recurring jobs are scheduled in it (the deadline scan first).
    /// </summary>
    public static WebApplicationBuilder AddPortalFeatures(this WebApplicationBuilder builder)
    {
        // Platform: language, database, keys, proxies, sign-in, live updates, clock and settings, metrics, files.
        builder.AddPortalLocalization();
        builder.AddPortalData();
        builder.AddSharedDataProtection();
        builder.AddTrustedProxies();
        builder.AddPortalIdentity();
        builder.AddRealtime();
        builder.AddSettings();
        builder.AddPortalMetrics();
        builder.AddStorage();

        builder.AddBusinessFeatures();

        // Operations last: the health checks and telemetry see every feature.
        builder.AddPortalHealthChecks();
        builder.AddPortalTelemetry();
        return builder;
    }

    /// <summary>
    /// The business features, each registering itself, in the order their hosted services start and their jobs are
    /// scheduled. The component tests register the same list (Tests/Support/PortalComponentTestBase), so a service a
    /// feature adds reaches them too.
    /// </summary>
    public static WebApplicationBuilder AddBusinessFeatures(this WebApplicationBuilder builder)
    {
        builder.AddAudit();
        builder.AddPrivacy();
        builder.AddNotifications();
        builder.AddComplaints();
        builder.AddEscalation();
        builder.AddRetention();
        builder.AddCategories();
        builder.AddProducts();
        builder.AddAdmin();
        builder.AddSearch();
        builder.AddCustomerMail();
        builder.AddComplaintsMailbox();
        builder.AddReplies();
        builder.AddPublicChannel();
        builder.AddEvidenceFiles();
        builder.AddReviews();
        builder.AddMemos();
        builder.AddTraining();
        builder.AddCapa();
        builder.AddBackgroundJobs();
        // After AddCapa: the trends' CAPA figures are "not connected" only when CAPA registered none.
        builder.AddTrends();
        return builder;
    }

    /// <summary>The endpoints of the features beside the pages: sign-in, the hub, the JSON API, downloads, jobs, health.</summary>
    public static IEndpointRouteBuilder MapPortalFeatures(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAccountEndpoints();
        endpoints.MapRealtime();
        endpoints.MapComplaintApi();
        endpoints.MapEvidenceFiles();
        endpoints.MapTrainingExport();
        endpoints.MapTrendExports();
        endpoints.MapReviewExport();
        endpoints.MapJobDashboard();
        endpoints.MapCultureEndpoint();
        endpoints.MapPrivacyEndpoints();
        endpoints.MapAuditLogExport();
        endpoints.MapPortalHealthChecks();
        // The intake benchmark's floor; maps nothing unless the benchmark's node switches it on (never in Production).
        endpoints.MapBareIntakeForBenchmarks();
        return endpoints;
    }
}
