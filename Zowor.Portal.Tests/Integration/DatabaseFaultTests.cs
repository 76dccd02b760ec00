using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Operations;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration;

/// <summary>
/// Issue 18's fault table: for every write path (public form, /track "add information", the survey, the API, a staff
/// action, sign-in) and every database fault SQLite reports (5 busy, 6 locked, 8 read-only, 10 I/O error, 13 full), the person
/// gets a clear message (the API a 503 problem with Retry-After and no exception text), what they typed is still in the
/// form, and nothing is stored half. Nothing is lost, nothing is sent twice (P-10, P-41).
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class DatabaseFaultTests
{
    private const string CsmEmail = "fault.csm@zowor.test";
    private const string Password = "Str0ng-Passphrase!";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static TheoryData<int, DatabaseFaultKind> Faults { get; } = new()
    {
        { 5, DatabaseFaultKind.Busy },
        { 6, DatabaseFaultKind.Busy },
        { 8, DatabaseFaultKind.ReadOnly },
        { 10, DatabaseFaultKind.IoError },
        { 13, DatabaseFaultKind.Full },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task EveryWritePath_OnAFault_SaysSo_KeepsTheText_AndStoresNothing(int sqliteCode, DatabaseFaultKind kind)
    {
        var faults = new DatabaseFaultInjector();
        await using var app = new PortalAppFactory(new PortalAppOptions
        {
            SeedDemoData = false,
            ConfigureServices = services => services.ConfigureDbContext<SqlitePortalDbContext>(o => o.AddInterceptors(faults)),
        });
        app.StartServer();
        await CreateCsmAsync(app);
        using var site = new PublicSite(app);
        var reference = await site.SubmitValidComplaintAsync("fault.customer@example.com", Ct);
        var id = await IdOfAsync(app, reference);
        using var csmClient = await PortalClient.SignedInAsync(app, CsmEmail, Password, cancellationToken: Ct);
        var surveyToken = await ClosedComplaintsSurveyTokenAsync(app, site);
        var before = await SnapshotAsync(app);

        // The public complaint form.
        const string description = "My kettle leaks from the base (typed during a fault).";
        faults.Arm(sqliteCode);
        var values = PublicSite.ValidComplaint("second.customer@example.com");
        values["Form.Description"] = description;
        using (var response = await site.SubmitComplaintAsync(values, Ct))
        {
            var page = PortalClient.ParseHtml(await response.Content.ReadAsStringAsync(Ct));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Your text is still in the form", page.QuerySelector("[data-testid=form-error]")?.TextContent, StringComparison.Ordinal);
            Assert.Equal(description, page.QuerySelector("#description")?.TextContent);
        }

        AssertStruck(faults);
        Assert.Equal(before, await SnapshotAsync(app));

        // /track: "add information" (one write after another in one transaction: the fault strikes the second).
        const string information = "The leak started after the second use.";
        var (_, lookup) = await site.LookUpAsync(reference, "fault.customer@example.com", Ct);
        faults.Arm(sqliteCode, skipWrites: 1);
        var (added, addedPage) = await site.PostCaseFormAsync(lookup, "customer-info", information, Ct);
        added.Dispose();
        Assert.Contains("Your text is still in the form", addedPage.QuerySelector("[data-testid=form-error]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(information, addedPage.QuerySelector("#info-text")?.TextContent);
        AssertStruck(faults);
        Assert.Equal(before, await SnapshotAsync(app));

        // The survey (P-01): the answer is one UPDATE; the fault keeps the scores and the comment in the page's form.
        const string comment = "Quick, but I had to call twice (typed during a fault).";
        var survey = await site.Client.GetFormAsync($"survey/{surveyToken}", "survey", Ct);
        faults.Arm(sqliteCode);
        var surveyPage = await PostSurveyAsync(site, survey, comment);
        Assert.Contains("Your text is still in the form", surveyPage.QuerySelector("[data-testid=form-error]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(comment, surveyPage.QuerySelector("#comment")?.TextContent);
        Assert.Equal("4", surveyPage.QuerySelector("input[name='Form.Outcome'][checked]")?.GetAttribute("value"));
        Assert.Null(surveyPage.QuerySelector("[data-testid=survey-saved]"));
        AssertStruck(faults);
        Assert.Equal(before, await SnapshotAsync(app));

        // The API: 503 with Retry-After, a problem without exception text; the same request succeeds afterwards.
        var (_, version) = await app.Database.LoadComplaintAsync(id, Ct);
        var request = new CommunicationRequest(CommunicationDirection.Outbound, CommunicationChannel.Phone, "Called the customer about the kettle.", version);
        faults.Arm(sqliteCode, skipWrites: 1);
        using (var response = await csmClient.Http.PostAsJsonAsync($"api/complaints/{id}/communications", request, Json, Ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(DatabaseFault.RetryAfter(kind), response.Headers.RetryAfter?.Delta);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.DoesNotContain("SqliteException", body, StringComparison.Ordinal);
            Assert.DoesNotContain("SQLite Error", body, StringComparison.Ordinal);
            Assert.Contains(DatabaseFault.Message(kind), body, StringComparison.Ordinal);
        }

        AssertStruck(faults);
        Assert.Equal(before, await SnapshotAsync(app));

        // A staff action (what the case page calls): a refusal the page shows; the circuit's service is not broken.
        await using (var csm = await app.SignInAsync(CsmEmail))
        {
            faults.Arm(sqliteCode, skipWrites: 1);
            var refused = await Assert.ThrowsAsync<DatabaseFaultException>(() =>
                csm.Complaints.LogCommunicationAsync(id, version, new CommunicationForm { Summary = "Called again." }, Ct));
            Assert.Equal(kind, refused.Kind);
            AssertStruck(faults);
            Assert.Equal(before, await SnapshotAsync(app));
        }

        // Sign-in: a wrong password is counted (a write); the fault gives a message, not an error page.
        faults.Arm(sqliteCode);
        using (var signIn = PortalClient.Create(app))
        using (var response = await signIn.PostLoginAsync(CsmEmail, "Wrong-passw0rd!", cancellationToken: Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("not possible just now", PortalClient.ParseHtml(await response.Content.ReadAsStringAsync(Ct)).QuerySelector("[data-testid=login-error]")?.TextContent, StringComparison.Ordinal);
        }

        AssertStruck(faults);

        // Once the database is well again, the same API request is accepted.
        using (var retried = await csmClient.Http.PostAsJsonAsync($"api/complaints/{id}/communications", request, Json, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, retried.StatusCode);
        }

        // And the same survey form, sent again, is saved once.
        Assert.NotNull((await PostSurveyAsync(site, survey, comment)).QuerySelector("[data-testid=survey-saved]"));
        var after = await SnapshotAsync(app);
        Assert.Equal((before.Communications + 1, before.AnsweredSurveys + 1), (after.Communications, after.AnsweredSurveys));
    }

    /// <summary>
    /// The fault for real, not a code thrown by the injector: the database file becomes read-only under the running portal,
    /// and SQLite itself refuses the writes (SQLITE_READONLY, 8). A staff action, the public form and the API each say so
    /// clearly (the API: 503 problem details with Retry-After), the form keeps the text, nothing is stored, and once the
    /// file is writable again the same request is accepted (P-10, P-41).
    /// </summary>
    [Fact]
    public async Task ReallyReadOnlyDatabaseFile_StaffWrite_PublicForm_AndApi_SaySo_AndStoreNothing()
    {
        var readOnly = new ReadOnlyDatabaseFile();
        await using var app = new PortalAppFactory(new PortalAppOptions
        {
            SeedDemoData = false,
            ConfigureServices = services => services.ConfigureDbContext<SqlitePortalDbContext>(o => o.AddInterceptors(readOnly)),
        });
        app.StartServer();
        await CreateCsmAsync(app);
        using var site = new PublicSite(app);
        var id = await IdOfAsync(app, await site.SubmitValidComplaintAsync("readonly.customer@example.com", Ct));
        using var csmClient = await PortalClient.SignedInAsync(app, CsmEmail, Password, cancellationToken: Ct);
        var (_, version) = await app.Database.LoadComplaintAsync(id, Ct);
        var request = new CommunicationRequest(CommunicationDirection.Outbound, CommunicationChannel.Phone, "Called about the read-only disk.", version);
        var before = await SnapshotAsync(app);

        readOnly.Enable(app.Database.FilePath);
        try
        {
            // The public form: the message, the description still in the form.
            const string description = "My kettle leaks from the base (typed while the disk was read-only).";
            var values = PublicSite.ValidComplaint("readonly.second@example.com");
            values["Form.Description"] = description;
            using (var response = await site.SubmitComplaintAsync(values, Ct))
            {
                var page = PortalClient.ParseHtml(await response.Content.ReadAsStringAsync(Ct));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Contains("Your text is still in the form", page.QuerySelector("[data-testid=form-error]")?.TextContent, StringComparison.Ordinal);
                Assert.Equal(description, page.QuerySelector("#description")?.TextContent);
            }

            // The API: 503 problem details with Retry-After, the storage-fault message, no exception text.
            using (var response = await csmClient.Http.PostAsJsonAsync($"api/complaints/{id}/communications", request, Json, Ct))
            {
                var body = await response.Content.ReadAsStringAsync(Ct);
                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"API: {(int)response.StatusCode} {body}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(DatabaseFault.RetryAfter(DatabaseFaultKind.ReadOnly), response.Headers.RetryAfter?.Delta);
                Assert.Contains(DatabaseFault.Message(DatabaseFaultKind.ReadOnly), body, StringComparison.Ordinal);
                Assert.DoesNotContain("SqliteException", body, StringComparison.Ordinal);
                Assert.DoesNotContain("readonly database", body, StringComparison.Ordinal);
            }

            // A staff action (what the case page's Save calls): the refusal the page shows, classified as read-only.
            await using (var csm = await app.SignInAsync(CsmEmail))
            {
                var refused = await Assert.ThrowsAsync<DatabaseFaultException>(() =>
                    csm.Complaints.LogCommunicationAsync(id, version, new CommunicationForm { Summary = "Called again." }, Ct));
                Assert.Equal(DatabaseFaultKind.ReadOnly, refused.Kind);
            }

            Assert.True(readOnly.Opened > 0, "No connection was opened on the read-only file.");
        }
        finally
        {
            readOnly.Disable();
        }

        Assert.Equal(before, await SnapshotAsync(app));

        // Writable again: the same API request is accepted.
        using (var retried = await csmClient.Http.PostAsJsonAsync($"api/complaints/{id}/communications", request, Json, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, retried.StatusCode);
        }

        Assert.Equal(before.Communications + 1, (await SnapshotAsync(app)).Communications);
    }

    [Fact]
    public async Task Api_UnexpectedError_IsAProblemWithoutExceptionText()
    {
        var reads = new FailingReads();
        await using var app = new PortalAppFactory(new PortalAppOptions
        {
            SeedDemoData = false,
            ConfigureServices = services => services.ConfigureDbContext<SqlitePortalDbContext>(o => o.AddInterceptors(reads)),
        });
        app.StartServer();
        await CreateCsmAsync(app);
        using var client = await PortalClient.SignedInAsync(app, CsmEmail, Password, cancellationToken: Ct);
        reads.On = true;
        try
        {
            using var response = await client.Http.GetAsync($"api/complaints/{Guid.NewGuid()}", Ct);

            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.DoesNotContain("Secret internal detail", body, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        }
        finally
        {
            reads.On = false;
        }
    }

    private static void AssertStruck(DatabaseFaultInjector faults)
    {
        Assert.True(faults.Failed == 1, $"the fault struck {faults.Failed} time(s)");
        faults.Disarm();
    }

    private static async Task CreateCsmAsync(PortalAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = CsmEmail, Email = CsmEmail, EmailConfirmed = true, DisplayName = "Fault CSM" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, PortalRoles.Csm)).Succeeded);
    }

    private static async Task<Guid> IdOfAsync(PortalAppFactory app, string reference)
    {
        await using var db = app.Database.CreateContext();
        return await db.Complaints.Where(c => c.Reference == reference).Select(c => c.Id).SingleAsync(Ct);
    }

    /// <summary>A second customer's complaint walked to Closed by the CSM: the closure e-mail's survey token.</summary>
    private static async Task<string> ClosedComplaintsSurveyTokenAsync(PortalAppFactory app, PublicSite site)
    {
        var id = await IdOfAsync(app, await site.SubmitValidComplaintAsync("survey.customer@example.com", Ct));
        await using (var csm = await app.SignInAsync(CsmEmail))
        {
            await new CaseSteps(csm, id).WalkToClosedAsync();
        }

        await using var db = app.Database.CreateContext();
        var closure = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ComplaintId == id && m.Kind == CustomerMessageKinds.Closed, Ct);
        var token = System.Text.RegularExpressions.Regex.Match(closure.Body, @"/survey/(?<token>[A-Za-z0-9_\-]+)").Groups["token"].Value;
        Assert.NotEmpty(token);
        return token;
    }

    private static async Task<AngleSharp.Dom.IDocument> PostSurveyAsync(PublicSite site, (Uri Action, Dictionary<string, string> Fields) form, string comment)
    {
        var fields = new Dictionary<string, string>(form.Fields) { ["Form.Outcome"] = "4", ["Form.Handling"] = "2", ["Form.Comment"] = comment };
        using var response = await site.Client.Http.PostAsync(form.Action, new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PortalClient.ParseHtml(await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<Snapshot> SnapshotAsync(PortalAppFactory app)
    {
        await using var db = app.Database.CreateContext();
        return new Snapshot(
            await db.Complaints.CountAsync(Ct),
            await db.ComplaintHistory.CountAsync(Ct),
            await db.OutboxMessages.CountAsync(Ct),
            await db.Complaints.SelectMany(c => c.Communications).CountAsync(Ct),
            await db.SatisfactionSurveys.CountAsync(s => s.AnsweredAt != null, Ct));
    }

    private sealed record Snapshot(int Complaints, int Timeline, int Outbox, int Communications, int AnsweredSurveys);

    /// <summary>Every query fails with an exception whose text must not reach the API's caller.</summary>
    private sealed class FailingReads : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public volatile bool On;

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default) =>
            On && command.CommandText.Contains("\"Complaints\"", StringComparison.Ordinal)
                ? throw new InvalidOperationException("Secret internal detail: connection string Data Source=/srv/zowor.db")
                : ValueTask.FromResult(result);
    }
}
