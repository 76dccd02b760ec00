using System.Net;
using System.Text.RegularExpressions;
using Zowor.Portal.Data;

namespace Zowor.Portal.Harness;

/// <summary>
/// A signed-in HTTP client of one portal on a real port (a <see cref="PortalNode"/> or a Kestrel host): signs in through
/// the real login form (its antiforgery token included) as a staff account with one factor. Hand <see cref="Cookies"/>
/// to a SignalR client or copy them into a browser context.
/// </summary>
public sealed partial class StaffSession : IDisposable
{
    /// <summary>The sign-in cookie's name (IdentityServiceCollectionExtensions).</summary>
    public const string AuthCookie = "zowor.auth";

    private StaffSession(HttpClient http, CookieContainer cookies)
    {
        Http = http;
        Cookies = cookies;
    }

    public HttpClient Http { get; }

    public CookieContainer Cookies { get; }

    /// <summary>Signs in with the demo password.</summary>
    public static Task<StaffSession> SignInAsync(Uri baseAddress, string email, CancellationToken cancellationToken = default) =>
        SignInAsync(baseAddress, email, DbSeeder.DemoPassword, TimeSpan.FromSeconds(60), cancellationToken);

    /// <summary>Signs in with <paramref name="password"/>; each request of the client may take <paramref name="timeout"/>.</summary>
    public static async Task<StaffSession> SignInAsync(Uri baseAddress, string email, string password, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var cookies = new CookieContainer();
        var handler = new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false };
        var session = new StaffSession(new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout }, cookies);
        try
        {
            var fields = await session.GetFormFieldsAsync("account/login", "login", cancellationToken);
            fields["Input.Email"] = email;
            fields["Input.Password"] = password;
            using var response = await session.Http.PostAsync("account/login", new FormUrlEncodedContent(fields), cancellationToken);
            var signedIn = cookies.GetCookies(baseAddress).Any(c => c.Name == AuthCookie && !c.Expired);
            if (response.StatusCode != HttpStatusCode.Redirect || !signedIn)
            {
                throw new InvalidOperationException($"Sign-in as {email} on {baseAddress} failed: HTTP {(int)response.StatusCode}, auth cookie {(signedIn ? "set" : "missing")}.");
            }

            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The hidden fields (antiforgery token, handler name) of the form named <paramref name="formName"/> on a page.</summary>
    public async Task<Dictionary<string, string>> GetFormFieldsAsync(string path, string formName, CancellationToken cancellationToken = default)
    {
        using var page = await Http.GetAsync(path, cancellationToken);
        page.EnsureSuccessStatusCode();
        return HiddenFields(await page.Content.ReadAsStringAsync(cancellationToken), formName);
    }

    /// <summary>The hidden inputs of the <c>&lt;form&gt;</c> whose <c>_handler</c> is <paramref name="formName"/>.</summary>
    public static Dictionary<string, string> HiddenFields(string html, string formName)
    {
        foreach (Match form in FormPattern().Matches(html))
        {
            var fields = HiddenInputPattern().Matches(form.Value)
                .Select(m => (Name: Attribute(m.Value, "name"), Value: Attribute(m.Value, "value")))
                .Where(f => f.Name is { Length: > 0 })
                .ToDictionary(f => f.Name!, f => WebUtility.HtmlDecode(f.Value ?? string.Empty));
            if (fields.GetValueOrDefault("_handler") == formName)
            {
                return fields;
            }
        }

        throw new InvalidOperationException($"No form '{formName}' on the page.");
    }

    public void Dispose() => Http.Dispose();

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"""\s{name}="([^"]*)" """.TrimEnd(), RegexOptions.CultureInvariant);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FormPattern();

    [GeneratedRegex("""<input[^>]*type="hidden"[^>]*>""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HiddenInputPattern();
}
