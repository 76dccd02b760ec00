using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration.Customers;

/// <summary>
/// P-01: the closure e-mail links to a short survey. Opening the link records nothing (mail scanners follow links);
/// one explicit submit records the answer once; an unknown token learns nothing.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed partial class SurveyTests : IAsyncLifetime
{
    private readonly PortalAppFactory _app = new(new PortalAppOptions { SeedDemoData = false });
    private PublicSite _site = default!;
    private Guid _id;
    private string _token = string.Empty;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        _site = new PublicSite(_app);
        (_id, _token) = await ClosedWithSurveyAsync(_app, _site, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// A web complaint walked to Closed by a CSM, and the survey token from the closing e-mail (P-01), as a customer gets it.
    /// </summary>
    internal static async Task<(Guid Id, string Token)> ClosedWithSurveyAsync(PortalAppFactory app, PublicSite site, CancellationToken cancellationToken)
    {
        var reference = await site.SubmitValidComplaintAsync(cancellationToken: cancellationToken);
        await using var db = app.Database.CreateContext();
        var id = await db.Complaints.Where(c => c.Reference == reference).Select(c => c.Id).SingleAsync(cancellationToken);
        await app.CreateStaffUserAsync("csm.survey@zowor.test", "Survey CSM", PortalRoles.Csm);
        await using var csm = await app.SignInAsync("csm.survey@zowor.test");
        await new CaseSteps(csm, id).WalkToClosedAsync();

        var closure = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ComplaintId == id && m.Kind == CustomerMessageKinds.Closed, cancellationToken);
        var token = SurveyLink().Match(closure.Body).Groups["token"].Value;
        Assert.NotEmpty(token);
        return (id, token);
    }

    [Fact]
    public async Task P01_OpeningTheLink_OnlyPreselects_AndRecordsNothing()
    {
        var (response, page) = await _site.Client.GetPageAsync($"survey/{_token}?outcome=4", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checkedOutcome = page.QuerySelectorAll("input[type=radio][name='Form.Outcome']").Single(r => r.HasAttribute("checked"));
        Assert.Equal("4", checkedOutcome.GetAttribute("value"));
        var survey = await SurveyAsync();
        Assert.Null(survey.AnsweredAt);
        Assert.Null(survey.OutcomeScore);
    }

    [Fact]
    public async Task P01_ASubmit_RecordsTheAnswerOnce_AndASecondSubmitIsRefused()
    {
        // The customer's page, kept open: the same form is sent twice (a double click, or the back button).
        var form = await _site.Client.GetFormAsync($"survey/{_token}", "survey", TestContext.Current.CancellationToken);
        var first = await PostAsync(form, outcome: "5", handling: "3", comment: "Quick, but I had to call twice.");
        Assert.NotNull(first.QuerySelector("[data-testid=survey-saved]"));
        var saved = await SurveyAsync();
        Assert.Equal((5, 3, "Quick, but I had to call twice."), (saved.OutcomeScore, saved.HandlingScore, saved.Comment));

        var second = await PostAsync(form, outcome: "1", handling: "1", comment: "Changed my mind");

        Assert.NotNull(second.QuerySelector("[data-testid=survey-answered]"));
        var after = await SurveyAsync();
        Assert.Equal((5, 3, "Quick, but I had to call twice.", saved.AnsweredAt), (after.OutcomeScore, after.HandlingScore, after.Comment, after.AnsweredAt));

        // The case page shows the answer.
        await using var csm = await _app.SignInAsync("csm.survey@zowor.test");
        var shown = (await csm.Complaints.GetCaseAsync(_id, TestContext.Current.CancellationToken))!.Survey;
        Assert.Equal((5, 3), (shown!.OutcomeScore, shown.HandlingScore));
    }

    [Fact]
    public async Task Scores_AreRequired_AndAMissingScoreSavesNothing()
    {
        var page = await SubmitAsync(outcome: "", handling: "4", comment: "");

        Assert.Contains("Rate the outcome from 1 to 5.", page.QuerySelectorAll(".validation-message").Select(e => e.TextContent.Trim()));
        Assert.Null((await SurveyAsync()).AnsweredAt);
    }

    [Fact]
    public async Task AWrongToken_GetsTheSameAnswerAsAnUnknownOne_AndSavesNothing()
    {
        var wrong = _token[..^3] + (_token.EndsWith("AAA", StringComparison.Ordinal) ? "BBB" : "AAA");
        var (_, wrongPage) = await _site.Client.GetPageAsync($"survey/{wrong}", TestContext.Current.CancellationToken);
        var (_, unknownPage) = await _site.Client.GetPageAsync("survey/not-a-token-at-all", TestContext.Current.CancellationToken);

        Assert.Equal(Card(unknownPage), Card(wrongPage));
        Assert.NotNull(wrongPage.QuerySelector("[data-testid=survey-not-found]"));

        var posted = await SubmitAsync("5", "5", "spoofed", wrong);
        Assert.NotNull(posted.QuerySelector("[data-testid=survey-not-found]"));
        Assert.Null((await SurveyAsync()).AnsweredAt);
    }

    public async ValueTask DisposeAsync()
    {
        _site.Dispose();
        await _app.DisposeAsync();
    }

    private static string Card(IDocument page) => page.QuerySelector("[data-testid=survey]")!.OuterHtml;

    private async Task<Zowor.Portal.Domain.Complaints.SatisfactionSurvey> SurveyAsync()
    {
        await using var db = _app.Database.CreateContext();
        return await db.SatisfactionSurveys.AsNoTracking().SingleAsync(s => s.ComplaintId == _id, TestContext.Current.CancellationToken);
    }

    // Takes the form from the real survey page (antiforgery token included) and posts it to the given token's address.
    private async Task<IDocument> SubmitAsync(string outcome, string handling, string comment, string? token = null) =>
        await PostAsync(await _site.Client.GetFormAsync($"survey/{_token}", "survey", TestContext.Current.CancellationToken), outcome, handling, comment, token);

    private async Task<IDocument> PostAsync((Uri Action, Dictionary<string, string> Fields) form, string outcome, string handling, string comment, string? token = null)
    {
        var (action, fields) = (form.Action, new Dictionary<string, string>(form.Fields));
        fields["Form.Outcome"] = outcome;
        fields["Form.Handling"] = handling;
        fields["Form.Comment"] = comment;
        var target = token is null ? action : new Uri(action, $"/survey/{token}");
        using var response = await _site.Client.Http.PostAsync(target, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PortalClient.ParseHtml(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [GeneratedRegex(@"/survey/(?<token>[A-Za-z0-9_\-]+)")]
    private static partial Regex SurveyLink();
}
