using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Capa;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static Zowor.Portal.Harness.PageSteps;

namespace Zowor.Portal.Tests.Browser;

/// <summary>
/// Issue 14: two people on one case, each in their own browser context. A form remembers the version it was opened
/// on; a colleague's save in between turns the second Save into a conflict the user sees and decides on, never a
/// silent overwrite.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class StaleFormTests(BrowserFixture browser) : BrowserJourney(browser), IClassFixture<BrowserFixture>
{
    private static readonly string CsmEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Csm);
    private static readonly string CcoEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Cco);
    private static readonly string CsmName = Zowor.Portal.Data.DbSeeder.DemoUsers.Single(u => u.Email == CsmEmail).Name;
    private const string CsmCause = "Courier left the parcel at the neighbour's door.";
    private const string CcoCause = "Warehouse printed the label for the old address.";

    [Fact]
    public async Task SecondRootCauseForm_OpenedBeforeTheFirstSave_ShowsTheConflictKeepsTheTextAndSavesOnlyWhenAskedTo()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, baseAddress) = await StartPortalAsync();
        var id = await InvestigatingComplaintAsync(app);
        var csmContext = await NewContextAsync(baseAddress);
        var ccoContext = await NewContextAsync(baseAddress);
        var csm = await OpenPageAsync(csmContext, "stale-form-second-root-cause-form-failed-csm");
        var cco = await OpenPageAsync(ccoContext, "stale-form-second-root-cause-form-failed-cco");
        try
        {
            await SignInAsync(csm, CsmEmail);
            await SignInAsync(cco, CcoEmail);
            await GoToAsync(csm, $"complaints/{id}");
            await GoToAsync(cco, $"complaints/{id}");

            // The CCO opens "Record root cause" and starts typing; then the CSM records one and saves.
            var ccoForm = await OpenRootCauseFormAsync(cco);
            await ccoForm.Locator("[data-testid=root-cause-description]").FillAsync(CcoCause);
            var csmForm = await OpenRootCauseFormAsync(csm);
            await csmForm.Locator("[data-testid=root-cause-description]").FillAsync(CsmCause);
            await csmForm.Locator("[data-testid=action-submit]").ClickAsync();
            await Expect(csm.Locator("[data-testid=root-cause]")).ToContainTextAsync(CsmCause);

            // The CCO's page refreshes live; the open form keeps the CCO's text and says the complaint changed.
            await Expect(cco.Locator("[data-testid=root-cause]")).ToContainTextAsync(CsmCause);
            await Expect(ccoForm.Locator("[data-testid=form-stale]")).ToBeVisibleAsync();
            await Expect(ccoForm.Locator("[data-testid=root-cause-description]")).ToHaveValueAsync(CcoCause);

            // Save: refused, with both states side by side and the CCO's text still in the form.
            await ccoForm.Locator("[data-testid=action-submit]").ClickAsync();
            var conflict = ccoForm.Locator("[data-testid=conflict]");
            await Expect(conflict).ToBeVisibleAsync();
            await Expect(conflict.Locator("[data-testid=conflict-change]")).ToContainTextAsync(CsmCause);
            await Expect(conflict.Locator("[data-testid=conflict-change]")).ToContainTextAsync(CsmName);
            await Expect(conflict.Locator("[data-testid=conflict-yours]").Filter(new() { HasText = CcoCause })).ToHaveCountAsync(1);
            await Expect(ccoForm.Locator("[data-testid=root-cause-description]")).ToHaveValueAsync(CcoCause);
            await Screenshots.SaveAsync(cco, "stale-form-conflict");
            var (kept, _) = await app.Database.LoadComplaintAsync(id, ct);
            Assert.Equal(CsmCause, kept.RootCause!.Description);
            Assert.Single(kept.History, h => h.Kind == ComplaintHistoryKinds.RootCauseRecorded);

            // The CCO decides to save over the new state: now it is saved, and both entries are on the timeline.
            await conflict.Locator("[data-testid=conflict-save-anyway]").ClickAsync();
            await Expect(cco.Locator("[data-testid=action-form]")).ToHaveCountAsync(0);
            await Expect(cco.Locator("[data-testid=root-cause]")).ToContainTextAsync(CcoCause);
            await Expect(csm.Locator("[data-testid=root-cause]")).ToContainTextAsync(CcoCause);
            var (saved, _) = await app.Database.LoadComplaintAsync(id, ct);
            Assert.Equal(CcoCause, saved.RootCause!.Description);
            Assert.Equal(2, saved.History.Count(h => h.Kind == ComplaintHistoryKinds.RootCauseRecorded));
        }
        finally
        {
            await Screenshots.SaveAsync(cco, "stale-form-after");
        }
    }

    [Fact]
    public async Task SecondForm_DiscardAfterConflict_ClosesTheFormAndChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, baseAddress) = await StartPortalAsync();
        var id = await InvestigatingComplaintAsync(app);
        var ccoContext = await NewContextAsync(baseAddress);
        var cco = await OpenPageAsync(ccoContext, "stale-form-second-form-failed-cco");
        await SignInAsync(cco, CcoEmail);
        await GoToAsync(cco, $"complaints/{id}");
        var ccoForm = await OpenRootCauseFormAsync(cco);
        await ccoForm.Locator("[data-testid=root-cause-description]").FillAsync(CcoCause);
        await using (var csm = await app.SignInAsync(CsmEmail))
        {
            await new CaseSteps(csm, id).RecordRootCauseAsync(CsmCause);
        }

        await ccoForm.Locator("[data-testid=action-submit]").ClickAsync();
        await ccoForm.Locator("[data-testid=conflict-discard]").ClickAsync();

        await Expect(cco.Locator("[data-testid=action-form]")).ToHaveCountAsync(0);
        await Expect(cco.Locator("[data-testid=root-cause]")).ToContainTextAsync(CsmCause);
        var (kept, _) = await app.Database.LoadComplaintAsync(id, ct);
        Assert.Equal(CsmCause, kept.RootCause!.Description);
    }

    [Fact]
    public async Task CapaAnalysis_ColleagueSavedWhileTyping_ShowsTheConflictKeepsTheTextAndSavesOnlyWhenAskedTo()
    {
        // The same for CAPA forms (P-62): Quality types a 5 Whys analysis while a colleague saves another one.
        var ct = TestContext.Current.CancellationToken;
        var (app, baseAddress) = await StartPortalAsync();
        await app.CreateStaffUserAsync("aliya.quality@zowor.test", "Aliya Quality", PortalRoles.Quality);
        await using var colleague = await app.SignInAsync("aliya.quality@zowor.test");
        var capas = colleague.Services.GetRequiredService<CapaService>();
        var id = await capas.CreateAsync(new CapaDetailsForm { Title = "Wrong sizes shipped", ProblemStatement = "Customers get the neighbouring size.", Severity = 3, Likelihood = 3 }, ct);
        var context = await NewContextAsync(baseAddress);
        var page = await OpenPageAsync(context, "stale-form-capa-analysis-failed-page");
        try
        {
            await SignInAsync(page, SeededPortalFixture.DemoEmailFor(PortalRoles.Quality));
            await GoToAsync(page, $"capa/{id}");
            await page.Locator("#capa-why-1").FillAsync("The picker skips the SKU scan.");

            var theirs = RootCauseAnalysisForm.From((await capas.GetAsync(id, ct))!.Capa);
            theirs.Whys[0] = "Bins are labelled on the wrong shelf edge.";
            await capas.RecordRootCauseAnalysisAsync(id, theirs, ct);
            await Expect(page.Locator("[data-testid=capa-history]")).ToContainTextAsync("Root-cause analysis recorded");
            await page.Locator("[data-testid=capa-root-cause-save]").ClickAsync();

            var conflict = page.Locator("[data-testid=capa-root-cause] [data-testid=conflict]");
            await Expect(conflict).ToBeVisibleAsync();
            await Expect(conflict.Locator("[data-testid=conflict-change]")).ToContainTextAsync("Root-cause analysis recorded");
            await Expect(conflict.Locator("[data-testid=conflict-change]")).ToContainTextAsync("Aliya Quality");
            await Expect(conflict.Locator("[data-testid=conflict-current]")).ToContainTextAsync("Bins are labelled on the wrong shelf edge.");
            await Expect(conflict.Locator("[data-testid=conflict-yours]")).ToContainTextAsync("The picker skips the SKU scan.");
            await Expect(page.Locator("#capa-why-1")).ToHaveValueAsync("The picker skips the SKU scan.");
            await Screenshots.SaveAsync(page, "stale-form-capa-conflict");
            Assert.Equal(["Bins are labelled on the wrong shelf edge."], (await capas.GetAsync(id, ct))!.Capa.Whys);

            await conflict.Locator("[data-testid=conflict-save-anyway]").ClickAsync();
            await Expect(page.Locator("[data-testid=conflict]")).ToHaveCountAsync(0);
            await Expect(page.Locator("#capa-why-1")).ToHaveValueAsync("The picker skips the SKU scan.");
            Assert.Equal(["The picker skips the SKU scan."], (await capas.GetAsync(id, ct))!.Capa.Whys);
        }
        finally
        {
            await Screenshots.SaveAsync(page, "stale-form-capa-after");
        }
    }

    /// <summary>Opens the root-cause form (the category stays at its first choice).</summary>
    private static async Task<ILocator> OpenRootCauseFormAsync(IPage page)
    {
        await page.Locator($"[data-testid=action-{ComplaintAction.RecordRootCause}]").ClickAsync();
        var form = page.Locator($"[data-testid=action-form][data-action={ComplaintAction.RecordRootCause}]");
        await Expect(form).ToBeVisibleAsync();
        return form;
    }

    /// <summary>A phone complaint the CSM has acknowledged and started investigating, through the real services.</summary>
    private static async Task<Guid> InvestigatingComplaintAsync(PortalAppFactory app)
    {
        await using var csm = await app.SignInAsync(CsmEmail);
        var registered = await csm.Complaints.RegisterAsync(new RegisterComplaintForm
        {
            Channel = ComplaintChannel.Phone,
            ReceivedOn = DateTime.UtcNow.Date,
            ReceivedTime = TimeSpan.Zero,
            CustomerName = "Dina Sarsen",
            Phone = "+7 701 555 0199",
            PreferredContact = ContactMethod.Phone,
            Subject = "Parcel marked delivered, never arrived",
            Description = "The tracking says delivered yesterday; nothing at the door.",
            CategoryCode = "delivery",
        }, TestContext.Current.CancellationToken);
        var steps = new CaseSteps(csm, registered.Id);
        await steps.AcknowledgeAsync(ContactMethod.Phone);
        await steps.InvestigateAsync();
        return registered.Id;
    }
}
