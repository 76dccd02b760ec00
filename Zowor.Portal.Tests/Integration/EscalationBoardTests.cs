using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Categories;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration;

/// <summary>
/// The escalation board (P-71, P-72) for the CEO: it lists levels 2 and 3 (what the menu badge counts) without the live
/// queue's policy, the server still refuses level 1 to the CEO and the board to roles outside it, and its breach banner
/// links to the live queue only for those who may open it.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class EscalationBoardTests(SeededPortalFixture portal) : IClassFixture<SeededPortalFixture>
{
    private static readonly IReadOnlyList<EscalationLevel> BoardLevels = [EscalationLevel.ChiefCustomerOfficer, EscalationLevel.ChiefExecutive];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(PortalRoles.Ceo)]
    [InlineData(PortalRoles.Cco)]
    public async Task Board_ForItsRoles_ListsAsManyAsTheSummaryCountsAtLevels2And3(string role)
    {
        await using var staff = await portal.App.SignInAsync(SeededPortalFixture.DemoEmailFor(role));

        var board = await staff.Complaints.GetQueueAsync(new QueueQuery { Levels = BoardLevels }, Ct);
        var summary = await staff.Complaints.GetSummaryAsync(Ct);

        Assert.True(board.Total > 0, "The demo data has escalated complaints.");
        Assert.Equal(summary.AtLevel2 + summary.AtLevel3, board.Total);
        Assert.All(board.Rows, r => Assert.Contains(r.Level, BoardLevels));
    }

    [Theory]
    [InlineData(PortalRoles.Ceo, EscalationLevel.CustomerServiceManager)]
    [InlineData(PortalRoles.Quality, EscalationLevel.ChiefCustomerOfficer)]
    [InlineData(PortalRoles.Agent, EscalationLevel.ChiefExecutive)]
    [InlineData(PortalRoles.Admin, EscalationLevel.CustomerServiceManager)]
    public async Task Queue_AtALevelTheRoleDoesNotWork_IsRefusedOnTheServer(string role, EscalationLevel level)
    {
        await using var staff = await portal.App.SignInAsync(SeededPortalFixture.DemoEmailFor(role));

        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => staff.Complaints.GetQueueAsync(new QueueQuery { Levels = [level] }, Ct));
    }

    [Fact]
    public async Task BreachBanner_LinksTheLiveQueue_ForTheCcoButNotForTheCeo()
    {
        await using var app = new PortalAppFactory();
        await using (var csm = await app.SignInAsync(SeededPortalFixture.DemoEmailFor(PortalRoles.Csm)))
        {
            // P-20: received three days ago and never acknowledged, so the board's breach banner shows.
            var today = DateTime.UtcNow.Date;
            await csm.Complaints.RegisterAsync(new RegisterComplaintForm
            {
                Channel = ComplaintChannel.Phone,
                ReceivedOn = today.AddDays(-3),
                ReceivedTime = new TimeSpan(10, 0, 0),
                CustomerName = "Aigerim Sadykova",
                Phone = "+7 777 555 01 02",
                PreferredContact = ContactMethod.Phone,
                Subject = "Kettle leaks",
                Description = "The new kettle leaks from the base.",
                CategoryCode = (await csm.Services.GetRequiredService<CategoryService>().GetAllByCodeAsync(Ct)).Keys.First(),
                Severity = ComplaintSeverity.Normal,
                PreferredResolution = PreferredResolution.Replacement,
            }, Ct);
        }

        foreach (var (role, linked) in new[] { (PortalRoles.Cco, true), (PortalRoles.Ceo, false) })
        {
            using var client = await PortalClient.SignedInAsync(app, SeededPortalFixture.DemoEmailFor(role), cancellationToken: Ct);
            var (response, page) = await client.GetPageAsync("escalations", Ct);
            using (response)
            {
                response.EnsureSuccessStatusCode();
                var banner = page.QuerySelector("[data-testid=board-breaches]");
                Assert.True(banner is not null, $"{role}: the board shows no breach banner.");
                Assert.Equal(linked, banner.QuerySelector("a[href='queue']") is not null);
            }
        }
    }
}
