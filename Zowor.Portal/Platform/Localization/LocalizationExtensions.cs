using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Platform.Localization;

public static class LocalizationExtensions
{
    public static readonly string[] Cultures = ["en", "ru"];

    public static WebApplicationBuilder AddPortalLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(Cultures[0]).AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
            // The cookie set by the culture switch wins over the browser's Accept-Language.
            o.RequestCultureProviders.Remove(o.RequestCultureProviders.OfType<QueryStringRequestCultureProvider>().First());
        });
        return builder;
    }

    /// <summary>
    /// The culture switch: stores the choice in a cookie and goes back to the page (local URLs only). A signed-in staff
    /// member's choice is also kept on their account, so that the e-mails the portal sends them are in their language.
    /// </summary>
    public static IEndpointRouteBuilder MapCultureEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture/set", async (string culture, string? redirectUri, HttpContext context, UserManager<PortalUser> users) =>
        {
            if (Cultures.Contains(culture))
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
                if (context.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(context.User) is { } user && user.Language != culture)
                {
                    user.Language = culture;
                    await users.UpdateAsync(user);
                }
            }

            // Only a path of this site: "//host", "/\host" and absolute URLs would send the user elsewhere (an open redirect).
            if (string.IsNullOrEmpty(redirectUri))
            {
                return Results.LocalRedirect("~/");
            }

            return IsLocalPath(redirectUri)
                ? Results.LocalRedirect(redirectUri)
                : Results.Problem("redirectUri must be a path of this site.", statusCode: StatusCodes.Status400BadRequest);
        }).AllowAnonymous();
        return endpoints;
    }

    /// <summary>A path on this site ("/queue?x=1"), as <c>Url.IsLocalUrl</c> judges it, without control characters.</summary>
    public static bool IsLocalPath(string url) =>
        url.Length > 0 && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
