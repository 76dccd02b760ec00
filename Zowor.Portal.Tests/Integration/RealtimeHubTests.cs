using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Notifications;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;
using Zowor.Portal.Realtime;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration;

/// <summary>
/// The complaints hub (<c>/hubs/complaints</c>) seen by a SignalR .NET client over WebSockets on a real loopback port,
/// signed in with the cookie of a real form login. Each escalation level is watched by the roles that work it
/// (P-70: level 1 by Agent, CSM and CCO; P-71/P-72: levels 2 and 3 by CCO and CEO); the expected traffic is written
/// out here as its own table, not read from <see cref="RealtimeGroups"/>, so widening a group by mistake fails a test.
/// Absence is asserted after a barrier: every connection follows a marker complaint, and a change to it is made last;
/// once the marker has arrived, anything sent earlier has arrived too (one connection's messages stay in order).
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class RealtimeHubTests : IAsyncLifetime
{
    private const string Level1Change = "level-1 change";
    private const string Escalation1To2 = "escalation 1→2";
    private const string Level2Change = "level-2 change";
    private const string Escalation2To3 = "escalation 2→3";
    private const string Level3Change = "level-3 change";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Each change the level test makes, with the level it ends at and the level it started from.</summary>
    private static readonly Dictionary<string, (int Level, int PreviousLevel)> Changes = new()
    {
        [Level1Change] = (1, 1),
        [Escalation1To2] = (2, 1),
        [Level2Change] = (2, 2),
        [Escalation2To3] = (3, 2),
        [Level3Change] = (3, 3),
    };

    private readonly PortalAppFactory _app = new();
    private readonly Dictionary<string, PortalClient> _clients = [];
    private readonly List<HubClient> _hubs = [];
    private Uri _address = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>Role → the changes it must receive through its level groups, in the order they are made.</summary>
    public static TheoryData<string, string[]> LevelTraffic => new()
    {
        { PortalRoles.Agent, [Level1Change, Escalation1To2] },
        { PortalRoles.Csm, [Level1Change, Escalation1To2] },
        { PortalRoles.Cco, [Level1Change, Escalation1To2, Level2Change, Escalation2To3, Level3Change] },
        { PortalRoles.Ceo, [Escalation1To2, Level2Change, Escalation2To3, Level3Change] },
        { PortalRoles.Quality, [] },
        { PortalRoles.Admin, [] },
    };

    /// <summary>Role → the escalation levels it may join (P-70 to P-72); everything else is refused, undefined levels included.</summary>
    public static TheoryData<string, int[]> JoinableLevels => new()
    {
        { PortalRoles.Agent, [1] },
        { PortalRoles.Csm, [1] },
        { PortalRoles.Cco, [1, 2, 3] },
        { PortalRoles.Ceo, [2, 3] },
        { PortalRoles.Quality, [] },
        { PortalRoles.Admin, [] },
    };

    public static TheoryData<string> AllRoles => new(PortalRoles.All);

    public async ValueTask InitializeAsync() => _address = await _app.StartKestrelAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        foreach (var hub in _hubs)
        {
            await hub.DisposeAsync();
        }

        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await _app.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(LevelTraffic))]
    public async Task ComplaintChange_ConnectedAsRole_ArrivesOnceForEachLevelTheRoleWorksAndNeverOtherwise(string role, string[] expected)
    {
        var level1 = await RegisterAsync("Level-1 complaint", Ct);
        var escalatedTo2 = await RegisterAsync("Complaint escalated to level 2 during the test", Ct);
        var level2 = await RegisterAsync("Level-2 complaint", Ct, EscalationLevel.ChiefCustomerOfficer);
        var escalatedTo3 = await RegisterAsync("Complaint escalated to level 3 during the test", Ct, EscalationLevel.ChiefCustomerOfficer);
        var level3 = await RegisterAsync("Level-3 complaint", Ct, EscalationLevel.ChiefCustomerOfficer, EscalationLevel.ChiefExecutive);
        var marker = await RegisterAsync("Marker", Ct);
        var names = new Dictionary<Guid, string>
        {
            [level1] = Level1Change,
            [escalatedTo2] = Escalation1To2,
            [level2] = Level2Change,
            [escalatedTo3] = Escalation2To3,
            [level3] = Level3Change,
        };
        var csm = await SignedInAsync(PortalRoles.Csm);
        var cco = await SignedInAsync(PortalRoles.Cco);
        var hub = await ConnectAsync(role);
        await hub.JoinComplaintAsync(marker, Ct);

        await PostCommunicationAsync(csm, level1, Ct);
        await PostEscalationAsync(csm, escalatedTo2, EscalationLevel.ChiefCustomerOfficer, Ct);
        await PostCommunicationAsync(cco, level2, Ct);
        await PostEscalationAsync(cco, escalatedTo3, EscalationLevel.ChiefExecutive, Ct);
        await PostCommunicationAsync(cco, level3, Ct);
        await PostCommunicationAsync(csm, marker, Ct);
        await hub.WaitForChangeAsync(u => u.ComplaintId == marker, "the marker change", Ct);

        var received = hub.Changes.Where(u => names.ContainsKey(u.ComplaintId)).Select(u => (names[u.ComplaintId], u.Level, u.PreviousLevel)).ToList();
        Assert.Equal(expected.Select(change => (change, Changes[change].Level, (int?)Changes[change].PreviousLevel)).ToList(), received);
    }

    [Fact]
    public async Task Escalate_FromLevel1_TellsTheLevel1WatchersItLeftWithStatusReferenceAndEvents()
    {
        // The CSM queue must drop a complaint the moment it goes to the CCO (P-70 → P-71): the old level hears of it once.
        var complaint = await RegisterAsync("Escalated while the queue is open", Ct);
        var agentHub = await ConnectAsync(PortalRoles.Agent);
        var csm = await SignedInAsync(PortalRoles.Csm);

        await PostEscalationAsync(csm, complaint, EscalationLevel.ChiefCustomerOfficer, Ct);

        var update = await agentHub.WaitForChangeAsync(u => u.ComplaintId == complaint, "the escalation", Ct);
        var (stored, _) = await _app.Database.LoadComplaintAsync(complaint, Ct);
        Assert.Equal((stored.Reference, nameof(ComplaintStatus.Received), 2, (int?)1), (update.Reference, update.Status, update.Level, update.PreviousLevel));
        Assert.Equal([nameof(ComplaintEscalated)], update.Events);
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task JoinComplaint_AnyStaffRole_ReceivesThatComplaintsChangesOnceAndNoOtherComplaints(string role)
    {
        // Any staff member may open any case, so any staff member may follow one, whatever level it is at.
        var followed = await RegisterAsync("Followed case", Ct, EscalationLevel.ChiefCustomerOfficer, EscalationLevel.ChiefExecutive);
        var other = await RegisterAsync("Case nobody follows", Ct, EscalationLevel.ChiefCustomerOfficer, EscalationLevel.ChiefExecutive);
        var cco = await SignedInAsync(PortalRoles.Cco);
        var hub = await ConnectAsync(role);

        await hub.JoinComplaintAsync(followed, Ct);
        await PostCommunicationAsync(cco, other, Ct);
        await PostCommunicationAsync(cco, followed, Ct);
        await hub.WaitForChangeAsync(u => u.ComplaintId == followed, "the followed case's change", Ct);
        var levelWatchers = role is PortalRoles.Cco or PortalRoles.Ceo ? 1 : 0;

        Assert.Single(hub.Changes, u => u.ComplaintId == followed);
        Assert.Equal(levelWatchers, hub.Changes.Count(u => u.ComplaintId == other));
    }

    [Fact]
    public async Task Assign_ByCsmToAgent_NotifiesTheAgentAssignedAndNobodyElse()
    {
        var complaint = await RegisterAsync("Assigned to the agent", Ct);
        var hubs = await ConnectEveryRoleAsync(complaint);
        await using var csm = await _app.SignInAsync(SeededPortalFixture.DemoEmailFor(PortalRoles.Csm));
        var agentId = await UserIdAsync(PortalRoles.Agent);
        var (stored, version) = await _app.Database.LoadComplaintAsync(complaint, Ct);

        await csm.Complaints.AssignAsync(complaint, version, new AssignForm { OwnerId = agentId }, Ct);
        await csm.Complaints.LogCommunicationAsync(complaint, version + 1,
            new CommunicationForm { Direction = CommunicationDirection.Outbound, Channel = CommunicationChannel.Phone, Summary = "Told the customer who owns the case." }, Ct);

        var notified = await hubs[PortalRoles.Agent].WaitForNotificationAsync(n => n.ComplaintId == complaint, "the assignment notification", Ct);
        Assert.Equal(new NotificationUpdate(complaint, stored.Reference, NotificationKinds.Assigned), notified);
        await WaitForEachAsync(hubs.Values, complaint, nameof(ComplaintUpdated));
        Assert.Single(hubs[PortalRoles.Agent].Notifications);
        Assert.All(hubs.Where(h => h.Key != PortalRoles.Agent), h => Assert.Empty(h.Value.Notifications));
    }

    [Fact]
    public async Task Escalate_ToLevel2ByCsm_NotifiesCcoAndCeoEscalatedButNotTheCsm()
    {
        // Every escalation notifies the receiving level live (P-71); the CSM who escalated is not told of their own action.
        var complaint = await RegisterAsync("Escalated by the CSM", Ct);
        var hubs = await ConnectEveryRoleAsync(complaint);
        var csm = await SignedInAsync(PortalRoles.Csm);

        await PostEscalationAsync(csm, complaint, EscalationLevel.ChiefCustomerOfficer, Ct);
        await PostCommunicationAsync(csm, complaint, Ct);

        var (stored, _) = await _app.Database.LoadComplaintAsync(complaint, Ct);
        var expected = new NotificationUpdate(complaint, stored.Reference, NotificationKinds.Escalated);
        Assert.Equal(expected, await hubs[PortalRoles.Cco].WaitForNotificationAsync(n => n.ComplaintId == complaint, "the escalation notification", Ct));
        Assert.Equal(expected, await hubs[PortalRoles.Ceo].WaitForNotificationAsync(n => n.ComplaintId == complaint, "the escalation notification", Ct));
        await WaitForEachAsync(hubs.Values, complaint, nameof(ComplaintUpdated));
        Assert.Single(hubs[PortalRoles.Cco].Notifications);
        Assert.Single(hubs[PortalRoles.Ceo].Notifications);
        Assert.All(hubs.Where(h => h.Key is not (PortalRoles.Cco or PortalRoles.Ceo)), h => Assert.Empty(h.Value.Notifications));
    }

    [Fact]
    public async Task Escalate_ToLevel2ByCco_NotifiesTheCeoButNotTheCcoWhoEscalated()
    {
        // The CCO works level 2, but nobody is told about their own action; the CEO, who also works level 2, is.
        var complaint = await RegisterAsync("Escalated by the CCO", Ct);
        var hubs = await ConnectEveryRoleAsync(complaint);
        var secondCcoTab = await ConnectAsync(PortalRoles.Cco);
        await secondCcoTab.JoinComplaintAsync(complaint, Ct);
        var cco = await SignedInAsync(PortalRoles.Cco);

        await PostEscalationAsync(cco, complaint, EscalationLevel.ChiefCustomerOfficer, Ct);
        await PostCommunicationAsync(cco, complaint, Ct);

        var (stored, _) = await _app.Database.LoadComplaintAsync(complaint, Ct);
        Assert.Equal(new NotificationUpdate(complaint, stored.Reference, NotificationKinds.Escalated),
            await hubs[PortalRoles.Ceo].WaitForNotificationAsync(n => n.ComplaintId == complaint, "the escalation notification", Ct));
        await WaitForEachAsync([.. hubs.Values, secondCcoTab], complaint, nameof(ComplaintUpdated));
        Assert.Single(hubs[PortalRoles.Ceo].Notifications);
        Assert.Empty(hubs[PortalRoles.Cco].Notifications);
        Assert.Empty(secondCcoTab.Notifications);
        Assert.All(hubs.Where(h => h.Key != PortalRoles.Ceo), h => Assert.Empty(h.Value.Notifications));
    }

    [Fact]
    public async Task Connect_Anonymously_IsRefusedWith401()
    {
        await using var anonymous = HubClient.Create(_address, signedIn: null, "anonymous");

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.Connection.StartAsync(Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HubConnectionState.Disconnected, anonymous.Connection.State);
    }

    [Theory]
    [MemberData(nameof(JoinableLevels))]
    public async Task JoinLevel_AsRole_IsAllowedOnlyForTheLevelsTheRoleWorks(string role, int[] allowed)
    {
        var hub = await ConnectAsync(role);

        var joined = new List<int>();
        foreach (var level in new[] { 0, 1, 2, 3, 4, 9, -1 })
        {
            try
            {
                await hub.JoinLevelAsync(level, Ct);
                joined.Add(level);
            }
            catch (HubException refused)
            {
                Assert.Contains("not allowed to watch this escalation level", refused.Message, StringComparison.Ordinal);
            }
        }

        // A refusal answers the one call; the connection stays up.
        Assert.Equal(allowed, joined);
        Assert.Equal(HubConnectionState.Connected, hub.Connection.State);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task JoinLevel_AboveLevel1AsCsm_IsRefusedAndThatLevelsChangesNeverArrive(int level)
    {
        // P-70: the CSM owns level 1; levels 2 and 3 belong to the CCO and CEO (P-71, P-72).
        var escalations = new[] { EscalationLevel.ChiefCustomerOfficer, EscalationLevel.ChiefExecutive }.Take(level - 1).ToArray();
        var above = await RegisterAsync($"Level-{level} complaint", Ct, escalations);
        var marker = await RegisterAsync("Marker", Ct);
        var cco = await SignedInAsync(PortalRoles.Cco);
        var hub = await ConnectAsync(PortalRoles.Csm);

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.JoinLevelAsync(level, Ct));
        await PostCommunicationAsync(cco, above, Ct);
        await PostCommunicationAsync(cco, marker, Ct);
        await hub.WaitForChangeAsync(u => u.ComplaintId == marker, "the level-1 marker change", Ct);

        Assert.Contains("not allowed", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(hub.Changes, u => u.ComplaintId == above);
    }

    [Fact]
    public async Task JoinLevel_Level2AsCco_Succeeds()
    {
        var hub = await ConnectAsync(PortalRoles.Cco);

        await hub.JoinLevelAsync(2, Ct);

        Assert.Equal(HubConnectionState.Connected, hub.Connection.State);
    }

    [Fact]
    public async Task JoinLevel_Level1AsCeo_IsRefused()
    {
        var hub = await ConnectAsync(PortalRoles.Ceo);

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.JoinLevelAsync(1, Ct));

        Assert.Contains("not allowed", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Registers a fresh phone complaint as the CSM (received five minutes ago, so no deadline rule touches it) and
    /// escalates it, as the CCO, through <paramref name="escalations"/> in order. Done before any hub connects.
    /// </summary>
    private async Task<Guid> RegisterAsync(string subject, CancellationToken cancellationToken, params EscalationLevel[] escalations)
    {
        Guid id;
        await using (var csm = await _app.SignInAsync(SeededPortalFixture.DemoEmailFor(PortalRoles.Csm)))
        {
            var received = csm.Services.GetRequiredService<BusinessClock>().LocalNow.AddMinutes(-5);
            var registered = await csm.Complaints.RegisterAsync(new RegisterComplaintForm
            {
                Channel = ComplaintChannel.Phone,
                ReceivedOn = received.Date,
                ReceivedTime = new TimeSpan(received.Hour, received.Minute, 0),
                CustomerName = "Timur Akhmetov",
                Phone = "+77771234567",
                PreferredContact = ContactMethod.Phone,
                Subject = subject,
                Description = "Tracking says delivered, nothing arrived.",
                CategoryCode = "delivery",
            }, cancellationToken);
            id = registered.Id;
        }

        await using var cco = await _app.SignInAsync(SeededPortalFixture.DemoEmailFor(PortalRoles.Cco));
        foreach (var level in escalations)
        {
            var (_, version) = await _app.Database.LoadComplaintAsync(id, cancellationToken);
            await cco.Complaints.EscalateAsync(id, version, new EscalateForm { Level = level, Reason = "Set up by the test." }, cancellationToken);
        }

        return id;
    }

    private async Task<PortalClient> SignedInAsync(string role)
    {
        if (!_clients.TryGetValue(role, out var client))
        {
            client = await PortalClient.SignedInAsync(_app, SeededPortalFixture.DemoEmailFor(role), cancellationToken: Ct);
            _clients[role] = client;
        }

        return client;
    }

    private async Task<HubClient> ConnectAsync(string role)
    {
        var hub = await HubClient.ConnectAsync(_address, await SignedInAsync(role), role, Ct);
        _hubs.Add(hub);
        return hub;
    }

    /// <summary>One connection per role, each following <paramref name="complaint"/> so a later change to it is a barrier for all.</summary>
    private async Task<Dictionary<string, HubClient>> ConnectEveryRoleAsync(Guid complaint)
    {
        var hubs = new Dictionary<string, HubClient>();
        foreach (var role in PortalRoles.All)
        {
            hubs[role] = await ConnectAsync(role);
            await hubs[role].JoinComplaintAsync(complaint, Ct);
        }

        return hubs;
    }

    private static async Task WaitForEachAsync(IEnumerable<HubClient> hubs, Guid complaint, string eventName)
    {
        foreach (var hub in hubs)
        {
            await hub.WaitForChangeAsync(u => u.ComplaintId == complaint && u.Events.Contains(eventName), $"a {eventName} change", Ct);
        }
    }

    private async Task<string> UserIdAsync(string role)
    {
        await using var scope = await _app.SignInAsync(SeededPortalFixture.DemoEmailFor(role));
        return scope.Actor.Id;
    }

    private static async Task<long> VersionAsync(PortalClient client, Guid id, CancellationToken cancellationToken) =>
        (await client.Http.GetFromJsonAsync<ComplaintState>($"api/complaints/{id}", Json, cancellationToken))!.Version;

    private static async Task PostCommunicationAsync(PortalClient client, Guid id, CancellationToken cancellationToken)
    {
        var request = new CommunicationRequest(CommunicationDirection.Outbound, CommunicationChannel.Phone, "Called the customer with an update.",
            await VersionAsync(client, id, cancellationToken));
        using var response = await client.Http.PostAsJsonAsync($"api/complaints/{id}/communications", request, Json, cancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static async Task PostEscalationAsync(PortalClient client, Guid id, EscalationLevel level, CancellationToken cancellationToken)
    {
        var request = new EscalationRequest(level, "Customer asked for a manager.", await VersionAsync(client, id, cancellationToken));
        using var response = await client.Http.PostAsJsonAsync($"api/complaints/{id}/escalations", request, Json, cancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
