using System.Net;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Localization;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration.Customers;

/// <summary>
/// The public status lookup (P-21, P-41, P-73): the right reference and contact show the complaint and what the
/// customer was told; every wrong pair gets the same answer; internal work never shows.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class StatusLookupTests : IAsyncLifetime
{
    private const string Email = "aigerim@example.com";
    private readonly PortalAppFactory _app = new(new PortalAppOptions { SeedDemoData = false });
    private readonly string[] _internal = ["SECRET-EVIDENCE", "SECRET-INTERVIEW", "SECRET-ROOT-CAUSE", "SECRET-CALL-NOTE", "SECRET-START-NOTE"];
    private PublicSite _site = default!;
    private string _reference = string.Empty;
    private string _otherReference = string.Empty;
    private Guid _id;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        _site = new PublicSite(_app);
        _reference = await _site.SubmitValidComplaintAsync(Email, TestContext.Current.CancellationToken);
        _otherReference = await _site.SubmitValidComplaintAsync("someone.else@example.com", TestContext.Current.CancellationToken);
        await using var db = _app.Database.CreateContext();
        _id = await db.Complaints.Where(c => c.Reference == _reference).Select(c => c.Id).SingleAsync(TestContext.Current.CancellationToken);

        await _app.CreateStaffUserAsync("csm.lookup@zowor.test", "Lookup CSM", PortalRoles.Csm);
        await using var csm = await _app.SignInAsync("csm.lookup@zowor.test");
        var steps = new CaseSteps(csm, _id);
        await steps.AcknowledgeAsync();
        await csm.Complaints.StartInvestigationAsync(_id, (await csm.Complaints.GetCaseAsync(_id))!.Version, "SECRET-START-NOTE", TestContext.Current.CancellationToken);
        await steps.AddEvidenceAsync("SECRET-EVIDENCE photo of the jug");
        await steps.AddInterviewAsync("SECRET-INTERVIEW packer admits rush");
        await steps.RecordRootCauseAsync("SECRET-ROOT-CAUSE thin glass");
        await steps.LogAsync(CommunicationDirection.Inbound, CommunicationChannel.Phone, "SECRET-CALL-NOTE customer was angry");
        await steps.LogAsync(CommunicationDirection.Outbound, CommunicationChannel.Email, "Your replacement jug ships on Monday.");
    }

    [Theory]
    [InlineData(Email)]
    [InlineData("  AIGERIM@example.com ")]
    [InlineData("+7 (701) 555-12-34")]
    public async Task P21_TheRightReferenceAndContact_ShowTheStatusTheEstimateAndTheUpdates(string contact)
    {
        var (response, page) = await _site.LookUpAsync(_reference.ToLowerInvariant(), contact, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_reference, page.QuerySelector("[data-testid=case-reference]")?.TextContent.Trim());
        Assert.Equal("Under investigation", page.QuerySelector("[data-testid=customer-status]")?.TextContent.Trim());
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow.Date.AddDays(14)).ToString(Dates.DatePattern, System.Globalization.CultureInfo.GetCultureInfo("en")),
            page.QuerySelector("[data-testid=estimated-date]")?.TextContent.Trim());
        var updates = page.QuerySelector("[data-testid=customer-updates]")!.TextContent;
        Assert.Contains("Your replacement jug ships on Monday.", updates, StringComparison.Ordinal);
        Assert.Contains($"[{_reference}] We are working on your complaint", updates, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InternalNotesEvidenceInterviewsAndRootCauses_NeverAppearToTheCustomer()
    {
        var (_, page) = await _site.LookUpAsync(_reference, Email, TestContext.Current.CancellationToken);
        var html = page.DocumentElement.OuterHtml;

        Assert.NotNull(page.QuerySelector("[data-testid=case-reference]"));
        foreach (var secret in _internal)
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryWrongPair_GetsTheIdenticalNotFoundAnswer()
    {
        var pairs = new (string Reference, string Contact)[]
        {
            ("ZW-2026-999999", Email),                 // unknown reference, right e-mail
            (_reference, "wrong@example.com"),         // right reference, wrong e-mail
            (_reference, "someone.else@example.com"),  // right reference, another customer's e-mail
            (_otherReference, Email),                  // another complaint with this customer's e-mail
            (_reference, "+7 700 000 00 00"),          // wrong phone
            (_reference, "12"),                         // a few digits that are part of the phone
            ("' OR 1=1 --", Email),               // SQL-looking garbage
        };
        var answers = new List<(HttpStatusCode, string)>();
        foreach (var (reference, contact) in pairs)
        {
            var (response, page) = await _site.LookUpAsync(reference, contact, TestContext.Current.CancellationToken);
            Assert.Null(page.QuerySelector("[data-testid=case-reference]"));
            answers.Add((response.StatusCode, page.QuerySelector("[data-testid=lookup-result]")!.OuterHtml));
        }

        Assert.Single(answers.Distinct());
        Assert.Equal(HttpStatusCode.OK, answers[0].Item1);
        Assert.Contains("We could not find a complaint with this reference", answers[0].Item2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task P41_InformationTheCustomerAdds_BecomesAnInboundContactAndATimelineEntry()
    {
        var (_, page) = await _site.LookUpAsync(_reference, Email, TestContext.Current.CancellationToken);

        var (response, after) = await _site.PostCaseFormAsync(page, "customer-info", "The courier also left the box in the rain.", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(after.QuerySelector("[data-testid=form-success]"));
        Assert.Contains("The courier also left the box in the rain.", after.QuerySelector("[data-testid=customer-updates]")!.TextContent, StringComparison.Ordinal);
        var (complaint, _) = await _app.Database.LoadComplaintAsync(_id, TestContext.Current.CancellationToken);
        var contact = complaint.Communications.Single(c => c.Channel == CommunicationChannel.StatusPage);
        Assert.Equal((CommunicationDirection.Inbound, "The courier also left the box in the rain."), (contact.Direction, contact.Summary));
        Assert.Contains(complaint.History, h => h.Kind == ComplaintHistoryKinds.CustomerAddedInformation);
    }

    [Fact]
    public async Task P73_TheCustomer_AsksForTheCEO_AndTheComplaintGoesToLevel3()
    {
        var (_, page) = await _site.LookUpAsync(_reference, Email, TestContext.Current.CancellationToken);

        var (_, after) = await _site.PostCaseFormAsync(page, "ask-ceo", "Three weeks and still no working blender.", TestContext.Current.CancellationToken);

        Assert.Equal("Under review by the CEO", after.QuerySelector("[data-testid=customer-level]")?.TextContent.Trim());
        Assert.Null(after.QuerySelector("[data-testid=ask-ceo]"));
        var (complaint, _) = await _app.Database.LoadComplaintAsync(_id, TestContext.Current.CancellationToken);
        Assert.Equal(EscalationLevel.ChiefExecutive, complaint.EscalationLevel);
        Assert.Equal("Three weeks and still no working blender.", complaint.Escalations[^1].Reason);
        Assert.Contains(await _site.OutboxOfAsync(_reference, TestContext.Current.CancellationToken), m => m.Kind == CustomerMessageKinds.CeoReviewRequested);
    }

    [Fact]
    public async Task AForgedAccessToken_ChangesNothing_AndAsksTheCustomerToLookUpAgain()
    {
        var (_, page) = await _site.LookUpAsync(_reference, Email, TestContext.Current.CancellationToken);
        var hidden = page.QuerySelectorAll("input[name='Info.Access']").Single();
        hidden.SetAttribute("value", hidden.GetAttribute("value")![..^4] + "AAAA");
        var (_, before) = await _app.Database.LoadComplaintAsync(_id, TestContext.Current.CancellationToken);

        var (response, after) = await _site.PostCaseFormAsync(page, "customer-info", "Injected text", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("the page has expired", after.QuerySelector("[data-testid=form-error]")?.TextContent, StringComparison.Ordinal);
        var (_, version) = await _app.Database.LoadComplaintAsync(_id, TestContext.Current.CancellationToken);
        Assert.Equal(before, version);
    }

    [Fact]
    public async Task TooManyLookupsFromOneClient_Get429()
    {
        await using var app = new PortalAppFactory(new PortalAppOptions
        {
            SeedDemoData = false,
            Settings = new Dictionary<string, string?> { ["PublicForms:PermitLimit"] = "2" },
        });
        using var site = new PublicSite(app);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var (response, _) = await site.LookUpAsync($"ZW-2026-00000{i}", Email, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    public async ValueTask DisposeAsync()
    {
        _site.Dispose();
        await _app.DisposeAsync();
    }
}
