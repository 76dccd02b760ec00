using Bunit;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Components.Complaints;

/// <summary>
/// The case workspace: the actions it offers for a stored complaint, a refusal by the domain, and a concurrent edit.
/// Complaints are built through the domain (<see cref="ComplaintBuilder"/>) and stored in the test's SQLite file.
/// </summary>
public sealed class ComplaintDetailPageTests : PortalComponentTestBase
{
    private const string RejectedOfferMessage =
        "The customer rejected the offered resolution: return to the investigation and propose another.";

    private const string ConflictMessage =
        "Someone else changed this complaint while you were working on it. The latest version is shown; your entry is still in the form — check it and try again.";

    private static readonly Actor Colleague = new("user-csm-9", "Dana Karimova");

    public ComplaintDetailPageTests() => RenderProviders();

    public static TheoryData<ComplaintStatus> Statuses => [.. Enum.GetValues<ComplaintStatus>()];

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Render_CsmOnComplaintInStatus_ShowsExactlyTheAllowedActions(ComplaintStatus status)
    {
        SignInAsCsm();
        var complaint = await SaveAsync(ComplaintBuilder.AtStatus(status));

        var cut = RenderCase(complaint.Id);

        // A CSM satisfies every complaint policy, so the page offers everything the domain allows.
        Assert.Equal(status.ToString(), cut.Find("[data-testid=status-chip]").GetAttribute("data-status"));
        Assert.Equal(complaint.AllowedActions, ActionButtons(cut));
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Render_AgentOnComplaintInStatus_ShowsTheAllowedActionsTheirPoliciesPermit(ComplaintStatus status)
    {
        SignInAsAgent();
        var complaint = await SaveAsync(ComplaintBuilder.AtStatus(status));
        var policies = PoliciesOf(PortalRoles.Agent);

        var cut = RenderCase(complaint.Id);

        var expected = complaint.AllowedActions.Where(a => policies.Contains(ComplaintActionPolicies.For(a))).ToList();
        Assert.Equal(expected, ActionButtons(cut));
        Assert.DoesNotContain(ComplaintAction.Close, ActionButtons(cut));
    }

    [Fact]
    public void Render_UnknownId_SaysTheComplaintDoesNotExist()
    {
        SignInAsCsm();

        var cut = Render<ComplaintDetailPage>(p => p.Add(x => x.Id, Guid.NewGuid()));

        cut.WaitForAssertion(() => Assert.Contains("This complaint does not exist.", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(ActionButtons(cut));
    }

    [Fact]
    public async Task Resolve_CustomerRejectedTheOffer_ShowsTheDomainMessageAndKeepsStatusAndInput()
    {
        SignInAsCsm();
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Resolving);
        var complaint = builder.Build();
        complaint.RecordCustomerResponse(false, "Wants a refund, not a replacement.", builder.Actor, builder.Advance());
        await SaveAsync(complaint);
        var (_, versionBefore) = await Database.LoadComplaintAsync(complaint.Id, Cancellation);
        var cut = RenderCase(complaint.Id);

        // The workflow table still offers Resolve in Resolving; the guard needs the offer's answer (P-41).
        cut.Find("[data-testid=action-Resolve]").Click();
        cut.WaitForElement("[data-testid=action-form] textarea").Change("Replacement shipped anyway.");
        cut.Find("[data-testid=action-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains(SnackbarMessages(), m => m.Contains(RejectedOfferMessage, StringComparison.Ordinal)));
        var (stored, version) = await Database.LoadComplaintAsync(complaint.Id, Cancellation);
        Assert.Equal(ComplaintStatus.Resolving, stored.Status);
        Assert.Equal(versionBefore, version);
        Assert.Null(stored.Resolution!.ImplementedAt);
        // The refused form stays open with what the user typed.
        Assert.Equal(nameof(ComplaintAction.Resolve), cut.Find("[data-testid=action-form]").GetAttribute("data-action"));
        Assert.Equal("Replacement shipped anyway.", cut.Find("[data-testid=action-form] textarea").GetAttribute("value"));
    }

    [Fact]
    public async Task Contacts_WithFourEmailsAndOneCall_CountsEveryContactListed()
    {
        SignInAsCsm();
        var complaint = await SaveAsync(ComplaintBuilder.AtStatus(ComplaintStatus.Investigating));
        await ChangeBehindThePageAsync(complaint.Id, c =>
            c.LogCommunication(CommunicationDirection.Inbound, CommunicationChannel.Phone, "Customer called to ask for news.", Colleague, Time.GetUtcNow().UtcDateTime));
        await using (var db = Database.CreateContext())
        {
            // Four e-mails to the customer (acknowledgement, updates), as the outbox keeps them.
            for (var i = 1; i <= 4; i++)
            {
                db.OutboxMessages.Add(new Zowor.Portal.Features.Mail.OutboxMessage
                {
                    ComplaintId = complaint.Id, Kind = "Update", ToAddress = "timur.a@example.kz", ToName = "Timur Akhmetov",
                    Subject = $"Update {i}", Body = "News about your complaint.", Culture = "en",
                    CreatedAt = Time.GetUtcNow().UtcDateTime.AddMinutes(i), NextAttemptAt = Time.GetUtcNow().UtcDateTime.AddMinutes(i),
                });
            }

            await db.SaveChangesAsync(Cancellation);
        }

        var cut = RenderCase(complaint.Id);

        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=customer-email]").Count));
        var listed = cut.FindAll("[data-testid=contact]").Count + cut.FindAll("[data-testid=customer-email]").Count;
        Assert.Equal(5, listed);
        Assert.Equal(listed.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find("[data-testid=contacts-count]").TextContent);
    }

    [Fact]
    public async Task LogCommunication_ComplaintChangedBehindThePage_ShowsConflictAndKeepsTheSummary()
    {
        SignInAsCsm();
        var complaint = await SaveAsync(ComplaintBuilder.AtStatus(ComplaintStatus.Investigating));
        var cut = RenderCase(complaint.Id);

        // Another node saves a change the page has not heard of: the stored version moves on.
        await ChangeBehindThePageAsync(complaint.Id, c =>
            c.LogCommunication(CommunicationDirection.Inbound, CommunicationChannel.Phone, "Customer called to ask for news.", Colleague, Time.GetUtcNow().UtcDateTime));
        cut.Find("[data-testid=action-LogCommunication]").Click();
        cut.WaitForElement("[data-testid=communication-summary]").Change("Told the customer the courier picks it up tomorrow.");
        cut.Find("[data-testid=action-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains(SnackbarMessages(), m => m.Contains(ConflictMessage, StringComparison.Ordinal)));
        var (stored, _) = await Database.LoadComplaintAsync(complaint.Id, Cancellation);
        var only = Assert.Single(stored.Communications);
        Assert.Equal("Customer called to ask for news.", only.Summary);
        Assert.Equal(nameof(ComplaintAction.LogCommunication), cut.Find("[data-testid=action-form]").GetAttribute("data-action"));
        Assert.Equal("Told the customer the courier picks it up tomorrow.", cut.Find("[data-testid=communication-summary]").GetAttribute("value"));
        // The page reloaded the latest version: the colleague's contact is on screen.
        cut.WaitForAssertion(() => Assert.Contains("Customer called to ask for news.", cut.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LogCommunication_SaveAnywayAfterAConflict_SavesOnTheLatestVersion()
    {
        SignInAsCsm();
        var complaint = await SaveAsync(ComplaintBuilder.AtStatus(ComplaintStatus.Investigating));
        var cut = RenderCase(complaint.Id);
        await ChangeBehindThePageAsync(complaint.Id, c =>
            c.LogCommunication(CommunicationDirection.Inbound, CommunicationChannel.Phone, "Customer called to ask for news.", Colleague, Time.GetUtcNow().UtcDateTime));
        cut.Find("[data-testid=action-LogCommunication]").Click();
        cut.WaitForElement("[data-testid=communication-summary]").Change("Told the customer the courier picks it up tomorrow.");
        cut.Find("[data-testid=action-submit]").Click();
        cut.WaitForAssertion(() => Assert.Contains(SnackbarMessages(), m => m.Contains(ConflictMessage, StringComparison.Ordinal)));
        cut.WaitForAssertion(() => Assert.Contains("Customer called to ask for news.", cut.Markup, StringComparison.Ordinal));
        Time.Advance(TimeSpan.FromMinutes(5));

        // Issue 14: no second plain Save over the new state; the notice names the colleague's contact and the user's own
        // entry, and only the explicit decision saves.
        Assert.True(cut.Find("[data-testid=action-submit]").HasAttribute("disabled"));
        Assert.Contains("Customer called to ask for news.", cut.Find("[data-testid=conflict-change]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Told the customer the courier picks it up tomorrow.", cut.Find("[data-testid=conflict-yours]").TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=conflict-save-anyway]").Click();

        await cut.WaitForAssertionAsync(async () =>
        {
            var (stored, _) = await Database.LoadComplaintAsync(complaint.Id, Cancellation);
            Assert.Equal(
                ["Customer called to ask for news.", "Told the customer the courier picks it up tomorrow."],
                stored.Communications.OrderBy(c => c.At).Select(c => c.Summary));
        });
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=action-form]")));
    }

    [Fact]
    public async Task Render_NoAnswerRecorded_TheCaseAndTheCloseFormShowWhatTheCustomerSaid()
    {
        // P-40: the case shows whether the complaint was resolved on an acceptance or on "no answer", and the Close
        // form shows it again before closing.
        SignInAsCsm();
        var builder = ComplaintBuilder.New().InStatus(ComplaintStatus.Resolving);
        var complaint = builder.Build();
        var at = complaint.Resolution!.ProposedAt.AddDays(8);
        complaint.RecordNoAnswer("Called three times, no reply.", TimeSpan.FromDays(7), builder.Actor, at);
        complaint.Resolve(at, builder.Actor, at);
        await SaveAsync(complaint);

        var cut = RenderCase(complaint.Id);

        var answer = cut.Find("[data-testid=resolution] [data-testid=customer-answer]");
        Assert.Equal("NoAnswer", answer.GetAttribute("data-answer"));
        Assert.Contains("No answer from the customer after 8 days", answer.TextContent, StringComparison.Ordinal);
        Assert.Contains("Called three times, no reply.", answer.TextContent, StringComparison.Ordinal);
        Assert.Contains(cut.FindAll("[data-testid=timeline-entry]"), e => e.GetAttribute("data-kind") == ComplaintHistoryKinds.CustomerNoAnswer
            && e.TextContent.Contains("No answer from the customer after 8 days", StringComparison.Ordinal));
        cut.Find($"[data-testid=action-{ComplaintAction.Close}]").Click();
        cut.WaitForAssertion(() => Assert.Equal("NoAnswer", cut.Find("[data-testid=action-form] [data-testid=customer-answer]").GetAttribute("data-answer")));
    }

    [Fact]
    public async Task Render_OfferAwaitingAnswer_ShowsFromWhenNoAnswerCanBeRecorded()
    {
        SignInAsCsm();
        var complaint = await SaveAsync(ComplaintBuilder.AtStatus(ComplaintStatus.Resolving));

        var cut = RenderCase(complaint.Id);

        var answer = cut.Find("[data-testid=customer-answer]");
        Assert.Equal("Awaiting", answer.GetAttribute("data-answer"));
        Assert.Contains("It can be recorded as unanswered from", answer.TextContent, StringComparison.Ordinal);
        Assert.Contains(ComplaintAction.RecordNoAnswer, ActionButtons(cut));
    }

    /// <summary>Renders the case page and waits until the complaint is loaded.</summary>
    private IRenderedComponent<ComplaintDetailPage> RenderCase(Guid id)
    {
        var cut = Render<ComplaintDetailPage>(p => p.Add(x => x.Id, id));
        cut.WaitForElement("[data-testid=case-reference]");
        return cut;
    }
}
