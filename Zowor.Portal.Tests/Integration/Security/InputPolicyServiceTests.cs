using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Admin;
using Zowor.Portal.Features.Capa;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Customers;
using Zowor.Portal.Features.Escalation;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Features.Reviews;
using Zowor.Portal.Features.Training;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Security;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration.Security;

/// <summary>
/// Issue 18's one input policy enforced inside the services, not only at the pages and the API: the hostile-input table
/// sent straight to the service behind every door (P-10 web form, staff registration, P-41 /track, P-01 survey, the API's
/// service calls, every staff free-text action), in every free-text field of its form, is refused with the same message
/// the page shows at the field, and nothing is stored. A new page or endpoint calling these services is covered by them.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed partial class InputPolicyServiceTests : IAsyncLifetime
{
    private const string Customer = "policy.service@example.com";
    private const string Staff = "policy.all@zowor.test";

    private readonly PortalAppFactory _app = new(new PortalAppOptions { SeedDemoData = false });
    private Guid _open;
    private string _openReference = string.Empty;
    private string _surveyToken = string.Empty;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Hostile => InputPolicyTests.Hostile;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await _app.CreateStaffUserAsync(Staff, "Policy Everyone", [.. PortalRoles.All]);
        using var site = new PublicSite(_app);
        _openReference = await site.SubmitValidComplaintAsync(Customer, Ct);
        var closedReference = await site.SubmitValidComplaintAsync("policy.closed@example.com", Ct);
        await using var db = _app.Database.CreateContext();
        _open = await db.Complaints.Where(c => c.Reference == _openReference).Select(c => c.Id).SingleAsync(Ct);
        var closed = await db.Complaints.Where(c => c.Reference == closedReference).Select(c => c.Id).SingleAsync(Ct);
        await using (var staff = await _app.SignInAsync(Staff))
        {
            await new CaseSteps(staff, closed).WalkToClosedAsync();
        }

        var closure = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ComplaintId == closed && m.Kind == CustomerMessageKinds.Closed, Ct);
        _surveyToken = SurveyLink().Match(closure.Body).Groups["token"].Value;
        Assert.NotEmpty(_surveyToken);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task CustomerDoors_Services_RefuseHostileText_WithThePagesMessage_AndStoreNothing(string text, string message)
    {
        var before = await SnapshotAsync();
        await using var scope = _app.Services.CreateAsyncScope();
        var customers = scope.ServiceProvider.GetRequiredService<PublicComplaintService>();

        // P-10 web form: Name, Product, Description.
        await RefusedInEveryFieldAsync(text, message, ValidWebForm, form => customers.SubmitAsync(form, "en", Ct));

        // P-41 /track: "add information" and "ask for the CEO", with a real access token from the lookup.
        var view = await customers.LookUpAsync(new StatusLookupForm { Reference = _openReference, Contact = Customer }, Ct);
        await RefusedAsync(message, () => customers.AddInformationAsync(view!.Access, text, Ct), "/track add information");
        await RefusedAsync(message, () => customers.RequestCeoReviewAsync(view!.Access, text, Ct), "/track ask for the CEO");

        // P-01 survey: the comment, on a real unanswered survey.
        await RefusedInEveryFieldAsync(text, message, () => new SurveyForm { Outcome = 4, Handling = 5, Comment = "Fine." },
            form => customers.AnswerSurveyAsync(_surveyToken, form, Ct));

        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task StaffDoors_Services_RefuseHostileText_InEveryFreeTextField_AndStoreNothing(string text, string message)
    {
        var before = await SnapshotAsync();
        await using var staff = await _app.SignInAsync(Staff);
        var complaints = staff.Complaints;
        var version = (await complaints.GetCaseAsync(_open, Ct))!.Version;
        var today = DateTime.UtcNow.Date;

        // Staff registration of a phone complaint.
        await RefusedInEveryFieldAsync(text, message, () => new RegisterComplaintForm
        {
            ReceivedOn = today, ReceivedTime = TimeSpan.FromHours(1), CustomerName = "Dana Ospan", Phone = "+77015550000", Product = "Kettle 2",
            Subject = "Kettle leaks", Description = "The kettle leaks from the base.", CategoryCode = "product-defect",
        }, form => complaints.RegisterAsync(form, Ct));

        // What the API calls (POST /api/complaints/{id}/communications and /escalations), and the bulk actions of the queue.
        await RefusedInEveryFieldAsync(text, message, () => new CommunicationForm { Summary = "Called the customer." },
            form => complaints.LogCommunicationAsync(_open, version, form, Ct));
        await RefusedInEveryFieldAsync(text, message, () => new EscalateForm { Level = EscalationLevel.ChiefCustomerOfficer, Reason = "Asked for a manager." },
            form => complaints.EscalateAsync(_open, version, form, Ct));
        var bulk = staff.Services.GetRequiredService<BulkActionService>();
        var targets = new[] { new BulkTarget(_open, version, _openReference) };
        await RefusedInEveryFieldAsync(text, message, () => new CommunicationForm { Summary = "Called everyone." }, form => bulk.LogContactAsync(targets, form, Ct));
        await RefusedInEveryFieldAsync(text, message, () => new EscalateForm { Reason = "All overdue." }, form => bulk.EscalateAsync(targets, form, Ct));

        // Every free-text action on the case page.
        await RefusedInEveryFieldAsync(text, message, () => new AcknowledgeForm { Method = ContactMethod.Phone, EstimatedResolutionDate = today.AddDays(10), CallSummary = "Called." },
            form => complaints.AcknowledgeAsync(_open, version, form, Ct));
        await RefusedAsync(message, () => complaints.StartInvestigationAsync(_open, version, text, Ct), "start investigation note");
        await RefusedInEveryFieldAsync(text, message, () => new ReviseEstimateForm { EstimatedResolutionDate = today.AddDays(20), Reason = "Parts late." },
            form => complaints.ReviseEstimateAsync(_open, version, form, Ct));
        await RefusedInEveryFieldAsync(text, message, () => new EvidenceForm { Description = "Photo of the base." }, form => complaints.AddEvidenceAsync(_open, version, form, Ct));
        await RefusedInEveryFieldAsync(text, message, () => new InterviewForm { StaffName = "Oleg", StaffRole = "Packer", InterviewedOn = today, Summary = "Packed it." },
            form => complaints.AddInterviewAsync(_open, version, form, Ct));
        await RefusedInEveryFieldAsync(text, message, () => new RootCauseForm { Description = "Seal.", ContributingFactors = "Heat." },
            form => complaints.RecordRootCauseAsync(_open, version, form, Ct));
        await RefusedInEveryFieldAsync(text, message, () => new ResolutionForm { Details = "A new kettle." }, form => complaints.ProposeResolutionAsync(_open, version, form, Ct));
        await RefusedInEveryFieldAsync(text, message, () => new CustomerResponseForm { Note = "Accepted." }, form => complaints.RecordCustomerResponseAsync(_open, version, form, Ct));
        await RefusedInEveryFieldAsync(text, message, () => new NoAnswerForm { Note = "Called twice." }, form => complaints.RecordNoAnswerAsync(_open, version, form, Ct));
        await RefusedInEveryFieldAsync(text, message, () => new ResolveForm { ImplementedOn = today, Note = "Sent." }, form => complaints.ResolveAsync(_open, version, form, Ct));
        await RefusedInEveryFieldAsync(text, message, () => new CloseForm { Note = "Done." }, form => complaints.CloseAsync(_open, version, form, Ct));
        await RefusedInEveryFieldAsync(text, message, () => new ReasonForm { Reason = "Customer asked." }, form => complaints.WithdrawAsync(_open, version, form, Ct));
        await RefusedInEveryFieldAsync(text, message, () => new ReasonForm { Reason = "Broke again." }, form => complaints.ReopenAsync(_open, version, form, Ct));
        await RefusedInEveryFieldAsync(text, message, () => new MarkDuplicateForm { PrimaryReference = _openReference },
            form => staff.Services.GetRequiredService<DuplicateService>().MarkDuplicateAsync(_open, version, form, Ct));
        await RefusedInEveryFieldAsync(text, message, () => new CeoDecisionForm { Outcome = CeoDecisionOutcome.UpholdOffer, Decision = "The offer stands." },
            form => staff.Services.GetRequiredService<CeoReviewService>().RecordDecisionAsync(_open, version, form, Ct));

        // The other staff forms: CAPA, training, review findings, accounts.
        await RefusedInEveryFieldAsync(text, message, () => new CapaDetailsForm { Title = "Seals", ProblemStatement = "Kettle seals fail." },
            form => staff.Services.GetRequiredService<CapaService>().CreateAsync(form, Ct));
        await RefusedInEveryFieldAsync(text, message, () => new TrainingCourseForm { Name = "Seals 101", Description = "How seals fail." },
            form => staff.Services.GetRequiredService<TrainingService>().AddCourseAsync(form, Ct));
        await RefusedInEveryFieldAsync(text, message, () => new ReviewFindingForm { Text = "Seals.", Decision = "Change supplier.", Owner = "Quality" },
            form => staff.Services.GetRequiredService<ReviewService>().AddFindingAsync(1, form, Ct));
        await RefusedInEveryFieldAsync(text, message, () => new NewUserForm { Email = "new.agent@zowor.test", DisplayName = "New Agent", Password = "Str0ng-Passphrase!", Roles = [PortalRoles.Agent] },
            form => staff.Services.GetRequiredService<UserAdminService>().CreateAsync(form, Ct));

        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>
    /// The CAPA's root-cause analysis (P-62) is two lists, not single fields: the hostile text in any one of the five Whys or
    /// any one fishbone category is refused with the policy's message, and the analysis and history stay as they were.
    /// </summary>
    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task CapaRootCauseAnalysis_RefusesHostileText_InEveryWhyAndFishboneNote_AndStoresNothing(string text, string message)
    {
        await using var staff = await _app.SignInAsync(Staff);
        var capas = staff.Services.GetRequiredService<CapaService>();
        var id = await capas.CreateAsync(new CapaDetailsForm { Title = "Seals", ProblemStatement = "Kettle seals fail." }, Ct);
        var before = await AnalysisAsync(id);

        for (var i = 0; i < CapaLimits.MaxWhys; i++)
        {
            var form = new RootCauseAnalysisForm();
            form.Whys[0] = "The seal cracks.";
            form.Whys[i] = text;
            await RefusedAsync(message, () => capas.RecordRootCauseAnalysisAsync(id, form, Ct), $"Why {i + 1}");
        }

        foreach (var category in Enum.GetValues<FishboneCategory>())
        {
            var form = new RootCauseAnalysisForm();
            form.Whys[0] = "The seal cracks.";
            form.Fishbone[category] = text;
            await RefusedAsync(message, () => capas.RecordRootCauseAnalysisAsync(id, form, Ct), $"fishbone {category}");
        }

        Assert.Equal(before, await AnalysisAsync(id));

        // A control: the same lists accept a person's own words, so the refusals above are the policy's.
        var fine = new RootCauseAnalysisForm();
        fine.Whys[0] = "Уплотнитель трескается, 2 < 3.";
        fine.Fishbone[FishboneCategory.Process] = "No check at goods-in.\nSecond line.";
        await capas.RecordRootCauseAnalysisAsync(id, fine, Ct);
        Assert.NotEqual(before, await AnalysisAsync(id));
    }

    /// <summary>A control: the same services accept a person's own words in the same fields (the refusals above are the policy's).</summary>
    [Fact]
    public async Task Services_AcceptAPersonsOwnWords()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var customers = scope.ServiceProvider.GetRequiredService<PublicComplaintService>();
        var form = ValidWebForm();
        form.Description = "Чайник протекает 🙁 — \"Pro\" model, 2 < 3.\nSecond line.";
        Assert.StartsWith("ZW-", await customers.SubmitAsync(form, "ru", Ct), StringComparison.Ordinal);

        await using var staff = await _app.SignInAsync(Staff);
        var version = (await staff.Complaints.GetCaseAsync(_open, Ct))!.Version;
        await staff.Complaints.LogCommunicationAsync(_open, version, new CommunicationForm { Summary = "الغلاية تسرب الماء" }, Ct);
        Assert.Equal(SurveyOutcome.Saved, await customers.AnswerSurveyAsync(_surveyToken, new SurveyForm { Outcome = 5, Handling = 4, Comment = "Спасибо!\tThanks." }, Ct));
    }

    private static PublicComplaintForm ValidWebForm() => new()
    {
        Name = "Aigerim Bekova",
        Email = "policy.new@example.com",
        Product = "Zowor Blender 600",
        CategoryCode = "product-defect",
        Description = "The blender's jug cracked the first time I used it.",
        PreferredResolution = nameof(PreferredResolution.Replacement),
        Consent = true,
    };

    /// <summary>For each free-text field of <typeparamref name="TForm"/>: a valid form with the hostile text in that field is refused.</summary>
    private static async Task RefusedInEveryFieldAsync<TForm>(string text, string message, Func<TForm> valid, Func<TForm, Task> call)
    {
        var fields = typeof(TForm).GetProperties().Where(p => p.GetCustomAttribute<PlainTextAttribute>() is not null).ToList();
        Assert.NotEmpty(fields);
        foreach (var field in fields)
        {
            var form = valid();
            field.SetValue(form, text);
            await RefusedAsync(message, () => call(form), $"{typeof(TForm).Name}.{field.Name}");
        }
    }

    private static async Task RefusedAsync(string message, Func<Task> call, string door)
    {
        var refusal = await Record.ExceptionAsync(call);
        Assert.True(refusal is DomainException && refusal.Message == message,
            $"{door}: expected the policy's refusal, got {(refusal is null ? "success" : $"{refusal.GetType().Name}: {refusal.Message}")}");
    }

    private async Task<string> AnalysisAsync(Guid capa)
    {
        await using var db = _app.Database.CreateContext();
        var record = await db.Capas.AsNoTracking().SingleAsync(c => c.Id == capa, Ct);
        return $"{string.Join("|", record.Whys)} / {string.Join("|", record.Fishbone.Select(f => $"{f.Category}:{f.Notes}"))} / {record.History.Count}";
    }

    private async Task<Snapshot> SnapshotAsync()
    {
        await using var db = _app.Database.CreateContext();
        return new Snapshot(
            await db.Complaints.CountAsync(Ct),
            await db.ComplaintHistory.CountAsync(Ct),
            await db.Complaints.SelectMany(c => c.Communications).CountAsync(Ct),
            await db.OutboxMessages.CountAsync(Ct),
            await db.SatisfactionSurveys.CountAsync(s => s.AnsweredAt != null, Ct),
            await db.Capas.CountAsync(Ct),
            await db.TrainingCourses.CountAsync(Ct),
            await db.Users.CountAsync(Ct));
    }

    private sealed record Snapshot(int Complaints, int Timeline, int Communications, int Outbox, int AnsweredSurveys, int Capas, int Courses, int Users);

    [GeneratedRegex(@"/survey/(?<token>[A-Za-z0-9_\-]+)")]
    private static partial Regex SurveyLink();
}
