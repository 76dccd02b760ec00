using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration;

/// <summary>What the portal stores outlives the process (P-51: records are kept), and a new file is made ready by itself.</summary>
[Collection(PortalHostCollection.Name)]
public sealed class PersistenceTests
{
    // Monday 2 March 2026, 11:00 in Almaty (UTC+5).
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Restart_OnSameFile_RegisteredComplaintReadsBackWithAllFieldsAndTimeline()
    {
        using var database = TestDatabase.Create();
        var clock = new FakeTimeProvider(Start);
        Guid id;
        StoredComplaint before;
        IReadOnlyList<TimelineEntry> timelineBefore;
        Actor csm;
        int complaintsBefore;

        await using (var first = new PortalAppFactory(new PortalAppOptions { Database = database, Clock = clock }))
        {
            await using var session = await first.SignInAsync(SeededPortalFixture.DemoEmailFor(PortalRoles.Csm));
            csm = session.Actor;
            var registered = await session.Complaints.RegisterAsync(new RegisterComplaintForm
            {
                Channel = ComplaintChannel.Email,
                ReceivedOn = new DateTime(2026, 3, 2),
                ReceivedTime = new TimeSpan(9, 30, 0),
                CustomerName = "Gulnara Sadykova",
                Email = "Gulnara.Sadykova@Example.kz",
                Phone = "+7 (701) 222-33-44",
                PreferredContact = ContactMethod.Email,
                OrderNumber = "ZW-885001",
                Product = "AeroPress coffee maker",
                Subject = "Lid cracked on arrival",
                Description = "The lid of the coffee maker was cracked when I opened the box.",
                CategoryCode = "packaging",
                Severity = ComplaintSeverity.Serious,
                PreferredResolution = PreferredResolution.Replacement,
            }, Ct);
            id = registered.Id;
            clock.Advance(TimeSpan.FromMinutes(40));
            var loaded = await session.Complaints.GetCaseAsync(id, Ct);
            await session.Complaints.AcknowledgeAsync(id, loaded!.Version,
                new AcknowledgeForm { Method = ContactMethod.Email, EstimatedResolutionDate = new DateTime(2026, 3, 9) }, Ct);

            var stored = (await session.Complaints.GetCaseAsync(id, Ct))!;
            before = StoredComplaint.Of(stored.Complaint);
            timelineBefore = TimelineEntry.Of(stored.Complaint);
            complaintsBefore = await database.CountComplaintsAsync(Ct);
        }

        clock.Advance(TimeSpan.FromHours(1));
        await using var second = new PortalAppFactory(new PortalAppOptions { Database = database, Clock = clock });
        await using var reader = await second.SignInAsync(SeededPortalFixture.DemoEmailFor(PortalRoles.Cco));
        var reloaded = await reader.Complaints.GetCaseAsync(id, Ct);

        Assert.NotNull(reloaded);
        Assert.Equal(before, StoredComplaint.Of(reloaded.Complaint));
        Assert.Equal(timelineBefore, TimelineEntry.Of(reloaded.Complaint));
        // The restarted seeder is idempotent: no second set of demo complaints.
        Assert.Equal(complaintsBefore, await database.CountComplaintsAsync(Ct));

        // And what was stored is what was entered, not merely the same thing twice.
        var c = reloaded.Complaint;
        var receivedAt = new DateTime(2026, 3, 2, 4, 30, 0, DateTimeKind.Utc); // 09:30 in Almaty
        var acknowledgedAt = Start.UtcDateTime.AddMinutes(40);
        Assert.Equal(ComplaintChannel.Email, c.Channel);
        Assert.Equal(receivedAt, c.ReceivedAt);
        Assert.Equal(DateTimeKind.Utc, c.ReceivedAt.Kind);
        Assert.Equal(Start.UtcDateTime, c.RegisteredAt);
        Assert.Equal(csm.Id, c.RegisteredById);
        Assert.Equal(CustomerContact.Create("Gulnara Sadykova", "gulnara.sadykova@example.kz", "+77012223344", ContactMethod.Email), c.Customer);
        Assert.Equal(("ZW-885001", "AeroPress coffee maker"), (c.OrderNumber, c.Product));
        Assert.Equal(("Lid cracked on arrival", "The lid of the coffee maker was cracked when I opened the box.", "packaging"), (c.Subject, c.Description, c.CategoryCode));
        Assert.Equal((ComplaintSeverity.Serious, PreferredResolution.Replacement), (c.Severity, c.PreferredResolution));
        Assert.Equal(ComplaintStatus.Acknowledged, c.Status);
        Assert.Equal(receivedAt.AddHours(24), c.AcknowledgementDueAt); // P-20
        Assert.Equal(new Acknowledgement(ContactMethod.Email, acknowledgedAt, csm.Id, csm.Name, new DateOnly(2026, 3, 9)), c.Acknowledgement);
        Assert.Equal(EscalationLevel.ChiefCustomerOfficer, c.EscalationLevel); // P-71: serious goes to level 2
        Assert.Equal(
            [
                (ComplaintHistoryKinds.Registered, csm.Id, Start.UtcDateTime),
                (ComplaintHistoryKinds.Escalated, Actor.SystemId, Start.UtcDateTime),
                (ComplaintHistoryKinds.Acknowledged, csm.Id, acknowledgedAt),
                (ComplaintHistoryKinds.StatusChanged, csm.Id, acknowledgedAt),
            ],
            TimelineEntry.Of(c).Select(e => (e.Kind, e.ActorId, e.At)));
        Assert.Equal(("Received", "Acknowledged"), (c.History[^1].Before, c.History[^1].After));
    }

    [Fact]
    public async Task Start_OnFreshFile_AppliesEveryMigrationInWalModeAndSeedsRolesAndCategoriesOnly()
    {
        using var fresh = TestDatabase.Create();
        await using var app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false, Database = fresh });
        app.StartServer();

        var tables = await app.Database.GetTableNamesAsync(Ct);
        Assert.Subset(tables.ToHashSet(),
            new HashSet<string>
            {
                "__EFMigrationsHistory", "AspNetUsers", "AspNetRoles", "AspNetUserRoles", "ComplaintCategories", "Complaints",
                "ComplaintHistory", "ComplaintEvidence", "ComplaintInterviews", "ComplaintCommunications", "ComplaintEscalations",
            });
        await using var db = app.Database.CreateContext();
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Ct));
        Assert.Equal("wal", await app.Database.QueryScalarAsync("PRAGMA journal_mode;", Ct));
        Assert.Equal(PortalRoles.All.Order(), (await db.Roles.Select(r => r.Name!).ToListAsync(Ct)).Order());
        Assert.Contains(await db.Categories.Select(c => c.Code).ToListAsync(Ct), code => code == "product-defect");
        Assert.Empty(await db.Users.ToListAsync(Ct));
        Assert.Empty(await db.Complaints.ToListAsync(Ct));
    }

    [Theory]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("/app.css")]
    public async Task Get_StaticAsset_ServesCss(string path)
    {
        await using var app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false });
        using var client = PortalClient.Create(app);

        using var response = await client.Http.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync(Ct)).Length > 0);
    }
}
