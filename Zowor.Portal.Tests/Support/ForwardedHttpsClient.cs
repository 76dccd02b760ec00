using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Zowor.Portal.Tests.Support;

/// <summary>
/// A browser behind a TLS-terminating proxy, as a portal node sees it: plain HTTP on loopback with
/// <c>X-Forwarded-Proto: https</c> (the node must trust 127.0.0.1 as its proxy). It keeps the portal's cookies itself,
/// Secure ones included, for every node alike: a cookie jar would not send a Secure cookie over http://, but the
/// browser's own connection is HTTPS, and one browser behind the proxy talks to whichever node the proxy picks.
/// </summary>
public sealed class ForwardedHttpsClient : IDisposable
{
    private readonly Dictionary<string, string> _cookies = [];

    public ForwardedHttpsClient(Uri baseAddress)
    {
        Http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
    }

    public HttpClient Http { get; }

    /// <summary>The cookies the portal has set so far, by name.</summary>
    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    public Task<HttpResponseMessage> GetAsync(Uri address, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, address), cancellationToken);

    /// <summary>GETs <paramref name="page"/> and returns the hidden fields (antiforgery token included) of the form with <c>_handler=<paramref name="handler"/></c>.</summary>
    public async Task<Dictionary<string, string>> GetFormAsync(Uri page, string handler, CancellationToken cancellationToken)
    {
        using var response = await GetAsync(page, cancellationToken);
        response.EnsureSuccessStatusCode();
        var document = PortalClient.ParseHtml(await response.Content.ReadAsStringAsync(cancellationToken));
        var form = document.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.QuerySelector($"input[name=_handler][value='{handler}']") is not null);
        return form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").Where(i => !string.IsNullOrEmpty(i.Name)).ToDictionary(i => i.Name!, i => i.Value);
    }

    public Task<HttpResponseMessage> PostAsync(Uri address, HttpContent content, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, address) { Content = content }, cancellationToken);

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await Http.SendAsync(request, cancellationToken);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = header.Split(';')[0];
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            _cookies[pair[..equals]] = pair[(equals + 1)..];
        }

        return response;
    }

    public void Dispose() => Http.Dispose();
}
