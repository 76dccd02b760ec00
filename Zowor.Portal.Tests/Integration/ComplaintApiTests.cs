using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration;

/// <summary>
/// The JSON API over the complaint use cases (<see cref="ComplaintApi"/>), over HTTP with the cookie of a real form login.
/// Each test gets a fresh portal and registers its own complaint, and every "nothing changed" is checked on the stored
/// row and timeline, reloaded through a new context. Manual escalation with a reason at any time (P-70 to P-73).
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class ComplaintApiTests : IAsyncLifetime
{
    private const string Reason = "Customer asked for the Chief Customer Officer.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly PortalAppFactory _app = new();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static TheoryData<string> AllRoles => new(PortalRoles.All);

    public ValueTask InitializeAsync()
    {
        _app.StartServer();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Get_AsAnyStaffRole_ReturnsReferenceStatusLevelAndVersionWithEnumsAsNames(string role)
    {
        var id = await RegisterAsync();
        using var client = await SignedInAsync(role);

        using var response = await client.Http.GetAsync($"api/complaints/{id}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var (stored, version) = await _app.Database.LoadComplaintAsync(id, Ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var json = body.RootElement;
        Assert.Equal(id, json.GetProperty("id").GetGuid());
        Assert.Equal(stored.Reference, json.GetProperty("reference").GetString());
        Assert.Equal(nameof(ComplaintStatus.Received), json.GetProperty("status").GetString());
        Assert.Equal(nameof(EscalationLevel.CustomerServiceManager), json.GetProperty("level").GetString());
        Assert.Equal(version, json.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Get_UnknownComplaint_Returns404()
    {
        using var client = await SignedInAsync(PortalRoles.Csm);

        using var response = await client.Http.GetAsync($"api/complaints/{Guid.NewGuid()}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await ReadProblemAsync(response);
        Assert.Equal(404, problem.Status);
        Assert.Equal("No complaint has this id.", problem.Detail);
    }

    [Fact]
    public async Task Get_Anonymously_Returns401NotARedirectToLogin()
    {
        var id = await RegisterAsync();
        using var anonymous = PortalClient.Create(_app);

        using var response = await anonymous.Http.GetAsync($"api/complaints/{id}", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
        var (stored, _) = await _app.Database.LoadComplaintAsync(id, Ct);
        Assert.DoesNotContain(stored.Reference, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostEscalation_Anonymously_Returns401AndChangesNothing()
    {
        var id = await RegisterAsync();
        var before = await SnapshotAsync(id);
        using var anonymous = PortalClient.Create(_app);

        using var response = await anonymous.Http.PostAsJsonAsync($"api/complaints/{id}/escalations",
            new EscalationRequest(EscalationLevel.ChiefCustomerOfficer, Reason, before.Version), Json, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(before, await SnapshotAsync(id));
    }

    [Fact]
    public async Task PostEscalation_WithCurrentVersion_Returns204AndRaisesTheLevelWithAnEscalatedTimelineEntry()
    {
        var id = await RegisterAsync();
        var (_, version) = await _app.Database.LoadComplaintAsync(id, Ct);
        using var csm = await SignedInAsync(PortalRoles.Csm);
        var csmId = await UserIdAsync(PortalRoles.Csm);

        using var response = await csm.Http.PostAsJsonAsync($"api/complaints/{id}/escalations",
            new EscalationRequest(EscalationLevel.ChiefCustomerOfficer, Reason, version), Json, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var (stored, newVersion) = await _app.Database.LoadComplaintAsync(id, Ct);
        Assert.Equal(EscalationLevel.ChiefCustomerOfficer, stored.EscalationLevel);
        Assert.Equal(version + 1, newVersion);
        var entry = TimelineEntry.Of(stored)[^1];
        Assert.Equal((csmId, ComplaintHistoryKinds.Escalated, "1", "2", Reason), (entry.ActorId, entry.Kind, entry.Before, entry.After, entry.Details));
        var escalation = Assert.Single(stored.Escalations);
        Assert.Equal((EscalationLevel.CustomerServiceManager, EscalationLevel.ChiefCustomerOfficer, false, csmId),
            (escalation.FromLevel, escalation.ToLevel, escalation.Automatic, escalation.ById));
        using var fresh = await csm.Http.GetAsync($"api/complaints/{id}", Ct);
        var state = await fresh.Content.ReadFromJsonAsync<ComplaintState>(Json, Ct);
        Assert.Equal((EscalationLevel.ChiefCustomerOfficer, newVersion), (state!.Level, state.Version));
    }

    [Fact]
    public async Task PostEscalation_WithStaleVersion_Returns409NamingTheChangeAndChangesNothing_ThenSavesOverItWhenAsked()
    {
        // Issue 14: a refused save says what was saved since the sent version, by whom, and which version a deliberate
        // save over it must send; sending that version then succeeds.
        var id = await RegisterAsync();
        var (_, staleVersion) = await _app.Database.LoadComplaintAsync(id, Ct);
        using var csm = await SignedInAsync(PortalRoles.Csm);
        using var cco = await SignedInAsync(PortalRoles.Cco);
        using var first = await cco.Http.PostAsJsonAsync($"api/complaints/{id}/communications",
            new CommunicationRequest(CommunicationDirection.Outbound, CommunicationChannel.Phone, "Called the customer.", staleVersion), Json, Ct);
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        var before = await SnapshotAsync(id);

        using var response = await csm.Http.PostAsJsonAsync($"api/complaints/{id}/escalations",
            new EscalationRequest(EscalationLevel.ChiefCustomerOfficer, Reason, staleVersion), Json, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await ReadProblemAsync(response);
        Assert.Equal(409, problem.Status);
        Assert.StartsWith("Someone else changed this complaint", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(id));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var change = Assert.Single(body.RootElement.GetProperty("changes").EnumerateArray().ToList());
        Assert.Equal(ComplaintHistoryKinds.CommunicationLogged, change.GetProperty("kind").GetString());
        Assert.Equal("Called the customer.", change.GetProperty("details").GetString());
        Assert.Equal(Zowor.Portal.Data.DbSeeder.DemoUsers.Single(u => u.Email == SeededPortalFixture.DemoEmailFor(PortalRoles.Cco)).Name, change.GetProperty("by").GetString());
        var currentVersion = body.RootElement.GetProperty("currentVersion").GetInt64();
        Assert.Equal(staleVersion + 1, currentVersion);

        using var saved = await csm.Http.PostAsJsonAsync($"api/complaints/{id}/escalations",
            new EscalationRequest(EscalationLevel.ChiefCustomerOfficer, Reason, currentVersion), Json, Ct);
        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task PostEscalation_WithoutReason_Returns400WithTheDomainMessageAndChangesNothing(string? reason)
    {
        var id = await RegisterAsync();
        var before = await SnapshotAsync(id);
        using var csm = await SignedInAsync(PortalRoles.Csm);

        using var response = await csm.Http.PostAsJsonAsync($"api/complaints/{id}/escalations",
            new EscalationRequest(EscalationLevel.ChiefCustomerOfficer, reason, before.Version), Json, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ReadProblemAsync(response);
        Assert.Equal("Reason is required.", problem.Detail);
        Assert.Equal(before, await SnapshotAsync(id));
    }

    [Fact]
    public async Task PostEscalation_AsQuality_Returns403AndChangesNothing()
    {
        // Quality staff may read any case, but escalation is case work for the handlers (HandleComplaints).
        var id = await RegisterAsync();
        var before = await SnapshotAsync(id);
        using var quality = await SignedInAsync(PortalRoles.Quality);

        using var response = await quality.Http.PostAsJsonAsync($"api/complaints/{id}/escalations",
            new EscalationRequest(EscalationLevel.ChiefCustomerOfficer, Reason, before.Version), Json, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(before, await SnapshotAsync(id));
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data")]
    [InlineData("text/plain")]
    public async Task PostEscalation_WithABodyACrossSiteFormCouldSend_IsRefusedAndChangesNothing(string mediaType)
    {
        // A cross-site page can send these three content types without a CORS preflight, and the browser adds the staff
        // member's cookie; the API must read JSON only, so such a request cannot act for them.
        var id = await RegisterAsync();
        var before = await SnapshotAsync(id);
        using var csm = await SignedInAsync(PortalRoles.Csm);
        var fields = new Dictionary<string, string>
        {
            ["Level"] = nameof(EscalationLevel.ChiefCustomerOfficer),
            ["Reason"] = Reason,
            ["Version"] = before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        using HttpContent body = mediaType switch
        {
            "application/x-www-form-urlencoded" => new FormUrlEncodedContent(fields),
            "multipart/form-data" => Multipart(fields),
            _ => new StringContent(JsonSerializer.Serialize(new EscalationRequest(EscalationLevel.ChiefCustomerOfficer, Reason, before.Version), Json),
                Encoding.UTF8, new MediaTypeHeaderValue(mediaType)),
        };

        using var response = await csm.Http.PostAsync($"api/complaints/{id}/escalations", body, Ct);

        // 415 is the endpoint's own answer to a body that is not JSON; a 400 here would be some other layer answering.
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(before, await SnapshotAsync(id));
    }

    [Fact]
    public async Task PostCommunication_WithCurrentVersion_Returns204AndLogsTheContact()
    {
        var id = await RegisterAsync();
        var (_, version) = await _app.Database.LoadComplaintAsync(id, Ct);
        using var agent = await SignedInAsync(PortalRoles.Agent);

        using var response = await agent.Http.PostAsJsonAsync($"api/complaints/{id}/communications",
            new CommunicationRequest(CommunicationDirection.Outbound, CommunicationChannel.Email, "Sent the tracking details.", version), Json, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var (stored, newVersion) = await _app.Database.LoadComplaintAsync(id, Ct);
        Assert.Equal(version + 1, newVersion);
        var contact = Assert.Single(stored.Communications);
        Assert.Equal((CommunicationDirection.Outbound, CommunicationChannel.Email, "Sent the tracking details."), (contact.Direction, contact.Channel, contact.Summary));
        Assert.Equal(ComplaintHistoryKinds.CommunicationLogged, TimelineEntry.Of(stored)[^1].Kind);
    }

    /// <summary>Registers a fresh phone complaint as the CSM, received five minutes ago so no deadline rule touches it.</summary>
    private async Task<Guid> RegisterAsync()
    {
        await using var csm = await _app.SignInAsync(SeededPortalFixture.DemoEmailFor(PortalRoles.Csm));
        var received = csm.Services.GetRequiredService<BusinessClock>().LocalNow.AddMinutes(-5);
        var registered = await csm.Complaints.RegisterAsync(new RegisterComplaintForm
        {
            Channel = ComplaintChannel.Phone,
            ReceivedOn = received.Date,
            ReceivedTime = new TimeSpan(received.Hour, received.Minute, 0),
            CustomerName = "Timur Akhmetov",
            Phone = "+77771234567",
            PreferredContact = ContactMethod.Phone,
            Subject = "Parcel not delivered",
            Description = "Tracking says delivered, nothing arrived.",
            CategoryCode = "delivery",
        }, Ct);
        return registered.Id;
    }

    private Task<PortalClient> SignedInAsync(string role) => PortalClient.SignedInAsync(_app, SeededPortalFixture.DemoEmailFor(role), cancellationToken: Ct);

    private async Task<string> UserIdAsync(string role)
    {
        await using var scope = await _app.SignInAsync(SeededPortalFixture.DemoEmailFor(role));
        return scope.Actor.Id;
    }

    /// <summary>What is stored: every field, the timeline and the version, comparable with one <c>Assert.Equal</c>.</summary>
    private async Task<Snapshot> SnapshotAsync(Guid id)
    {
        var (complaint, version) = await _app.Database.LoadComplaintAsync(id, Ct);
        return new Snapshot(StoredComplaint.Of(complaint), string.Join(Environment.NewLine, TimelineEntry.Of(complaint)), version);
    }

    private static async Task<ProblemDetails> ReadProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<ProblemDetails>(Json, Ct))!;
    }

    private static MultipartFormDataContent Multipart(Dictionary<string, string> fields)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        return content;
    }

    private sealed record Snapshot(StoredComplaint Complaint, string Timeline, long Version);
}
