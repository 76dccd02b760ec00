namespace Zowor.Portal.Features.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>GDPR requests (P-91): find a customer, export what the portal holds about them, or erase it.</summary>
    public static WebApplicationBuilder AddPrivacy(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PrivacyService>();
        return builder;
    }
}
