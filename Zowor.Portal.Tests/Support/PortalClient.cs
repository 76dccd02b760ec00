using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Zowor.Portal.Data;

namespace Zowor.Portal.Tests.Support;

/// <summary>
/// An HTTP client for the portal with its own cookie jar and no automatic redirects, so tests see every 302.
/// Works against <see cref="Microsoft.AspNetCore.TestHost.TestServer"/> or, after
/// <see cref="PortalAppFactory.StartKestrelAsync"/>, the real loopback server.
/// </summary>
public sealed class PortalClient : IDisposable
{
    /// <summary>The sign-in cookie's name (IdentityServiceCollectionExtensions).</summary>
    public const string AuthCookie = "zowor.auth";

    private static readonly HtmlParser Parser = new();

    private PortalClient(HttpClient http, CookieContainer cookies)
    {
        Http = http;
        Cookies = cookies;
    }

    public HttpClient Http { get; }

    public CookieContainer Cookies { get; }

    /// <summary>Whether the jar holds the sign-in cookie.</summary>
    public bool HasAuthCookie => Cookies.GetCookies(Http.BaseAddress!).Any(c => c.Name == AuthCookie && !c.Expired);

    public static PortalClient Create(PortalAppFactory factory)
    {
        var cookies = new CookieContainer();
        if (factory.ServerAddress is { } address)
        {
            var handler = new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false };
            return new PortalClient(new HttpClient(handler) { BaseAddress = address }, cookies);
        }

        return new PortalClient(factory.CreateDefaultClient(new Uri("http://localhost/"), new CookieContainerHandler(cookies)), cookies);
    }

    /// <summary>
    /// Creates a client and signs in; fails the test unless the portal sets the sign-in cookie. Accounts with two-factor
    /// sign-in (the demo Admin and CEO) answer the code step with a code of <paramref name="authenticatorKey"/>.
    /// </summary>
    public static async Task<PortalClient> SignedInAsync(PortalAppFactory factory, string email, string password = DbSeeder.DemoPassword,
        string authenticatorKey = DbSeeder.DemoAuthenticatorKey, CancellationToken cancellationToken = default)
    {
        var client = Create(factory);
        try
        {
            var response = await client.PostLoginAsync(email, password, cancellationToken: cancellationToken);
            if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("account/login-2fa", StringComparison.Ordinal) == true)
            {
                var location = response.Headers.Location.OriginalString;
                response.Dispose();
                var code = await Totp.NextCodeAsync(authenticatorKey, factory.Database.FilePath + "|" + email, cancellationToken);
                response = await client.PostTwoFactorCodeAsync(location, code, cancellationToken);
            }

            using var last = response;
            if (response.StatusCode != HttpStatusCode.Redirect || !client.HasAuthCookie)
            {
                var error = ParseHtml(await response.Content.ReadAsStringAsync(cancellationToken)).QuerySelector("[data-testid=login-error]")?.TextContent.Trim();
                throw new InvalidOperationException($"Sign-in as {email} failed: HTTP {(int)response.StatusCode}, auth cookie {(client.HasAuthCookie ? "set" : "missing")}, message '{error}'.");
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Posts the login form the way a browser does: GET the page (antiforgery cookie and token), then POST the form's own
    /// hidden fields (<c>_handler=login</c>, <c>__RequestVerificationToken</c>) with <c>Input.Email</c> and <c>Input.Password</c>.
    /// Returns the POST's response: 302 on success, 200 with <c>data-testid="login-error"</c> otherwise.
    /// </summary>
    public async Task<HttpResponseMessage> PostLoginAsync(string email, string password, string? returnUrl = null, CancellationToken cancellationToken = default)
    {
        var loginPath = returnUrl is null ? "account/login" : $"account/login?returnUrl={Uri.EscapeDataString(returnUrl)}";
        var (action, fields) = await GetFormAsync(loginPath, "login", cancellationToken);
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        return await Http.PostAsync(action, new FormUrlEncodedContent(fields), cancellationToken);
    }

    /// <summary>Posts the second sign-in step (<c>/account/login-2fa</c>, the address the password step redirected to) with <paramref name="code"/>.</summary>
    public async Task<HttpResponseMessage> PostTwoFactorCodeAsync(string twoFactorPath, string code, CancellationToken cancellationToken = default)
    {
        var (action, fields) = await GetFormAsync(twoFactorPath.TrimStart('/'), "login-2fa", cancellationToken);
        fields["Input.Code"] = code;
        return await Http.PostAsync(action, new FormUrlEncodedContent(fields), cancellationToken);
    }

    /// <summary>GETs a page and returns the target and hidden fields of the Blazor SSR form named <paramref name="formName"/>.</summary>
    public Task<(Uri Action, Dictionary<string, string> Fields)> GetFormAsync(string path, string formName, CancellationToken cancellationToken = default) =>
        GetFormAsync(path, f => f.QuerySelector($"input[type=hidden][name=_handler][value='{formName}']") is not null, $"_handler={formName}", cancellationToken);

    /// <summary>
    /// GETs a page and returns the target and hidden fields (antiforgery token included) of the one form that
    /// <paramref name="match"/> accepts; fails when there is no such form or it carries no antiforgery token.
    /// </summary>
    public async Task<(Uri Action, Dictionary<string, string> Fields)> GetFormAsync(
        string path, Func<IHtmlFormElement, bool> match, string description, CancellationToken cancellationToken = default)
    {
        using var page = await Http.GetAsync(path, cancellationToken);
        page.EnsureSuccessStatusCode();
        var document = ParseHtml(await page.Content.ReadAsStringAsync(cancellationToken));
        var form = document.QuerySelectorAll<IHtmlFormElement>("form").SingleOrDefault(match)
            ?? throw new InvalidOperationException($"No form with {description} on {path}.");
        var fields = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]")
            .Where(i => !string.IsNullOrEmpty(i.Name))
            .ToDictionary(i => i.Name!, i => i.Value);
        if (!fields.ContainsKey("__RequestVerificationToken"))
        {
            throw new InvalidOperationException($"The form with {description} on {path} carries no antiforgery token.");
        }

        // Relative actions resolve against <base href="/"> as in a browser; Blazor SSR forms without one post back to the page.
        var pageUri = page.RequestMessage!.RequestUri!;
        var baseUri = document.QuerySelector("base")?.GetAttribute("href") is { Length: > 0 } baseHref ? new Uri(pageUri, baseHref) : pageUri;
        var action = form.GetAttribute("action") is { Length: > 0 } target ? new Uri(baseUri, target) : pageUri;
        return (action, fields);
    }

    /// <summary>GETs a page and parses it.</summary>
    public async Task<(HttpResponseMessage Response, IDocument Document)> GetPageAsync(string path, CancellationToken cancellationToken = default)
    {
        var response = await Http.GetAsync(path, cancellationToken);
        return (response, ParseHtml(await response.Content.ReadAsStringAsync(cancellationToken)));
    }

    public static IDocument ParseHtml(string html) => Parser.ParseDocument(html);

    public void Dispose() => Http.Dispose();
}
