using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration.Queue;

/// <summary>
/// Issue 21 (lean live queue): the first page of rows is in the prerendered HTML, so the rows are on screen before the
/// circuit starts; the circuit takes them over from the persisted state (<see cref="ComplaintQueue.Prerendered"/>)
/// rather than querying again. Live after the circuit starts: Browser/LiveUpdatesTests.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class QueuePrerenderTests(SeededPortalFixture portal) : IClassFixture<SeededPortalFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(PortalRoles.Csm, "queue", new[] { EscalationLevel.CustomerServiceManager })]
    [InlineData(PortalRoles.Cco, "escalations", new[] { EscalationLevel.ChiefCustomerOfficer, EscalationLevel.ChiefExecutive })]
    public async Task FirstPage_IsInThePrerenderedHtml_WithItsCountdownsAndTheStateForTheCircuit(string role, string path, EscalationLevel[] levels)
    {
        var email = SeededPortalFixture.DemoEmailFor(role);
        QueueResult expected;
        await using (var staff = await portal.App.SignInAsync(email))
        {
            expected = await staff.Complaints.GetQueueAsync(new QueueFilter().ToQuery(levels), Ct);
        }

        Assert.True(expected.Rows.Count > 0, $"The demo data has complaints on {path}.");
        using var client = await PortalClient.SignedInAsync(portal.App, email, cancellationToken: Ct);
        var (response, page) = await client.GetPageAsync(path, Ct);
        using (response)
        {
            response.EnsureSuccessStatusCode();
            var html = page.Source.Text; // the response as sent: the state comment follows </html>
            // The plain HTTP response, before any script runs: the first page's rows, in the queue's order.
            var references = page.QuerySelectorAll("[data-testid=queue-table] tbody [data-testid=queue-reference]").Select(a => a.TextContent.Trim()).ToList();
            Assert.Equal(expected.Rows.Select(r => r.Reference), references);
            Assert.Contains(expected.Rows[0].Reference, html, StringComparison.Ordinal);
            Assert.NotEmpty(page.QuerySelectorAll("[data-testid=queue-table] [data-testid=deadline][data-deadline]"));
            Assert.NotEmpty(page.QuerySelectorAll("[data-testid=queue-table] [data-testid=status-chip]"));
            // The prerender's rows handed to the circuit (persistent component state), so it neither queries nor blanks them.
            Assert.Contains("Blazor-Server-Component-State", html, StringComparison.Ordinal);
            // Idle circuits (wwwroot/js/portal.js): the list may pause, says which levels wake it and the event count it was read at.
            var list = page.QuerySelector("[data-idle-refresh=queue]");
            Assert.NotNull(list);
            Assert.Equal("true", list.GetAttribute("data-idle-pause"));
            Assert.Equal(string.Join(',', levels.Select(l => (int)l)), list.GetAttribute("data-live-levels"));
            Assert.True(long.TryParse(list.GetAttribute("data-live-since"), out _));
            Assert.Equal("120", page.DocumentElement.GetAttribute("data-idle-pause-seconds"));
            Assert.NotNull(page.QuerySelector("[data-idle-refresh=nav]"));
            Assert.NotNull(page.QuerySelector("[data-idle-refresh=bell]"));
        }
    }
}
