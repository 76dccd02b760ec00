using Microsoft.Extensions.Options;

namespace Zowor.Portal.Features.Mail;

/// <summary>Composition of customer e-mail.</summary>
public static class MailServiceCollectionExtensions
{
    /// <summary>Adds the outbox, the templates and the transport chosen by configuration (SMTP or .eml files in the data folder, AddStorage).</summary>
    public static WebApplicationBuilder AddCustomerMail(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<MailOptions>(builder.Configuration.GetSection(MailOptions.Section));
        builder.Services.AddSingleton<CustomerMailTemplates>();
        builder.Services.AddSingleton<CustomerMessagePlanner>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<SmtpMailTransport>();
        builder.Services.AddSingleton<PickupDirectoryMailTransport>();
        builder.Services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<IOptions<MailOptions>>().Value.UsesSmtp
            ? sp.GetRequiredService<SmtpMailTransport>()
            : sp.GetRequiredService<PickupDirectoryMailTransport>());
        builder.Services.AddSingleton<OutboxDispatcher>();
        if (builder.Configuration.GetValue(MailOptions.Section + ":" + nameof(MailOptions.Dispatch), true))
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        }

        return builder;
    }
}
