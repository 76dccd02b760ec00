using System.Diagnostics.Metrics;
using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Admin;
using Zowor.Portal.Features.Audit;
using Zowor.Portal.Features.Capa;
using Zowor.Portal.Features.Categories;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Customers;
using Zowor.Portal.Features.Escalation;
using Zowor.Portal.Features.Evidence;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Features.Mailbox;
using Zowor.Portal.Features.Memos;
using Zowor.Portal.Features.Notifications;
using Zowor.Portal.Features.Privacy;
using Zowor.Portal.Features.Replies;
using Zowor.Portal.Features.Retention;
using Zowor.Portal.Features.Reviews;
using Zowor.Portal.Features.Settings;
using Zowor.Portal.Features.Training;
using Zowor.Portal.Features.Trends;
using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Tests.SqlServer;

/// <summary>One real code path of the portal, run against the SQL Server capture.</summary>
/// <param name="Name">What the path is ("ComplaintService.GetQueueAsync: every filter and the search").</param>
/// <param name="ExistsAnswer">Whether <c>EXISTS</c> answers yes, so the path goes on past a check such as "is the category active?".</param>
/// <param name="Run">The call, with the services of a DI scope signed in as a user holding every role.</param>
public sealed record SqlServerPath(string Name, bool ExistsAnswer, Func<IServiceProvider, CancellationToken, Task> Run)
{
    /// <summary>Tables whose first plain query finds one stored row, so the path goes on past "load it" (<see cref="SqlServerCapture.BeginPath"/>).</summary>
    public IReadOnlyCollection<string> Existing { get; init; } = [];

    public override string ToString() => Name;
}

/// <summary>
/// Every code path of the portal that queries the database, as a page, endpoint, job or start-up calls it. On an empty
/// database most changes stop where the aggregate is loaded ("no longer exists"); the load query is what SQL Server must
/// translate, and the INSERTs of new aggregates (complaints, CAPAs, memos, courses, review packs, alerts) run to the end.
/// </summary>
public static class SqlServerPaths
{
    private static readonly Guid Missing = Guid.Parse("5a1e0000-0000-4000-8000-000000000022");

    public static IReadOnlyList<SqlServerPath> All { get; } =
    [
        // Complaints: registration, queue, case page, every workflow action (through ComplaintUpdater).
        new("ComplaintService.RegisterAsync: reference allocation, notifications, customer e-mail, INSERTs", true,
            (s, ct) => s.GetRequiredService<ComplaintService>().RegisterAsync(PhoneComplaint(), ct)),
        new("ComplaintService.GetQueueAsync: urgency sort, every filter and the search", false,
            (s, ct) => s.GetRequiredService<ComplaintService>().GetQueueAsync(new QueueQuery
            {
                Levels = [EscalationLevel.CustomerServiceManager, EscalationLevel.ChiefCustomerOfficer, EscalationLevel.ChiefExecutive],
                Status = ComplaintStatus.Received, Channel = ComplaintChannel.Phone, Severity = ComplaintSeverity.Serious,
                CategoryCode = "delivery", OwnerId = QueueQuery.Unassigned, Search = "Smith 50%_off", Page = 2,
            }, ct)),
        new("ComplaintService.GetQueueAsync: newest first, one owner", false,
            (s, ct) => s.GetRequiredService<ComplaintService>().GetQueueAsync(new QueueQuery { Sort = QueueSort.Newest, OwnerId = "owner-1" }, ct)),
        new("ComplaintService.GetQueueAsync: by reference, descending", false,
            (s, ct) => s.GetRequiredService<ComplaintService>().GetQueueAsync(new QueueQuery { Sort = QueueSort.Reference, Descending = true }, ct)),
        // Global search (issue 17): full-text CONTAINS and LIKE, both tiers, counted and paged; a phone number; related complaints.
        new("ComplaintSearchService.SearchAsync: words, reference and contact tiers, paged", false,
            (s, ct) => s.GetRequiredService<Zowor.Portal.Features.Search.ComplaintSearchService>().SearchAsync("Ivanova kettle 50%_off", 1, ct)),
        new("ComplaintSearchService.SearchAsync: a phone number", false,
            (s, ct) => s.GetRequiredService<Zowor.Portal.Features.Search.ComplaintSearchService>().SearchAsync("+7 777 597 88 59", 0, ct)),
        new("ComplaintSearchService.FindRelatedAsync: same customer, order, product and category", false,
            (s, ct) => s.GetRequiredService<Zowor.Portal.Features.Search.ComplaintSearchService>().FindRelatedAsync(Missing, ct))
        {
            Existing = ["Complaints"],
        },
        new("ComplaintService.GetQueueAsync: assigned to me at every level, breached or due today, waiting for the customer", false,
            (s, ct) => s.GetRequiredService<ComplaintService>().GetQueueAsync(new QueueQuery { OwnerId = QueueFilter.Me, Due = true, Waiting = true }, ct)),
        new("ComplaintService.GetQueueAsync: closed in the last 30 days", false,
            (s, ct) => s.GetRequiredService<ComplaintService>().GetQueueAsync(new QueueQuery { ClosedWithinDays = 30, Search = "schulz" }, ct)),
        new("ComplaintService.GetQueueTargetsAsync: every complaint matching the filter, with versions (bulk select-all)", false,
            (s, ct) => s.GetRequiredService<ComplaintService>().GetQueueTargetsAsync(new QueueQuery { Status = ComplaintStatus.Received }, BulkActionService.MaxComplaints, ct)),
        new("BulkActionService.EscalateAsync: one change per complaint on its version", false,
            (s, ct) => s.GetRequiredService<BulkActionService>().EscalateAsync([new BulkTarget(Missing, 1, "ZW-2026-000001")],
                new EscalateForm { Level = EscalationLevel.ChiefCustomerOfficer, Reason = "Courier strike" }, ct)),
        new("DuplicateService.MarkDuplicateAsync: the primary by reference, the duplicate's load for the change", true,
            (s, ct) => s.GetRequiredService<DuplicateService>().MarkDuplicateAsync(Missing, 1, new MarkDuplicateForm { PrimaryReference = "ZW-2026-000051" }, ct)),
        new("DuplicateService.GetMergedAsync: the complaints merged into a primary, with contacts and evidence (split query)", false,
            (s, ct) => s.GetRequiredService<DuplicateService>().GetMergedAsync(Missing, ct)),
        new("SavedViewService.GetMineAsync: the user's views of a page", false,
            (s, ct) => s.GetRequiredService<SavedViewService>().GetMineAsync("queue", ct)),
        new("SavedViewService.SaveAsync: count, names, INSERT", false,
            (s, ct) => s.GetRequiredService<SavedViewService>().SaveAsync("queue", "Mine, serious", new QueueFilter { Owner = QueueFilter.Me, Severity = ComplaintSeverity.Serious }, ct)),
        new("SavedViewService.RenameAsync: the user's own view", false,
            (s, ct) => s.GetRequiredService<SavedViewService>().RenameAsync(Missing, "Renamed", ct)),
        new("SavedViewService.DeleteAsync: the user's own view", false,
            (s, ct) => s.GetRequiredService<SavedViewService>().DeleteAsync(Missing, ct)),
        new("ComplaintService.GetSummaryAsync: home page counts", false, (s, ct) => s.GetRequiredService<ComplaintService>().GetSummaryAsync(ct)),
        new("ComplaintService.OpenCaseAsync: version, aggregate (split query), e-mails, survey", false,
            (s, ct) => s.GetRequiredService<ComplaintService>().OpenCaseAsync(Missing, ct)),
        new("ComplaintService.GetAssignableStaffAsync: handlers by role", false, (s, ct) => s.GetRequiredService<ComplaintService>().GetAssignableStaffAsync(ct)),
        new("ComplaintService.AcknowledgeAsync: aggregate load for a change (ComplaintUpdater.ApplyAsync)", false,
            (s, ct) => s.GetRequiredService<ComplaintService>().AcknowledgeAsync(Missing, 1, new AcknowledgeForm { Method = ContactMethod.Email, EstimatedResolutionDate = DateTime.Today.AddDays(7) }, ct)),
        new("ComplaintService.WithdrawAsync on an existing complaint: load, change, version-checked UPDATE and timeline INSERT (ComplaintUpdater)", false,
            (s, ct) => s.GetRequiredService<ComplaintService>().WithdrawAsync(Missing, 1, new ReasonForm { Reason = "Resolved by phone." }, ct))
        {
            Existing = ["Complaints"],
        },
        new("PublicComplaintService.GetByAccessAsync on an existing complaint: the customer's timeline and e-mails", false,
            (s, ct) => s.GetRequiredService<PublicComplaintService>().GetByAccessAsync(Access(s), ct))
        {
            Existing = ["Complaints"],
        },
        new("PrivacyService.ExportAsync of an existing complaint: everything about the customer", false,
            (s, ct) => s.GetRequiredService<PrivacyService>().ExportAsync([Missing], ct))
        {
            Existing = ["Complaints"],
        },
        new("ComplaintService.AssignAsync: handlers, then the change", false,
            (s, ct) => s.GetRequiredService<ComplaintService>().AssignAsync(Missing, 1, new AssignForm { OwnerId = "owner-1" }, ct)),
        new("ComplaintService.EscalateAsync", false,
            (s, ct) => s.GetRequiredService<ComplaintService>().EscalateAsync(Missing, 1, new EscalateForm { Level = EscalationLevel.ChiefCustomerOfficer, Reason = "Serious" }, ct)),

        // Customers: the public form, status lookup, the customer's additions, the survey.
        new("PublicComplaintService.SubmitAsync: category check, reference allocation, INSERTs", true,
            (s, ct) => s.GetRequiredService<PublicComplaintService>().SubmitAsync(WebComplaint(), "en", ct)),
        new("PublicComplaintService.LookUpAsync: reference and contact", false,
            (s, ct) => s.GetRequiredService<PublicComplaintService>().LookUpAsync(new StatusLookupForm { Reference = "zw-2026-000001", Contact = "anna@example.com" }, ct)),
        new("PublicComplaintService.GetByAccessAsync: the customer's view", false,
            (s, ct) => s.GetRequiredService<PublicComplaintService>().GetByAccessAsync(Access(s), ct)),
        new("PublicComplaintService.AddInformationAsync", false,
            (s, ct) => s.GetRequiredService<PublicComplaintService>().AddInformationAsync(Access(s), "The parcel arrived damaged.", ct)),
        new("PublicComplaintService.RequestCeoReviewAsync (P-73)", false,
            (s, ct) => s.GetRequiredService<PublicComplaintService>().RequestCeoReviewAsync(Access(s), "Nobody answers.", ct)),
        new("PublicComplaintService.GetSurveyAsync", false, (s, ct) => s.GetRequiredService<PublicComplaintService>().GetSurveyAsync("survey-token", ct)),
        new("PublicComplaintService.AnswerSurveyAsync", false,
            (s, ct) => s.GetRequiredService<PublicComplaintService>().AnswerSurveyAsync("survey-token", new SurveyForm { Outcome = 4, Handling = 5, Comment = "Fine" }, ct)),

        // Escalation: CEO page and decisions, the deadline scan.
        new("CeoReviewService.GetLevel3Async", false, (s, ct) => s.GetRequiredService<CeoReviewService>().GetLevel3Async(ct)),
        new("CeoReviewService.GetMonthAsync: headline trend figures", false, (s, ct) => s.GetRequiredService<CeoReviewService>().GetMonthAsync(ct)),
        new("CeoReviewService.RecordDecisionAsync", false,
            (s, ct) => s.GetRequiredService<CeoReviewService>().RecordDecisionAsync(Missing, 1, new CeoDecisionForm { Outcome = CeoDecisionOutcome.RefundInFull, Decision = "Refund" }, ct)),
        new("DeadlineScanJob.RunAsync: the five due-step queries (UNION)", false, (s, ct) => s.GetRequiredService<DeadlineScanJob>().RunAsync(ct)),

        // Retention and privacy.
        new("RetentionJob.RunAsync", false, (s, ct) => s.GetRequiredService<RetentionJob>().RunAsync(ct)),
        new("PersonalDataEraser.EraseAsync: the bulk UPDATEs of timeline, e-mails and survey", true,
            (s, ct) => s.GetRequiredService<PersonalDataEraser>().EraseAsync(Missing, c => c.EndedAt != null && c.EndedAt <= DateTime.UtcNow, DateTime.UtcNow, ct)),
        new("PrivacyService.FindAsync: by e-mail", false, (s, ct) => s.GetRequiredService<PrivacyService>().FindAsync("Anna@Example.com", null, ct)),
        new("PrivacyService.FindAsync: by phone", false, (s, ct) => s.GetRequiredService<PrivacyService>().FindAsync(null, "+7 777 123 45 67", ct)),
        new("PrivacyService.ExportAsync", false, (s, ct) => s.GetRequiredService<PrivacyService>().ExportAsync([Missing], ct)),
        new("PrivacyService.EraseAsync", false, (s, ct) => s.GetRequiredService<PrivacyService>().EraseAsync([Missing], ct)),

        // Reviews.
        new("ReviewPackJob.RunMonthlyAsync: figures of last month, INSERT of the pack", false, (s, ct) => s.GetRequiredService<ReviewPackJob>().RunMonthlyAsync(ct)),
        new("ReviewPackJob.RunAnnualAsync", false, (s, ct) => s.GetRequiredService<ReviewPackJob>().RunAnnualAsync(ct)),
        new("ReviewService.ListAsync", false, (s, ct) => s.GetRequiredService<ReviewService>().ListAsync(ct)),
        new("ReviewService.GetAsync", false, (s, ct) => s.GetRequiredService<ReviewService>().GetAsync(1, ct)),
        new("ReviewService.AddFindingAsync", false,
            (s, ct) => s.GetRequiredService<ReviewService>().AddFindingAsync(1, new ReviewFindingForm { Text = "Late acknowledgements", Decision = "Rota", Owner = "CSM", DueDate = DateTime.Today.AddDays(30) }, ct)),
        new("ReviewService.SaveFindingsAsync", false, (s, ct) => s.GetRequiredService<ReviewService>().SaveFindingsAsync(1, "Summary", ct)),
        new("ReviewPackJob.CatchUpAsync: first complaint, existing packs, every missing period with its sections and notices", false,
            (s, ct) => s.GetRequiredService<ReviewPackJob>().CatchUpAsync(ct)),
        new("ReviewPackJob.EnsureAsync: CAPA, memo, training, survey sections and readers", false,
            (s, ct) => s.GetRequiredService<ReviewPackJob>().EnsureAsync(ReviewKind.Monthly, new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1), ct, allowEmpty: true)),
        new("ReviewService.FindAsync", false, (s, ct) => s.GetRequiredService<ReviewService>().FindAsync(ReviewKind.Monthly, new DateOnly(2026, 10, 1), ct)),
        new("ReviewService.SignOffAsync", true, (s, ct) => s.GetRequiredService<ReviewService>().SignOffAsync(1, "Quality", ct)),
        new("ReviewService.MarkDecisionDoneAsync", false, (s, ct) => s.GetRequiredService<ReviewService>().MarkDecisionDoneAsync(1, ct)),
        new("EffectivenessService.GetAsync: reopen, first offer, first estimate, satisfaction by category, channel and handler", false,
            (s, ct) => s.GetRequiredService<EffectivenessService>().GetAsync(ct)),

        // Trends: every aggregate with and without filters, the CSV exports.
        new("TrendService.GetReportAsync: every aggregate, no filter", false,
            (s, ct) => s.GetRequiredService<TrendService>().GetReportAsync(TrendFilter.LastMonths(DateOnly.FromDateTime(DateTime.Today), 6), ct)),
        new("TrendService.GetReportAsync: category, channel and product filters", false,
            (s, ct) => s.GetRequiredService<TrendService>().GetReportAsync(new TrendFilter(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30), "delivery", ComplaintChannel.Email, "Kettle"), ct)),
        new("TrendService.ProductsAsync", false, (s, ct) => s.GetRequiredService<TrendService>().ProductsAsync(ct)),
        // The drill-down: the complaints behind a Pareto row, a category bar and a product row, under the dashboard's filters.
        new("TrendService.ComplaintsBehindAsync: a root cause, every filter", false,
            (s, ct) => s.GetRequiredService<TrendService>().ComplaintsBehindAsync(new TrendFilter(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30), "delivery", ComplaintChannel.Email, "Kettle"), new TrendSlice(TrendDimension.RootCause, nameof(RootCauseCategory.Supplier)), ct)),
        new("TrendService.ComplaintsBehindAsync: a category, listed", false,
            (s, ct) => s.GetRequiredService<TrendService>().ComplaintsBehindAsync(new TrendFilter(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30)), new TrendSlice(TrendDimension.Category, "delivery"), ct))
        {
            Existing = ["Complaints"],
        },
        new("TrendService.ComplaintsBehindAsync: a product", false,
            (s, ct) => s.GetRequiredService<TrendService>().ComplaintsBehindAsync(new TrendFilter(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30)), new TrendSlice(TrendDimension.Product, "Kettle"), ct)),
        // Issue 21: the rollups rebuilt from the rows (the MERGE upsert), and the hourly drift check.
        new("TrendRollupStore.RebuildAsync", false, (s, ct) => s.GetRequiredService<Zowor.Portal.Features.Trends.Rollups.TrendRollupStore>().RebuildAsync(ct)),
        new("TrendRollupCheckJob.RunAsync: sample days compared with the rows", false,
            (s, ct) => s.GetRequiredService<Zowor.Portal.Features.Trends.Rollups.TrendRollupCheckJob>().RunAsync(ct)),
        new("TrendExport.WriteComplaintsAsync: streamed CSV", false,
            (s, ct) => s.GetRequiredService<TrendExport>().WriteComplaintsAsync(new TrendFilter(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30), "delivery", ComplaintChannel.Phone, "Kettle"), Stream.Null, ct)),
        .. TrendExport.Figures.Select(figure => new SqlServerPath($"TrendExport.WriteFigureAsync: {figure}", false,
            (s, ct) => s.GetRequiredService<TrendExport>().WriteFigureAsync(figure, new TrendFilter(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30)), Stream.Null, ct))),

        // CAPA.
        new("CapaService.ListAsync: all", false, (s, ct) => s.GetRequiredService<CapaService>().ListAsync(null, ct)),
        new("CapaService.ListAsync: one status", false, (s, ct) => s.GetRequiredService<CapaService>().ListAsync(CapaStatus.Implementing, ct)),
        new("CapaService.ListOpenAlertsAsync", false, (s, ct) => s.GetRequiredService<CapaService>().ListOpenAlertsAsync(ct)),
        new("CapaService.CountOpenAlertsAsync", false, (s, ct) => s.GetRequiredService<CapaService>().CountOpenAlertsAsync(ct)),
        new("CapaService.GetAsync", false, (s, ct) => s.GetRequiredService<CapaService>().GetAsync(Missing, ct)),
        new("CapaService.ListForComplaintAsync", false, (s, ct) => s.GetRequiredService<CapaService>().ListForComplaintAsync(Missing, ct)),
        new("CapaService.ListOwnersAsync", false, (s, ct) => s.GetRequiredService<CapaService>().ListOwnersAsync(ct)),
        new("CapaService.ListOpenAsync: CAPAs a complaint can be linked to", false, (s, ct) => s.GetRequiredService<CapaService>().ListOpenAsync(ct)),
        new("CapaService.LinkComplaintsAsync: the complaints behind a trend figure to an open CAPA", false,
            (s, ct) => s.GetRequiredService<CapaService>().LinkComplaintsAsync(Missing, [Missing], "Behind the Pareto row", ct)),
        new("CapaService.ListCoursesAsync: courses for a training action", false, (s, ct) => s.GetRequiredService<CapaService>().ListCoursesAsync(ct)),
        new("CapaService.OpenFromAlertAsync", false, (s, ct) => s.GetRequiredService<CapaService>().OpenFromAlertAsync(1, ct)),
        new("CapaService.DismissAlertAsync", false, (s, ct) => s.GetRequiredService<CapaService>().DismissAlertAsync(1, ct)),
        new("CapaService.CreateAsync: next number, INSERT", false,
            (s, ct) => s.GetRequiredService<CapaService>().CreateAsync(new CapaDetailsForm { Title = "Audit finding", ProblemStatement = "Labels missing on parcels." }, ct)),
        new("CapaService.MoveAsync: load for a change", false, (s, ct) => s.GetRequiredService<CapaService>().MoveAsync(Missing, CapaStep.StartInvestigation, ct)),
        new("CapaService.GetAsync of an existing CAPA: linked complaints, evidence, owners", false, (s, ct) => s.GetRequiredService<CapaService>().GetAsync(Missing, ct))
        {
            Existing = ["Capas"],
        },
        new("CapaService.MoveAsync on an existing CAPA: version-checked UPDATE and history", false,
            (s, ct) => s.GetRequiredService<CapaService>().MoveAsync(Missing, CapaStep.StartInvestigation, ct))
        {
            Existing = ["Capas"],
        },
        new("CapaScanJob.RunAsync: recurring issues and overdue actions", false, (s, ct) => s.GetRequiredService<CapaScanJob>().RunAsync(ct)),
        new("RecurrenceQueries.EvidenceAsync: recurrences before and after implementation (the CAPA page's effectiveness check)", false, EffectivenessEvidenceAsync),
        new("TeachingEvidenceQueries.LoadAsync: a memo's acknowledgements and a course's completions (CAPA memo/training actions)", false, TeachingEvidenceAsync),
        new("CapaDemoData.SeedAsync: the Development CAPAs and alert", false, (s, ct) => CapaDemoData.SeedAsync(
            s.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PortalDbContext>>(),
            PortalRoles.All.ToDictionary(role => role, role => new Actor("demo-" + role, role)), DateTime.UtcNow, ct)),
        new("ReviewDemoData.SeedAsync: the Development review packs, sign-offs and annual pack", false, (s, ct) => s.GetRequiredService<Zowor.Portal.Features.Reviews.ReviewDemoData>()
            .SeedAsync(PortalRoles.All.ToDictionary(role => role, role => new Actor("demo-" + role, role)), ct)),

        // Memos, training, notifications.
        new("MemoService.ListMineAsync", false, (s, ct) => s.GetRequiredService<MemoService>().ListMineAsync(ct)),
        new("MemoService.CountUnacknowledgedAsync", false, (s, ct) => s.GetRequiredService<MemoService>().CountUnacknowledgedAsync(ct)),
        new("MemoService.GetAsync", false, (s, ct) => s.GetRequiredService<MemoService>().GetAsync(Missing, ct)),
        new("MemoService.PublishAsync: staff directory, INSERTs of memo and notifications", false,
            (s, ct) => s.GetRequiredService<MemoService>().PublishAsync(new MemoForm { Title = "New refund rule", Body = "Refunds within **5 days**.", EffectiveOn = DateTime.Today.AddDays(1), AudienceRoles = ["CSM"] }, ct)),
        new("MemoService.AcknowledgeAsync", false, (s, ct) => s.GetRequiredService<MemoService>().AcknowledgeAsync(Missing, ct)),
        new("MemoService.GetAsync of an existing memo: readers and acknowledgements", false, (s, ct) => s.GetRequiredService<MemoService>().GetAsync(Missing, ct))
        {
            Existing = ["Memos"],
        },
        new("TrainingService.GetMineAsync", false, (s, ct) => s.GetRequiredService<TrainingService>().GetMineAsync(ct)),
        new("TrainingService.GetTeamAsync: the training matrix", false, (s, ct) => s.GetRequiredService<TrainingService>().GetTeamAsync(ct)),
        new("TrainingService.ListCoursesAsync", false, (s, ct) => s.GetRequiredService<TrainingService>().ListCoursesAsync(ct)),
        new("TrainingService.ListSessionsAsync", false, (s, ct) => s.GetRequiredService<TrainingService>().ListSessionsAsync(50, ct)),
        new("TrainingService.ListStaffAsync", false, (s, ct) => s.GetRequiredService<TrainingService>().ListStaffAsync(ct)),
        new("TrainingService.RecordSessionAsync", false,
            (s, ct) => s.GetRequiredService<TrainingService>().RecordSessionAsync(new TrainingSessionForm { CourseId = 1, HeldOn = DateTime.Today, Trainer = "Aida", AttendeeIds = ["u1", "u2"] }, ct)),
        new("TrainingService.RecordSessionAsync for an existing course: the attendees' accounts", false,
            (s, ct) => s.GetRequiredService<TrainingService>().RecordSessionAsync(new TrainingSessionForm { CourseId = 1, HeldOn = DateTime.Today, Trainer = "Aida", AttendeeIds = ["u1"] }, ct))
        {
            Existing = ["TrainingCourses"],
        },
        new("TrainingService.RecordSessionAsync completing a CAPA's training action in the same transaction (CapaTeachingListener)", false,
            (s, ct) => s.GetRequiredService<TrainingService>().RecordSessionAsync(new TrainingSessionForm { CourseId = 1, HeldOn = DateTime.Today, Trainer = "Aida", AttendeeIds = ["u1"] }, ct))
        {
            Existing = ["TrainingCourses", "AspNetUsers", "Capas"],
        },
        new("TrainingService.AddCourseAsync: name check, INSERT", false,
            (s, ct) => s.GetRequiredService<TrainingService>().AddCourseAsync(new TrainingCourseForm { Name = "Conflict resolution", Description = "P-80", ValidityMonths = 12 }, ct)),
        new("TrainingService.ExportTeamCsvAsync", false, (s, ct) => s.GetRequiredService<TrainingService>().ExportTeamCsvAsync(ct)),
        new("TrainingExpiryJob.RunAsync", false, (s, ct) => s.GetRequiredService<TrainingExpiryJob>().RunAsync(ct)),
        new("ComplianceQueries.MemoAcknowledgementAsync and TrainingComplianceAsync", false, async (s, ct) =>
        {
            var compliance = s.GetRequiredService<ComplianceQueries>();
            await compliance.MemoAcknowledgementAsync(DateTime.UtcNow.AddMonths(-1), DateTime.UtcNow, ct);
            await compliance.TrainingComplianceAsync(DateOnly.FromDateTime(DateTime.Today), ct);
        }),
        new("NotificationService.GetMineAsync", false, (s, ct) => s.GetRequiredService<NotificationService>().GetMineAsync(15, ct)),
        new("NotificationService.MarkAllReadAsync", false, (s, ct) => s.GetRequiredService<NotificationService>().MarkAllReadAsync(ct)),
        new("NotificationService.MarkReadAsync", false, (s, ct) => s.GetRequiredService<NotificationService>().MarkReadAsync(42, ct)),

        // The complaints mailbox and replies from the case (issue 15).
        new("InboundMailProcessor.ProcessAsync: a new e-mail becomes a complaint (record, reference, receipt)", true,
            (s, ct) => s.GetRequiredService<InboundMailProcessor>().ProcessAsync(MailSource(1), Mime("Kettle stopped working", inReplyTo: null), ct)),
        new("InboundMailProcessor.ProcessAsync: a reply threaded by In-Reply-To and by the reference in the subject", false,
            (s, ct) => s.GetRequiredService<InboundMailProcessor>().ProcessAsync(MailSource(2), Mime("Re: [ZW-2026-000001] Update", $"<{Missing:N}@zowor-portal>"), ct)),
        new("InboundMailProcessor.FindAsync", false, (s, ct) => s.GetRequiredService<InboundMailProcessor>().FindAsync(MailSource(3), ct)),
        new("MailboxReader: the lease, unfinished and last recorded UIDs, marking a message finished", false, async (s, ct) =>
        {
            var reader = ActivatorUtilities.CreateInstance<MailboxReader>(s);
            await reader.TryLeaseAsync(ct);
            await reader.UnfinishedUidsAsync("complaints@imap/INBOX", 1, ct);
            await reader.LastRecordedUidAsync("complaints@imap/INBOX", 1, ct);
            await reader.MarkFinishedAsync("complaints@imap/INBOX", 1, 1, ct);
            await reader.ReleaseAsync();
        }),
        new("MailQuarantineService.ListAsync", false, (s, ct) => s.GetRequiredService<MailQuarantineService>().ListAsync(ct)),
        new("MailQuarantineService.ReleaseAsync", false, (s, ct) => s.GetRequiredService<MailQuarantineService>().ReleaseAsync(Missing, ct)),
        new("MailQuarantineService.DiscardAsync", false, (s, ct) => s.GetRequiredService<MailQuarantineService>().DiscardAsync(Missing, ct)),
        new("ReplyService.GetActiveTemplatesAsync and GetAllTemplatesAsync", false, async (s, ct) =>
        {
            await s.GetRequiredService<ReplyService>().GetActiveTemplatesAsync(ct);
            await s.GetRequiredService<ReplyService>().GetAllTemplatesAsync(ct);
        }),
        new("ReplyService.SaveTemplateAsync: name check, INSERT", false,
            (s, ct) => s.GetRequiredService<ReplyService>().SaveTemplateAsync(new ReplyTemplateForm
            {
                Name = "Apology", SubjectEn = "Our apologies", BodyEn = "Dear {CustomerName}, we are sorry.", SubjectRu = "Приносим извинения", BodyRu = "{CustomerName}, приносим извинения.",
            }, ct)),
        new("ReplyService.ReplyAsync: the complaint, the outbox INSERT", false,
            (s, ct) => s.GetRequiredService<ReplyService>().ReplyAsync(Missing, 1, new CustomerReplyModel { Subject = "Update", Text = "We have ordered a replacement." }, ct)),
        new("ReplyService.AddInternalNoteAsync", false, (s, ct) => s.GetRequiredService<ReplyService>().AddInternalNoteAsync(Missing, 1, "Called the warehouse.", ct)),

        // Mail, evidence, audit, settings, categories, users, operations.
        new("OutboxDispatcher.DeliverDueAsync: claim and deliver due e-mails", false, (s, ct) => s.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(ct)),
        new("EvidenceFileService.AddAsync", false, (s, ct) =>
            s.GetRequiredService<EvidenceFileService>().AddAsync(Missing, 1, EvidenceKind.OrderDetails, "Invoice", "invoice.pdf", new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.7\n%\n")), ct)),
        new("EvidenceFileService.OpenAsync", false, (s, ct) => s.GetRequiredService<EvidenceFileService>().OpenAsync(Missing, 1, ct)),
        new("AuditTrail.RecordAsync and RecordViewAsync", false, async (s, ct) =>
        {
            var audit = s.GetRequiredService<AuditTrail>();
            await audit.RecordAsync(new Actor("u1", "User"), AuditActions.SearchedCustomer, null, null, "by e-mail: 0 complaint(s)", ct);
            await audit.RecordViewAsync(new Actor("u1", "User"), Missing, "ZW-2026-000001", ct);
        }),
        new("SettingsService.GetAsync and SaveAsync", false, async (s, ct) =>
        {
            var settings = s.GetRequiredService<SettingsService>();
            await settings.SaveAsync(await settings.GetAsync(ct), ct);
        }),
        new("SettingsProvider.ReloadAsync", false, (s, ct) => s.GetRequiredService<SettingsProvider>().ReloadAsync(ct)),
        new("CategoryService.GetActiveAsync and GetAllByCodeAsync", false, async (s, ct) =>
        {
            await s.GetRequiredService<CategoryService>().GetActiveAsync(ct);
            await s.GetRequiredService<CategoryService>().GetAllByCodeAsync(ct);
        }),
        new("CategoryService.GetRootCausesAsync and GetNamesAsync", false, async (s, ct) =>
        {
            await s.GetRequiredService<CategoryService>().GetRootCausesAsync(ct);
            await s.GetRequiredService<CategoryService>().GetNamesAsync(ct);
        }),
        new("TaxonomyService: the lists and the unmapped-products report", false, async (s, ct) =>
        {
            var taxonomy = s.GetRequiredService<TaxonomyService>();
            await taxonomy.GetCategoriesAsync(ct);
            await taxonomy.GetRootCausesAsync(ct);
            await taxonomy.GetProductsAsync(ct);
            await taxonomy.GetUnmappedAsync(ct);
        }),
        new("TaxonomyService.SaveCategoryAsync: name and code checks, INSERT", false,
            (s, ct) => s.GetRequiredService<TaxonomyService>().SaveCategoryAsync(new CategoryForm { Code = "installation", NameEn = "Installation", NameRu = "Установка", SortOrder = 90 }, ct)),
        new("TaxonomyService.SaveCategoryAsync: a code change checks its use", false,
            (s, ct) => s.GetRequiredService<TaxonomyService>().SaveCategoryAsync(new CategoryForm { OriginalCode = "delivery", Code = "shipping", NameEn = "Shipping", NameRu = "Доставка" }, ct)) { Existing = ["ComplaintCategories"] },
        new("TaxonomyService.SaveRootCauseAsync", false,
            (s, ct) => s.GetRequiredService<TaxonomyService>().SaveRootCauseAsync(new RootCauseNameForm { Code = RootCauseCategory.Carrier, NameEn = "Courier", NameRu = "Курьер" }, ct)),
        new("TaxonomyService.SaveProductAsync: name and alias checks, INSERTs", false,
            (s, ct) => s.GetRequiredService<TaxonomyService>().SaveProductAsync(new ProductForm { NameEn = "Winter boots", NameRu = "Зимние ботинки", Aliases = "winter boot" }, ct)),
        new("TaxonomyService.MapSpellingsAsync: aliases, the unmapped complaints", false,
            (s, ct) => s.GetRequiredService<TaxonomyService>().MapSpellingsAsync(["winter boot"], 1, ct)) { Existing = ["Products"] },
        new("ProductService: suggestions, choices, one product, mapping one complaint", false, async (s, ct) =>
        {
            var products = s.GetRequiredService<Zowor.Portal.Features.Products.ProductService>();
            await products.SuggestAsync("boo", "en", 10, ct);
            await products.GetChoicesAsync(ct);
            await products.GetAsync(1, ct);
            await products.MapAsync(Missing, 1, 1, ct);
        }),
        new("ProductQueries.MatchAsync", false, async (s, ct) =>
        {
            await using var db = await s.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
            await Zowor.Portal.Features.Products.ProductQueries.MatchAsync(db, "Winter boot", ct);
        }),
        new("UserAdminService.ListAsync (Identity stores)", false, (s, ct) => s.GetRequiredService<UserAdminService>().ListAsync(ct)),
        new("UserAdminService.CreateAsync (Identity stores: INSERT user and roles)", false,
            (s, ct) => s.GetRequiredService<UserAdminService>().CreateAsync(new NewUserForm { Email = "new.csm@zowor.test", DisplayName = "New CSM", Password = "Zowor-test-2026!", Roles = ["CSM"] }, ct)),
        new("UserAdminService.SetRolesAsync (Identity stores)", false,
            (s, ct) => s.GetRequiredService<UserAdminService>().SetRolesAsync("missing-user", ["CSM"], ct)),
        new("UserAdminService.UnlockAsync (Identity stores)", false, (s, ct) => s.GetRequiredService<UserAdminService>().UnlockAsync("missing-user", ct)),
        new("UserAdminService.DeactivateAsync (Identity stores)", false, (s, ct) => s.GetRequiredService<UserAdminService>().DeactivateAsync("missing-user", ct)),
        new("UserAdminService.ReactivateAsync (Identity stores)", false, (s, ct) => s.GetRequiredService<UserAdminService>().ReactivateAsync("missing-user", ct)),
        new("AuditLogQueries.SearchAsync and StreamAsync: every filter", false, async (s, ct) =>
        {
            var audit = s.GetRequiredService<AuditLogQueries>();
            var filter = new AuditFilter("u1", "ZW-2026-000001", AuditActions.ViewedPersonalData, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
            await audit.SearchAsync(filter, ct);
            await foreach (var _ in audit.StreamAsync(filter, ct))
            {
            }
        }),
        new("PortalMetrics: the open-complaints gauge", false, (_, _) =>
        {
            using var listener = new MeterListener();
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Zowor.Portal")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.Start();
            listener.RecordObservableInstruments();
            return Task.CompletedTask;
        }),
        new("DatabaseSmokeTest.RunAsync: the deployment smoke test (MigrateAsync sends every migration as commands)", false,
            async (s, ct) =>
            {
                using var output = new StringWriter();
                if (await DatabaseSmokeTest.RunAsync(s, output, ct) != 0)
                {
                    throw new InvalidOperationException("The smoke test failed on SQL Server: " + output);
                }
            }),
        new("DbSeeder.SeedAsync: roles, categories and the Development demo data", false,
            (s, ct) => s.GetRequiredService<DbSeeder>().SeedAsync(demoData: true, ct)),
    ];

    private static MailboxMessageSource MailSource(long uid) => new("complaints@imap/INBOX", 1, uid, DateTime.UtcNow, 400);

    private static MemoryStream Mime(string subject, string? inReplyTo) => new(Encoding.UTF8.GetBytes(
        "From: Olga Petrova <olga.petrova@example.com>\r\nTo: complaints@zowor.test\r\nSubject: " + subject + "\r\n" +
        $"Message-ID: <{Guid.NewGuid():N}@example.com>\r\n" + (inReplyTo is null ? string.Empty : $"In-Reply-To: {inReplyTo}\r\nReferences: {inReplyTo}\r\n") +
        "Date: Thu, 03 Dec 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe kettle stopped working after two days.\r\n"));

    private static RegisterComplaintForm PhoneComplaint() => new()
    {
        Channel = ComplaintChannel.Phone,
        ReceivedOn = DateTime.Today,
        ReceivedTime = TimeSpan.Zero,
        CustomerName = "Anna Smith",
        Email = "anna@example.com",
        Phone = "+77771234567",
        Subject = "Parcel not delivered",
        Description = "Tracking says delivered, nothing arrived.",
        CategoryCode = "delivery",
        Severity = ComplaintSeverity.Serious,
        Product = "Kettle",
        OrderNumber = "ZW-1",
    };

    private static PublicComplaintForm WebComplaint() => new()
    {
        Name = "Anna Smith",
        Email = "anna@example.com",
        CategoryCode = "delivery",
        Description = "The parcel never arrived although tracking says it did.",
        Product = "Kettle",
        Consent = true,
    };

    /// <summary>A signed access token for <see cref="Missing"/>, as the status page hands out after a lookup.</summary>
    private static string Access(IServiceProvider services)
    {
        var issue = typeof(PublicComplaintService).GetMethod("IssueAccess", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("PublicComplaintService.IssueAccess is gone; update the test.");
        return (string)issue.Invoke(services.GetRequiredService<PublicComplaintService>(), [Missing])!;
    }

    private static async Task TeachingEvidenceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var db = services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        var capa = Zowor.Portal.Tests.Domain.Capa.CapaBuilder.AtStatus(CapaStatus.ActionPlan);
        var today = Zowor.Portal.Tests.Domain.Capa.CapaBuilder.Today;
        var at = Zowor.Portal.Tests.Domain.Capa.CapaBuilder.Start.AddDays(1);
        var quality = Zowor.Portal.Tests.Domain.Capa.CapaBuilder.Quality;
        capa.AddMemoAction(Guid.NewGuid(), "Memo", ["Agent"], quality, today.AddDays(7), today, quality, at);
        capa.AddTrainingAction(1, "Course", ["CSM"], quality, today.AddDays(7), today, quality, at);
        await TeachingEvidenceQueries.LoadAsync(db, capa, cancellationToken);
    }

    private static async Task EffectivenessEvidenceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var db = services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        await RecurrenceQueries.EvidenceAsync(db, Zowor.Portal.Tests.Domain.Capa.CapaBuilder.AtStatus(CapaStatus.EffectivenessCheck), DateTime.UtcNow, cancellationToken);
    }
}
