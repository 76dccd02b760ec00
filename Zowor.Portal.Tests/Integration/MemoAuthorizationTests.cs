using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Features.Memos;
using Zowor.Portal.Features.Notifications;
using Zowor.Portal.Features.Training;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration;

/// <summary>
/// Who may publish and read memos (P-81) and keep training records (P-80), over real HTTP for the pages and through the
/// services for every role, on a real SQLite file. The expected access is written out here, not read from
/// <see cref="PortalRoles.PolicyRoles"/>, so widening a policy by mistake fails a test.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class MemoAuthorizationTests(SeededPortalFixture portal) : IClassFixture<SeededPortalFixture>
{
    private static readonly string[] Publishers = [PortalRoles.Admin, PortalRoles.Cco, PortalRoles.Quality];
    private static readonly string[] TrainingManagers = [PortalRoles.Admin, PortalRoles.Csm, PortalRoles.Cco, PortalRoles.Quality];

    /// <summary>Each page, a test id only its content renders, and the roles that may open it.</summary>
    private static readonly (string Page, string ContentTestId, string[] Roles)[] Pages =
    [
        ("/memos", "memo-list", [.. PortalRoles.All]),
        ("/memos/new", "memo-editor", Publishers),
        ("/training", "training-page", [.. PortalRoles.All]),
    ];

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static TheoryData<string, string, bool> PageAccess
    {
        get
        {
            var data = new TheoryData<string, string, bool>();
            foreach (var (page, _, roles) in Pages)
            {
                foreach (var role in PortalRoles.All)
                {
                    data.Add(role, page, roles.Contains(role));
                }
            }

            return data;
        }
    }

    public static TheoryData<string, bool> Publishing => Each(Publishers);

    public static TheoryData<string, bool> TrainingRecords => Each(TrainingManagers);

    public static TheoryData<string, bool> Courses => Each([PortalRoles.Admin]);

    [Theory]
    [MemberData(nameof(PageAccess))]
    public async Task Get_MemoAndTrainingPagesAsRole_RenderOnlyForAllowedRoles(string role, string page, bool allowed)
    {
        var client = await portal.ClientForAsync(role, Ct);

        var (response, document) = await client.GetPageAsync(page, Ct);

        var content = document.QuerySelector($"[data-testid={Pages.Single(p => p.Page == page).ContentTestId}]");
        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull(content);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/access-denied", response.Headers.Location!.AbsolutePath);
            Assert.Null(content);
        }
    }

    [Theory]
    [MemberData(nameof(TrainingRecords))]
    public async Task Get_ComplianceCsvAsRole_OnlyTrainingManagersDownloadIt(string role, bool allowed)
    {
        // P-80 evidence for auditors: the team's training export.
        var client = await portal.ClientForAsync(role, Ct);

        using var response = await client.Http.GetAsync("/training/compliance/csv", Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        var body = System.Text.Encoding.UTF8.GetString(bytes);

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            // A byte-order mark first, so spreadsheet programs read Cyrillic names as UTF-8.
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3).ToArray());
            Assert.StartsWith("Staff member,Roles,Course,Mandatory,Status,Completed on,Expires on", body.TrimStart('\uFEFF'), StringComparison.Ordinal);
            // The one CSV writer quotes a field only when it needs it (a comma, quote, tab or line break).
            Assert.Contains(",Complaint handling procedure,", body, StringComparison.Ordinal);
        }
        else
        {
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("Complaint handling procedure", body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Publishing))]
    public async Task PublishAsync_AsRole_OnlyAdminCcoAndQualityPublish(string role, bool allowed)
    {
        await using var scope = await portal.App.SignInAsync(SeededPortalFixture.DemoEmailFor(role));
        var memos = scope.Services.GetRequiredService<MemoService>();
        var form = Form($"Memo by {role}", PortalRoles.Agent);

        if (allowed)
        {
            var id = await memos.PublishAsync(form, Ct);
            await using var db = portal.App.Database.CreateContext();
            Assert.Equal(scope.Actor.Id, await db.Memos.Where(m => m.Id == id).Select(m => m.AuthorId).SingleAsync(Ct));
        }
        else
        {
            await Assert.ThrowsAsync<PortalAccessDeniedException>(() => memos.PublishAsync(form, Ct));
            await using var db = portal.App.Database.CreateContext();
            Assert.False(await db.Memos.AnyAsync(m => m.Title == form.Title, Ct));
        }
    }

    [Fact]
    public async Task PublishedMemo_ForAgentsAndCsms_IsSeenOnlyByThatAudienceAndItsAuthor()
    {
        // P-81: a memo reaches the roles it is for; nobody else reads it, by list, by link or by acknowledging.
        Guid id;
        await using (var quality = await portal.App.SignInAsync(SeededPortalFixture.DemoEmailFor(PortalRoles.Quality)))
        {
            id = await quality.Services.GetRequiredService<MemoService>().PublishAsync(Form("Audience check", PortalRoles.Agent, PortalRoles.Csm), Ct);
        }

        foreach (var role in PortalRoles.All)
        {
            await using var scope = await portal.App.SignInAsync(SeededPortalFixture.DemoEmailFor(role));
            var memos = scope.Services.GetRequiredService<MemoService>();
            var inAudience = role is PortalRoles.Agent or PortalRoles.Csm;
            var isAuthor = role == PortalRoles.Quality;

            var listed = (await memos.ListMineAsync(Ct)).Any(m => m.Id == id);
            var detail = await memos.GetAsync(id, Ct);

            Assert.True(listed == (inAudience || isAuthor), $"{role}: listed {listed}");
            Assert.True((detail is not null) == (inAudience || isAuthor), $"{role}: opened {detail is not null}");
            // Only the author sees who has acknowledged.
            Assert.Equal(isAuthor, detail?.Readers is not null);
            if (inAudience)
            {
                await memos.AcknowledgeAsync(id, Ct);
                Assert.NotNull((await memos.GetAsync(id, Ct))!.AcknowledgedByMeAt);
            }
            else
            {
                var refused = await Assert.ThrowsAsync<Zowor.Portal.Domain.Common.DomainException>(() => memos.AcknowledgeAsync(id, Ct));
                Assert.Equal("This memo is not addressed to you.", refused.Message);
            }
        }

        await using (var author = await portal.App.SignInAsync(SeededPortalFixture.DemoEmailFor(PortalRoles.Quality)))
        {
            var readers = (await author.Services.GetRequiredService<MemoService>().GetAsync(id, Ct))!.Readers!;
            Assert.Equal(
                [(SeededPortalFixture.DemoEmailFor(PortalRoles.Agent), true), (SeededPortalFixture.DemoEmailFor(PortalRoles.Csm), true)],
                readers.Select(r => (Zowor.Portal.Data.DbSeeder.DemoUsers.Single(u => u.Name == r.Name).Email, r.AcknowledgedAt is not null)).Order());
        }

        // Personal notifications went to the audience only, never to the author.
        await using var db = portal.App.Database.CreateContext();
        var notified = await db.Set<UserNotification>().Where(n => n.Link == $"memos/{id}").Join(db.Users, n => n.UserId, u => u.Id, (n, u) => u.Email!).ToListAsync(Ct);
        Assert.Equal([SeededPortalFixture.DemoEmailFor(PortalRoles.Agent), SeededPortalFixture.DemoEmailFor(PortalRoles.Csm)], notified.Order());
    }

    [Fact]
    public async Task GetMemoPage_OutsideTheAudience_ShowsNotFoundWithoutTheText()
    {
        Guid id;
        await using (var cco = await portal.App.SignInAsync(SeededPortalFixture.DemoEmailFor(PortalRoles.Cco)))
        {
            id = await cco.Services.GetRequiredService<MemoService>().PublishAsync(Form("Only for agents", PortalRoles.Agent), Ct);
        }

        var ceo = await portal.ClientForAsync(PortalRoles.Ceo, Ct);
        var agent = await portal.ClientForAsync(PortalRoles.Agent, Ct);

        var (_, hidden) = await ceo.GetPageAsync($"/memos/{id}", Ct);
        var (_, shown) = await agent.GetPageAsync($"/memos/{id}", Ct);

        Assert.NotNull(hidden.QuerySelector("[data-testid=memo-not-found]"));
        Assert.Null(hidden.QuerySelector("[data-testid=memo-body]"));
        Assert.DoesNotContain("Only for agents", hidden.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Only for agents", shown.QuerySelector("[data-testid=memo-title]")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TrainingRecords))]
    public async Task TrainingManagerMethods_AsRole_OnlyAdminCsmCcoAndQuality(string role, bool allowed)
    {
        await using var scope = await portal.App.SignInAsync(SeededPortalFixture.DemoEmailFor(role));
        var training = scope.Services.GetRequiredService<TrainingService>();
        var courseId = (await training.ListCoursesAsync(Ct))[0].Id;
        var session = new TrainingSessionForm { CourseId = courseId, HeldOn = DateTime.UtcNow.Date.AddDays(-1), Trainer = $"Trainer for {role}", AttendeeIds = [scope.Actor.Id] };

        if (allowed)
        {
            Assert.NotEmpty((await training.GetTeamAsync(Ct)).Staff);
            Assert.NotEmpty(await training.ListSessionsAsync(cancellationToken: Ct));
            Assert.NotEmpty(await training.ExportTeamCsvAsync(Ct));
            await training.RecordSessionAsync(session, Ct);
        }
        else
        {
            await Assert.ThrowsAsync<PortalAccessDeniedException>(() => training.GetTeamAsync(Ct));
            await Assert.ThrowsAsync<PortalAccessDeniedException>(() => training.ListSessionsAsync(cancellationToken: Ct));
            await Assert.ThrowsAsync<PortalAccessDeniedException>(() => training.ListStaffAsync(Ct));
            await Assert.ThrowsAsync<PortalAccessDeniedException>(() => training.ExportTeamCsvAsync(Ct));
            await Assert.ThrowsAsync<PortalAccessDeniedException>(() => training.RecordSessionAsync(session, Ct));
        }

        // Everyone sees their own training (P-80), and only their own.
        var mine = await training.GetMineAsync(Ct);
        Assert.True(mine.Courses.Count >= 4);
        await using var db = portal.App.Database.CreateContext();
        Assert.Equal(allowed, await db.TrainingSessions.AnyAsync(s => s.Trainer == session.Trainer, Ct));
    }

    [Theory]
    [MemberData(nameof(Courses))]
    public async Task AddCourseAsync_AsRole_OnlyAdmins(string role, bool allowed)
    {
        await using var scope = await portal.App.SignInAsync(SeededPortalFixture.DemoEmailFor(role));
        var training = scope.Services.GetRequiredService<TrainingService>();
        var form = new TrainingCourseForm { Name = $"Handling abusive callers ({role})", ValidityMonths = 24, IsMandatory = false };

        if (allowed)
        {
            await training.AddCourseAsync(form, Ct);
        }
        else
        {
            await Assert.ThrowsAsync<PortalAccessDeniedException>(() => training.AddCourseAsync(form, Ct));
        }

        await using var db = portal.App.Database.CreateContext();
        Assert.Equal(allowed, await db.TrainingCourses.AnyAsync(c => c.Name == form.Name, Ct));
    }

    private static MemoForm Form(string title, params string[] audience) => new()
    {
        Title = title,
        Body = "Please read **carefully**.",
        EffectiveOn = DateTime.UtcNow.Date.AddDays(7),
        AudienceRoles = [.. audience],
    };

    private static TheoryData<string, bool> Each(string[] allowedRoles)
    {
        var data = new TheoryData<string, bool>();
        foreach (var role in PortalRoles.All)
        {
            data.Add(role, allowedRoles.Contains(role));
        }

        return data;
    }
}
