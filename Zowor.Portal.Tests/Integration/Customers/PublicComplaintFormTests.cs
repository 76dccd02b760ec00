using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Realtime;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration.Customers;

/// <summary>The public complaint form (P-10, P-11): what a customer or an attacker can send, and what is stored.</summary>
[Collection(PortalHostCollection.Name)]
public sealed class PublicComplaintFormTests : IAsyncLifetime
{
    private readonly PortalAppFactory _app = new(new PortalAppOptions { SeedDemoData = false });

    public static TheoryData<string, string, string?> BadInputs => new()
    {
        { "empty name", "Form.Name=", "Enter your name." },
        { "whitespace name", "Form.Name=   ", "Enter your name." },
        { "neither e-mail nor phone", "Form.Email=&Form.Phone=", "Give your e-mail address or phone number so that we can reply." },
        { "malformed e-mail", "Form.Email=aigerim@@example", "Enter a valid e-mail address, such as name@example.com." },
        { "e-mail without domain dot", "Form.Email=aigerim@localhost", "Enter a valid e-mail address, such as name@example.com." },
        { "SQL-looking e-mail", "Form.Email=x' OR '1'='1@example.com", "Enter a valid e-mail address, such as name@example.com." },
        { "malformed phone", "Form.Phone=call me maybe", "Enter a valid phone number: 7 to 15 digits, optionally starting with +." },
        { "over-long name", "Form.Name=" + new string('a', 201), "The name is too long (at most 200 characters)." },
        { "over-long product", "Form.Product=" + new string('p', 201), "The product name is too long (at most 200 characters)." },
        { "over-long description", "Form.Description=" + new string('d', 4001), "Describe the problem in 10 to 4000 characters." },
        { "too-short description", "Form.Description=broken", "Describe the problem in 10 to 4000 characters." },
        { "empty description", "Form.Description=", "Describe the problem." },
        { "script tag in the name", "Form.Name=<script>alert(1)</script>", "Please remove HTML or script tags (text between < and >)." },
        { "event handler in the description", "Form.Description=Look: <img src=x onerror=alert(document.cookie)>", "Please remove HTML or script tags (text between < and >)." },
        { "closing tag in the product", "Form.Product=Blender</td><td>", "Please remove HTML or script tags (text between < and >)." },
        { "SQL in the order number", "Form.OrderNumber=1'; DROP TABLE Complaints;--", "An order number has only letters, digits and dashes, such as ZW-100234." },
        { "emoji in the order number", "Form.OrderNumber=ZW-😀😀", "An order number has only letters, digits and dashes, such as ZW-100234." },
        { "right-to-left override in the name", "Form.Name=Ivan\u202Egnp.exe", "The text contains invisible control characters; please type it again." },
        { "control character in the name", "Form.Name=Ivan\u0007Petrov", "The text contains invisible control characters; please type it again." },
        { "no consent", "Form.Consent=false", "Please agree to the processing of your personal data so that we can handle your complaint." },
        { "no category", "Form.CategoryCode=", "Choose what the complaint is about." },
        { "unknown category", "Form.CategoryCode=NOT-A-CATEGORY", "Choose what the complaint is about." },
        { "unknown preferred resolution", "Form.PreferredResolution=Teleport", "Choose what you would like us to do." },
        { "numeric preferred resolution", "Form.PreferredResolution=99", "Choose what you would like us to do." },
    };

    public ValueTask InitializeAsync()
    {
        _app.StartServer();
        return ValueTask.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task P11_BadInput_GetsAClearMessage_AndStoresNothing(string label, string change, string? message)
    {
        using var site = new PublicSite(_app);
        var values = PublicSite.ValidComplaint();
        foreach (var pair in change.Split('&'))
        {
            var (key, value) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
            values[key] = value;
        }

        using var response = await site.SubmitComplaintAsync(values, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{label}: HTTP {(int)response.StatusCode}");
        if (message is not null)
        {
            var page = PortalClient.ParseHtml(html);
            var shown = page.QuerySelectorAll(".validation-message, [data-testid=form-error]").Select(e => e.TextContent.Trim()).ToList();
            Assert.Contains(message, shown);

            // Issue 20: the summary names each problem once, even one that concerns two fields (e-mail or phone).
            var summary = page.QuerySelectorAll("[data-testid=validation-summary] li").Select(e => e.TextContent.Trim()).ToList();
            Assert.Equal(summary.Distinct().ToList(), summary);
        }

        // What the customer typed is still in the form.
        var form = PortalClient.ParseHtml(html);
        var (field, selector) = change.StartsWith("Form.Description", StringComparison.Ordinal) ? ("Form.Name", "#name") : ("Form.Description", "#description");
        var kept = selector == "#name" ? form.QuerySelector(selector)?.GetAttribute("value") : form.QuerySelector(selector)?.TextContent;
        Assert.Equal(values[field], kept);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task ThePublicAndSignInPages_CarryThePortalThemeOnce_FromTheStyleRenderedOncePerProcess() // issue 21 (PortalThemeCss)
    {
        using var site = new PublicSite(_app);
        foreach (var path in new[] { "complain", "track", "account/login", "complain" })
        {
            var html = await site.Client.Http.GetStringAsync(path, TestContext.Current.CancellationToken);
            // Zowor's primary blue (#1f4e79) as MudThemeProvider writes it, in the one theme <style> of the page.
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "class='mud-theme-provider'"));
            Assert.Contains("--mud-palette-primary: rgba(31,78,121,1);", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A10MBBody_IsRefused_With413AndAReadableMessage()
    {
        using var site = new PublicSite(_app);
        var values = PublicSite.ValidComplaint();
        values["Form.Description"] = new string('x', 10 * 1024 * 1024);

        using var response = await site.SubmitComplaintAsync(values, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("too large", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task AChunked10MBBodyWithoutLength_IsRefusedTheSameWay()
    {
        using var site = new PublicSite(_app);
        var (action, fields) = await site.Client.GetFormAsync("complain", "public-complaint", TestContext.Current.CancellationToken);
        var body = string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}")) + "&Form.Description=" + new string('x', 10 * 1024 * 1024);
        using var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await site.Client.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryToken_IsRefused_AndStoresNothing()
    {
        using var site = new PublicSite(_app);
        var (action, fields) = await site.Client.GetFormAsync("complain", "public-complaint", TestContext.Current.CancellationToken);
        fields.Remove("__RequestVerificationToken");
        foreach (var (key, value) in PublicSite.ValidComplaint())
        {
            fields[key] = value;
        }

        using var response = await site.Client.Http.PostAsync(action, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task AFilledHoneypot_LooksLikeSuccessToTheBot_AndStoresNothing()
    {
        using var site = new PublicSite(_app);
        var values = PublicSite.ValidComplaint();
        values["Form.Website"] = "http://spam.example";

        using var response = await site.SubmitComplaintAsync(values, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("complain/received", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task P10_AValidSubmission_IsStoredAsAWebFormComplaint_AndReachesTheCSMQueueLive()
    {
        var notifier = _app.Services.GetRequiredService<PortalNotifier>();
        var published = new TaskCompletionSource<ComplaintChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = notifier.Subscribe<ComplaintChanged>(change =>
        {
            published.TrySetResult(change);
            return Task.CompletedTask;
        });
        using var site = new PublicSite(_app);

        var reference = await site.SubmitValidComplaintAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Matches("^ZW-[0-9]{4}-[0-9]{6}$", reference);
        var (page, _) = (await site.Client.GetPageAsync($"complain/received/{reference}", TestContext.Current.CancellationToken), 0);
        Assert.Equal(reference, page.Document.QuerySelector("[data-testid=reference]")?.TextContent.Trim());

        await using var db = _app.Database.CreateContext();
        var stored = await db.Complaints.AsNoTracking().SingleAsync(c => c.Reference == reference, TestContext.Current.CancellationToken);
        Assert.Equal((ComplaintChannel.WebForm, "Aigerim Bekova", "aigerim@example.com", "+77015551234", "ZW-100234", "Zowor Blender 600", "en"),
            (stored.Channel, stored.Customer.Name, stored.Customer.Email, stored.Customer.Phone, stored.OrderNumber, stored.Product, stored.CustomerLanguage));
        Assert.Equal("The blender's jug cracked the first time I used it.", stored.Subject);
        Assert.Equal(ComplaintStatus.Received, stored.Status);

        var change = await published.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(reference, change.Reference);

        await using var csm = await _app.SignInAsync(await CreateCsmAsync());
        var queue = await csm.Complaints.GetQueueAsync(new QueueQuery { Search = reference }, TestContext.Current.CancellationToken);
        Assert.Equal(ComplaintChannel.WebForm, Assert.Single(queue.Rows).Channel);

        // P-21: the customer gets the reference by e-mail at once, in the outbox with the complaint.
        var receipt = Assert.Single(await site.OutboxOfAsync(reference, TestContext.Current.CancellationToken));
        Assert.Equal((CustomerMessageKinds.Received, "aigerim@example.com"), (receipt.Kind, receipt.ToAddress));
        Assert.Contains(reference, receipt.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AValidPost_AnsweredWithoutThePage_IsStoredAndAnsweredExactlyAsThePageDoes() // P-10, issue 21 (PublicComplaintPost)
    {
        using var site = new PublicSite(_app);
        var values = PublicSite.ValidComplaint();
        values["Form.Phone"] = "";
        values["Form.Product"] = "";

        // The direct path takes a post it binds fully; a field it does not know sends the same post through the page.
        using var direct = await site.SubmitComplaintAsync(values, TestContext.Current.CancellationToken);
        values["Form.Unlisted"] = "x";
        using var viaPage = await site.SubmitComplaintAsync(values, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (direct.StatusCode, viaPage.StatusCode));
        Assert.Equal(viaPage.Headers.CacheControl?.ToString(), direct.Headers.CacheControl?.ToString());
        var references = new[] { direct, viaPage }.Select(r => r.Headers.Location!).Select(location =>
        {
            Assert.True(location.IsAbsoluteUri, location.OriginalString);
            Assert.StartsWith("/complain/received/", location.AbsolutePath, StringComparison.Ordinal);
            return Uri.UnescapeDataString(location.AbsolutePath["/complain/received/".Length..]);
        }).ToList();
        Assert.NotEqual(references[0], references[1]);

        await using var db = _app.Database.CreateContext();
        var stored = await db.Complaints.AsNoTracking().Where(c => references.Contains(c.Reference)).ToListAsync(TestContext.Current.CancellationToken);
        var (first, second) = (stored.Single(c => c.Reference == references[0]), stored.Single(c => c.Reference == references[1]));
        object Fields(Complaint c) => (c.Channel, c.Customer.Name, c.Customer.Email, c.Customer.Phone, c.Customer.PreferredContact, c.OrderNumber, c.Product,
            c.Subject, c.Description, c.CategoryCode, c.PreferredResolution, c.CustomerLanguage, c.Status);
        Assert.Equal(Fields(second), Fields(first));
    }

    [Fact]
    public async Task RightToLeftAndEmojiText_IsACustomersOwnWords_AndIsKeptExactly()
    {
        using var site = new PublicSite(_app);
        var values = PublicSite.ValidComplaint();
        values["Form.Name"] = "مريم الحسيني";
        values["Form.Description"] = "הבלנדר נשבר 😡 — the jug cracked 💥, please replace it 🙏";
        values["Form.Phone"] = "";

        using var response = await site.SubmitComplaintAsync(values, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = _app.Database.CreateContext();
        var stored = await db.Complaints.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("مريم الحسيني", "הבלנדר נשבר 😡 — the jug cracked 💥, please replace it 🙏"), (stored.Customer.Name, stored.Description));
    }

    [Fact]
    public async Task ACustomerUsingTheRussianPage_IsWrittenToInRussian()
    {
        using var site = new PublicSite(_app);
        using (await site.Client.Http.GetAsync("culture/set?culture=ru&redirectUri=%2Fcomplain", TestContext.Current.CancellationToken))
        {
        }

        var reference = await site.SubmitValidComplaintAsync(cancellationToken: TestContext.Current.CancellationToken);

        var receipt = Assert.Single(await site.OutboxOfAsync(reference, TestContext.Current.CancellationToken));
        Assert.Equal("ru", receipt.Culture);
        Assert.Contains("Мы получили вашу жалобу", receipt.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABurstOfSimultaneousComplaints_IsStoredWhole_UnderDistinctReferences()
    {
        // Every registration reads the year's last number and takes the next: at the same moment they must queue for it, not
        // all read the same number and fail each other's inserts until their retries run out.
        const int burst = 32;
        var references = new string[burst];
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        using var start = new Barrier(burst);
        // Threads of their own, released together: the portal's SQLite calls run synchronously, so tasks on the test's
        // few pool threads would mostly take turns instead of overlapping as a busy web node's requests do.
        var threads = Enumerable.Range(0, burst).Select(i => new Thread(() =>
        {
            try
            {
                using var scope = _app.Services.CreateScope();
                var form = new Portal.Features.Customers.PublicComplaintForm
                {
                    Name = "Aigerim Bekova",
                    Email = $"burst{i}@example.com",
                    CategoryCode = "product-defect",
                    Description = "The blender's jug cracked the first time I used it.",
                    PreferredResolution = nameof(PreferredResolution.Replacement),
                    Consent = true,
                };
                var service = scope.ServiceProvider.GetRequiredService<Portal.Features.Customers.PublicComplaintService>();
                start.SignalAndWait(TestContext.Current.CancellationToken);
                references[i] = service.SubmitAsync(form, "en", TestContext.Current.CancellationToken).GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                failures.Add(ex);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(failures);
        Assert.Equal(burst, references.Distinct(StringComparer.Ordinal).Count());
        await using var db = _app.Database.CreateContext();
        Assert.Equal(burst, await db.Complaints.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(burst, await db.OutboxMessages.CountAsync(TestContext.Current.CancellationToken));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<string> CreateCsmAsync()
    {
        await _app.CreateStaffUserAsync("csm.forms@zowor.test", "Form Test CSM", Portal.Platform.Identity.PortalRoles.Csm);
        return "csm.forms@zowor.test";
    }

    private async Task AssertNothingStoredAsync()
    {
        await using var db = _app.Database.CreateContext();
        Assert.Equal(0, await db.Complaints.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.OutboxMessages.CountAsync(TestContext.Current.CancellationToken));
    }
}

/// <summary>Too many submissions from one client get 429 (rate limit per client and form).</summary>
[Collection(PortalHostCollection.Name)]
public sealed class PublicFormRateLimitTests
{
    [Fact]
    public async Task TooManySubmissionsFromOneClient_Get429_WhileReadingThePageStillWorks()
    {
        await using var app = new PortalAppFactory(new PortalAppOptions
        {
            SeedDemoData = false,
            Settings = new Dictionary<string, string?> { ["PublicForms:PermitLimit"] = "3", ["PublicForms:WindowSeconds"] = "600" },
        });
        using var site = new PublicSite(app);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var values = PublicSite.ValidComplaint($"customer{i}@example.com");
            using var response = await site.SubmitComplaintAsync(values, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("Too many requests", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
        using var page = await site.Client.Http.GetAsync("complain", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.Equal(3, await db.Complaints.CountAsync(TestContext.Current.CancellationToken));
    }
}
