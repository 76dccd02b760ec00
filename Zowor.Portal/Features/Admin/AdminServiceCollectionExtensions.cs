namespace Zowor.Portal.Features.Admin;

public static class AdminServiceCollectionExtensions
{
    /// <summary>The Admin's user management.</summary>
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<UserAdminService>();
        return builder;
    }
}
