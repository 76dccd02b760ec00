namespace Zowor.Portal.Features.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The audit trail every feature writes to, and the queries of the audit log page and its export.</summary>
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddScoped<AuditLogQueries>();
        return builder;
    }
}
