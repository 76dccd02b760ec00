using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Features.Mail;

namespace Zowor.Portal.Tests.Support;

/// <summary>Drives the public pages over HTTP as a customer's browser would (static forms with antiforgery).</summary>
public sealed class PublicSite(PortalAppFactory app) : IDisposable
{
    private readonly PortalClient _client = PortalClient.Create(app);

    /// <summary>A valid web-form complaint.</summary>
    public static Dictionary<string, string> ValidComplaint(string email = "aigerim@example.com") => new()
    {
        ["Form.Name"] = "Aigerim Bekova",
        ["Form.Email"] = email,
        ["Form.Phone"] = "+7 701 555 12 34",
        ["Form.OrderNumber"] = "ZW-100234",
        ["Form.Product"] = "Zowor Blender 600",
        ["Form.CategoryCode"] = "product-defect",
        ["Form.Description"] = "The blender's jug cracked the first time I used it.\nIt was on the lowest speed.",
        ["Form.PreferredResolution"] = "Replacement",
        ["Form.Consent"] = "true",
    };

    /// <summary>The client, for requests the helpers do not cover.</summary>
    public PortalClient Client => _client;

    /// <summary>Posts the complaint form with the given fields (and a fresh antiforgery token).</summary>
    public async Task<HttpResponseMessage> SubmitComplaintAsync(IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken = default)
    {
        var (action, fields) = await _client.GetFormAsync("complain", "public-complaint", cancellationToken);
        foreach (var (key, value) in values)
        {
            fields[key] = value;
        }

        return await _client.Http.PostAsync(action, new FormUrlEncodedContent(fields), cancellationToken);
    }

    /// <summary>Posts the complaint form as a browser does with files chosen (multipart/form-data).</summary>
    public async Task<HttpResponseMessage> SubmitComplaintWithFilesAsync(IReadOnlyDictionary<string, string> values, IEnumerable<(string Name, byte[] Content)> files, CancellationToken cancellationToken = default)
    {
        var (action, fields) = await _client.GetFormAsync("complain", "public-complaint", cancellationToken);
        foreach (var (key, value) in values)
        {
            fields[key] = value;
        }

        return await _client.Http.PostAsync(action, Multipart(fields, files), cancellationToken);
    }

    /// <summary>Uses the public pages in a language (the culture switch's cookie), e.g. <c>ru</c>.</summary>
    public async Task UseCultureAsync(string culture, CancellationToken cancellationToken = default)
    {
        using var response = await _client.Http.GetAsync($"culture/set?culture={culture}&redirectUri=/complain", cancellationToken);
    }

    /// <summary>The form fields and files as one multipart body; files go as the pages' <c>attachments</c> field.</summary>
    public static MultipartFormDataContent Multipart(IReadOnlyDictionary<string, string> fields, IEnumerable<(string Name, byte[] Content)> files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }

        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "attachments", name);
        }

        return content;
    }

    /// <summary>Submits a valid complaint and returns its reference from the confirmation redirect.</summary>
    public async Task<string> SubmitValidComplaintAsync(string email = "aigerim@example.com", CancellationToken cancellationToken = default)
    {
        using var response = await SubmitComplaintAsync(ValidComplaint(email), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Submission failed: HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return Uri.UnescapeDataString(response.Headers.Location!.OriginalString.Split('/').Last());
    }

    /// <summary>Posts the status lookup and returns the page.</summary>
    public async Task<(HttpResponseMessage Response, IDocument Page)> LookUpAsync(string reference, string contact, CancellationToken cancellationToken = default)
    {
        var (action, fields) = await _client.GetFormAsync("track", "status-lookup", cancellationToken);
        fields["Lookup.Reference"] = reference;
        fields["Lookup.Contact"] = contact;
        var response = await _client.Http.PostAsync(action, new FormUrlEncodedContent(fields), cancellationToken);
        return (response, PortalClient.ParseHtml(await response.Content.ReadAsStringAsync(cancellationToken)));
    }

    /// <summary>Posts one of the case forms (customer-info or ask-ceo) from a page that a lookup returned.</summary>
    public async Task<(HttpResponseMessage Response, IDocument Page)> PostCaseFormAsync(IDocument lookupPage, string formName, string text, CancellationToken cancellationToken = default)
    {
        var fields = HiddenFieldsOf(lookupPage, formName);
        var prefix = formName == "customer-info" ? "Info" : "Ceo";
        fields[$"{prefix}.Text"] = text;
        var response = await _client.Http.PostAsync("track", new FormUrlEncodedContent(fields), cancellationToken);
        return (response, PortalClient.ParseHtml(await response.Content.ReadAsStringAsync(cancellationToken)));
    }

    /// <summary>Posts the status page's "add information" form with files, from a page that a lookup returned.</summary>
    public async Task<(HttpResponseMessage Response, IDocument Page)> AddInformationWithFilesAsync(IDocument lookupPage, string text, IEnumerable<(string Name, byte[] Content)> files, CancellationToken cancellationToken = default)
    {
        var fields = HiddenFieldsOf(lookupPage, "customer-info");
        fields["Info.Text"] = text;
        var response = await _client.Http.PostAsync("track", Multipart(fields, files), cancellationToken);
        return (response, PortalClient.ParseHtml(await response.Content.ReadAsStringAsync(cancellationToken)));
    }

    /// <summary>The outbox rows of a complaint, oldest first.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> OutboxOfAsync(string reference, CancellationToken cancellationToken = default)
    {
        await using var db = app.Database.CreateContext();
        var id = await db.Complaints.Where(c => c.Reference == reference).Select(c => c.Id).SingleAsync(cancellationToken);
        return await db.OutboxMessages.AsNoTracking().Where(m => m.ComplaintId == id).OrderBy(m => m.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    /// <summary>The hidden fields (antiforgery token, the /track access token) of the page's form <paramref name="formName"/>.</summary>
    public static Dictionary<string, string> HiddenFieldsOf(IDocument page, string formName) =>
        page.QuerySelectorAll("form").Single(f => f.QuerySelector($"input[name=_handler][value='{formName}']") is not null)
            .QuerySelectorAll("input[type=hidden]").Where(i => !string.IsNullOrEmpty(i.GetAttribute("name")))
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? string.Empty);
}
