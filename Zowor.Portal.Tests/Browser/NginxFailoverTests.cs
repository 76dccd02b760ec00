using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Zowor.Portal.Tests.Browser;

/// <summary>
/// Two machines, as far as one machine allows (issue 18): nginx with the deployment's own configuration
/// (deploy/nginx/zowor-portal.conf: TLS, sticky upstream, WebSockets) in front of two portal processes in Production,
/// each with its own HOME folder (so no Data Protection key can be shared by accident through <c>~/.aspnet</c>), one
/// database, one storage folder and Redis between them. Shared keys (in the database) and the shared folder let a form,
/// a file and a sign-in cross nodes; when the node serving a signed-in browser is killed, the browser carries on on the
/// other node, still signed in (P-91, P-10); a customer's /track status page issued by the killed node still works on
/// the other one (P-41).
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class NginxFailoverTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>From the kill to the queue working again on the other node: Blazor's reconnect, its reload, a new circuit.</summary>
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(60);

    private static readonly string CsmEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Csm);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task P91_TwoNodesBehindNginx_ShareFormsFilesAndSignIn_AndABrowserSurvivesLosingItsNode()
    {
        using var database = TestDatabase.Create();
        var root = Path.Combine(TestDatabase.Folder, $"two-nodes-{Guid.NewGuid():N}");
        await using var redis = await RedisServer.StartNewAsync(Ct);
        PortalNode? nodeA = null, nodeB = null;
        NginxServer? nginx = null;
        IPage? page = null;
        try
        {
            nodeA = await PortalNode.StartAsync("A", Settings(database, root, redis, "A", seed: true), Ct);
            nodeB = await PortalNode.StartAsync("B", Settings(database, root, redis, "B", seed: false), Ct);
            nginx = await NginxServer.StartAsync([nodeA.BaseAddress, nodeB.BaseAddress], Ct);

            var reference = await FormAndFileCrossNodesAsync(database, nodeA, nodeB);

            // A browser signs in through nginx and works in the queue.
            await using var context = await browser.Browser.NewContextAsync(new()
            {
                BaseURL = nginx.Address.ToString(), Locale = "en-US", IgnoreHTTPSErrors = true, ViewportSize = new() { Width = 1440, Height = 900 },
            });
            context.SetDefaultTimeout(BrowserFixture.TimeoutMs);
            context.SetDefaultNavigationTimeout(BrowserFixture.TimeoutMs * 2);
            page = await context.NewPageAsync();
            await PageSteps.SignInAsync(page, CsmEmail);
            await PageSteps.GoToAsync(page, "queue");
            await Expect(page.Locator("[data-testid=queue-reference]").First).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, "nginx-failover-before");

            var serving = nginx.LastUpstreamOf("GET /queue") ?? throw new InvalidOperationException("nginx logged no GET /queue.");
            var (victim, survivor) = serving == $"{nodeA.BaseAddress.Host}:{nodeA.BaseAddress.Port}" ? (nodeA, nodeB) : (nodeB, nodeA);
            await page.EvaluateAsync("() => { window.__zoworBeforeKill = true; }");

            // The customer opens the /track link of their e-mail on the node about to die: it issues the status page, with
            // its signed access token and antiforgery token, which the customer sends after that node is gone.
            using var customer = new ForwardedHttpsClient(victim.BaseAddress);
            var statusPage = await OpenTrackLinkAsync(customer, victim, reference);

            // The serving node dies (SIGKILL: no graceful shutdown, its circuits are simply gone).
            var killed = Stopwatch.StartNew();
            await victim.DisposeAsync();

            // Blazor notices, reconnects through nginx to the other node, is told the circuit is unknown and reloads:
            // the queue is back, interactive, and nobody was sent to the sign-in page.
            await page.WaitForFunctionAsync(
                "() => window.__zoworBeforeKill === undefined && document.querySelector('[data-interactive=true]') !== null"
                + " && document.querySelectorAll('[data-testid=queue-reference]').length > 0",
                null, new() { PollingInterval = 100, Timeout = (float)RecoveryLimit.TotalMilliseconds });
            var recovered = killed.Elapsed;
            Assert.EndsWith("/queue", page.Url, StringComparison.Ordinal);
            Assert.Equal($"{survivor.BaseAddress.Host}:{survivor.BaseAddress.Port}", nginx.LastUpstreamOf("GET /queue"));

            // And keeps working, signed in: open a case from the queue on the surviving node.
            var link = page.Locator("[data-testid=queue-reference]").First;
            var opened = (await link.InnerTextAsync()).Trim();
            await link.ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/complaints/[0-9a-f-]+$"));
            await Expect(page.Locator("[data-testid=case-reference]")).ToContainTextAsync(opened);
            await PageSteps.WaitForInteractiveAsync(page);
            var working = killed.Elapsed;
            await Screenshots.SaveAsync(page, "nginx-failover-after");

            // The status page node A issued works on node B, its issuer dead: the customer's information is accepted and stored.
            await AddInformationOnOtherNodeAsync(database, customer, survivor, statusPage, reference);

            Report($"Failover behind nginx: node {victim.Name} killed; the queue was back and interactive on node {survivor.Name} " +
                $"after {recovered.TotalSeconds:0.0} s, a case opened from it after {working.TotalSeconds:0.0} s, still signed in.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (page is not null)
            {
                await Screenshots.SaveAsync(page, "nginx-failover-failed");
            }

            throw new Xunit.Sdk.XunitException(string.Join(Environment.NewLine, ex.Message, nginx?.Describe(), nodeA?.Describe(60), nodeB?.Describe(60)), ex);
        }
        finally
        {
            if (nginx is not null)
            {
                await nginx.DisposeAsync();
            }

            foreach (var node in new[] { nodeA, nodeB })
            {
                if (node is not null)
                {
                    await node.DisposeAsync();
                }
            }

            TryDelete(root);
        }
    }

    /// <summary>
    /// A customer's web form rendered by node A is posted, with a photo, to node B and accepted; staff signed in on node A
    /// download the photo that node B stored, and the same sign-in opens the queue on node B.
    /// </summary>
    private static async Task<string> FormAndFileCrossNodesAsync(TestDatabase database, PortalNode nodeA, PortalNode nodeB)
    {
        using var customer = new ForwardedHttpsClient(nodeA.BaseAddress);
        var fields = await customer.GetFormAsync(new Uri(nodeA.BaseAddress, "complain"), "public-complaint", Ct);
        foreach (var (key, value) in PublicSite.ValidComplaint("two-nodes@example.com"))
        {
            fields[key] = value;
        }

        byte[] photo = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4, 5, 6, 7, 8];
        using var posted = await customer.PostAsync(new Uri(nodeB.BaseAddress, "complain"), PublicSite.Multipart(fields, [("jug.png", photo)]), Ct);
        Assert.True(posted.StatusCode == HttpStatusCode.Redirect,
            $"The form rendered by node A and posted to node B answered {(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync(Ct)}");
        var reference = Uri.UnescapeDataString(posted.Headers.Location!.OriginalString.Split('/').Last());

        using var staff = new ForwardedHttpsClient(nodeA.BaseAddress);
        var login = await staff.GetFormAsync(new Uri(nodeA.BaseAddress, "account/login"), "login", Ct);
        login["Input.Email"] = CsmEmail;
        login["Input.Password"] = Zowor.Portal.Data.DbSeeder.DemoPassword;
        using (var signedIn = await staff.PostAsync(new Uri(nodeA.BaseAddress, "account/login"), new FormUrlEncodedContent(login), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Contains(PortalClient.AuthCookie, staff.Cookies.Keys);
        }

        var (complaintId, evidenceId) = await EvidenceOfAsync(database, reference);
        using (var download = await staff.GetAsync(new Uri(nodeA.BaseAddress, $"complaints/{complaintId}/evidence/{evidenceId}/file"), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(photo, await download.Content.ReadAsByteArrayAsync(Ct));
        }

        using var queueOnB = await staff.GetAsync(new Uri(nodeB.BaseAddress, "queue"), Ct);
        Assert.True(queueOnB.StatusCode == HttpStatusCode.OK, $"Node B answered {(int)queueOnB.StatusCode} to node A's sign-in cookie ({queueOnB.Headers.Location}).");
        return reference;
    }

    /// <summary>
    /// The customer follows the e-mail's /track link (<c>track?reference=…</c>) on <paramref name="node"/> and looks the
    /// complaint up with their e-mail address: the status page, whose forms carry the node's signed access token.
    /// </summary>
    private static async Task<AngleSharp.Dom.IDocument> OpenTrackLinkAsync(ForwardedHttpsClient customer, PortalNode node, string reference)
    {
        var lookup = await customer.GetFormAsync(new Uri(node.BaseAddress, $"track?reference={Uri.EscapeDataString(reference)}"), "status-lookup", Ct);
        lookup["Lookup.Reference"] = reference;
        lookup["Lookup.Contact"] = "two-nodes@example.com";
        using var response = await customer.PostAsync(new Uri(node.BaseAddress, "track"), new FormUrlEncodedContent(lookup), Ct);
        var page = PortalClient.ParseHtml(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(page.QuerySelector("[data-testid=case-reference]")?.TextContent == reference,
            $"The /track lookup on node {node.Name} answered {(int)response.StatusCode} without the case.");
        return page;
    }

    /// <summary>"Add information" from a status page another node issued, posted to <paramref name="node"/>: accepted and stored once.</summary>
    private static async Task AddInformationOnOtherNodeAsync(TestDatabase database, ForwardedHttpsClient customer, PortalNode node, AngleSharp.Dom.IDocument statusPage, string reference)
    {
        const string information = "The jug also leaks at the handle (sent after the first node went away).";
        var fields = PublicSite.HiddenFieldsOf(statusPage, "customer-info");
        Assert.False(string.IsNullOrEmpty(fields.GetValueOrDefault("Info.Access")), "The status page carries no access token.");
        fields["Info.Text"] = information;
        using var response = await customer.PostAsync(new Uri(node.BaseAddress, "track"), new FormUrlEncodedContent(fields), Ct);
        var page = PortalClient.ParseHtml(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(response.StatusCode == HttpStatusCode.OK && page.QuerySelector("[data-testid=form-success]") is not null,
            $"Node {node.Name} answered {(int)response.StatusCode} to the status page of the other node: "
            + page.QuerySelector("[data-testid=form-error], .validation-message:not(:empty)")?.TextContent.Trim());
        Assert.Contains(information, page.QuerySelector("[data-testid=customer-updates]")?.TextContent, StringComparison.Ordinal);

        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM ComplaintCommunications m JOIN Complaints c ON c.Id = m.ComplaintId WHERE c.Reference = $reference AND m.Summary = $text";
        command.Parameters.AddWithValue("$reference", reference);
        command.Parameters.AddWithValue("$text", information);
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync(Ct))!);
    }

    private static async Task<(Guid Complaint, int Evidence)> EvidenceOfAsync(TestDatabase database, string reference)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT c.Id, e.Id FROM Complaints c JOIN ComplaintEvidence e ON e.ComplaintId = c.Id WHERE c.Reference = $reference";
        command.Parameters.AddWithValue("$reference", reference);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct), $"Complaint {reference} has no evidence file.");
        return (Guid.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetInt32(1));
    }

    private static Dictionary<string, string> Settings(TestDatabase database, string root, RedisServer redis, string name, bool seed)
    {
        var home = Path.Combine(root, $"home-{name}");
        Directory.CreateDirectory(home);
        return new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["HOME"] = home,
            ["Database__Provider"] = "Sqlite",
            ["Database__SqlitePath"] = database.FilePath,
            ["Database__SeedDemoData"] = seed ? "true" : "false",
            ["Redis__Connection"] = redis.Connection,
            ["Storage__DataPath"] = Path.Combine(root, "shared-data"),
            ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
        };
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Temp folder.
        }
    }

    private static void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
