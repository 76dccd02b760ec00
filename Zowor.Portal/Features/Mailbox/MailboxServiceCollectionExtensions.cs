using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Zowor.Portal.Features.Mailbox;

/// <summary>Composition of the complaints mailbox (inbound e-mail).</summary>
public static class MailboxServiceCollectionExtensions
{
    /// <summary>The processor and the quarantine always (an Admin may release old quarantined mail); the reader only when <c>Mail:Inbound:Host</c> is set.</summary>
    public static WebApplicationBuilder AddComplaintsMailbox(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<InboundMailOptions>(builder.Configuration.GetSection(InboundMailOptions.Section));
        builder.Services.AddSingleton<InboundMailProcessor>();
        builder.Services.AddSingleton<MailboxStatus>();
        builder.Services.AddScoped<MailQuarantineService>();
        var inbound = builder.Configuration.GetSection(InboundMailOptions.Section).Get<InboundMailOptions>() ?? new InboundMailOptions();
        if (inbound.Enabled)
        {
            builder.Services.AddSingleton<MailboxReader>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<MailboxReader>());
            builder.Services.AddHealthChecks().AddCheck<MailboxHealthCheck>("mailbox", tags: [Platform.Operations.HealthEndpoints.ReadyTag]);
        }

        return builder;
    }

    private sealed class MailboxHealthCheck(MailboxStatus status) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            // Pages and actions work without the mailbox; mail waits there until the reader is back.
            Task.FromResult(status.Error is null ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded(status.Error));
    }
}
