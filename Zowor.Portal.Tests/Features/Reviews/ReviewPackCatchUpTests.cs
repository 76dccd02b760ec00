using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Memos;
using Zowor.Portal.Domain.Reviews;
using Zowor.Portal.Domain.Training;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Features.Notifications;
using Zowor.Portal.Features.Reviews;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Localization;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Reviews;

/// <summary>
/// P-63 (ISO 9001 9.3, 10.2.2): the pack catch-up makes every missing month once, with hand-counted CAPA, memo,
/// training and satisfaction sections; readers are told (bell and outbox); Quality and the CCO sign off once per role;
/// the PDF is served to readers only. Months are counted back from the clock's month (M-3 is the first complaint's);
/// the business zone is Asia/Almaty (UTC+5, no daylight saving).
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class ReviewPackCatchUpTests : IAsyncLifetime
{
    private const string Password = "Review-packs-2026!";
    private const string QualityEmail = "marat.quality@zowor.test";
    private const string CcoEmail = "dana.cco@zowor.test";
    private const string CeoEmail = "allen.ceo@zowor.test";
    private const string CsmEmail = "saule.csm@zowor.test";
    private static readonly Actor Staff = new("user-quality-1", "Marat Quality");

    // The 3rd of a month in the future (so sign-in cookies made on the fake clock are not already expired), 10:00 local.
    private static readonly DateOnly ThisMonth = FirstOfMonth(DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(4));
    private static readonly DateTime Now = Utc(ThisMonth.AddDays(2), 10);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Now));
    private readonly PortalAppFactory _app;
    private int _sequence;

    public ReviewPackCatchUpTests()
    {
        _app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false, Clock = _clock });
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static DateOnly M(int offset) => ThisMonth.AddMonths(offset);

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await CreateUserAsync(QualityEmail, "Marat Quality", PortalRoles.Quality);
        await CreateUserAsync(CcoEmail, "Dana Karimova (CCO)", PortalRoles.Cco);
        await CreateUserAsync(CeoEmail, "Allen Zhou (CEO)", PortalRoles.Ceo);
        await CreateUserAsync(CsmEmail, "Saule Omarova (CSM)", PortalRoles.Csm);
        await StoreHandBuiltDataAsync();
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task CatchUp_MakesExactlyTheMissingMonthsOnce_WithHandCountedSections_P63()
    {
        // The first month's pack exists, with two decisions (one done): the catch-up makes only the two missing months.
        var first = (await EnsureAsync(M(-3)))!;
        await using (var db = _app.Database.CreateContext())
        {
            var done = Finding(first.Id, "Add a Saturday rota.", M(-2).AddDays(10));
            done.MarkDone(M(-2).AddDays(5), "Marat Quality");
            db.AddRange(done, Finding(first.Id, "Ask the supplier for batch reports.", M(-2).AddDays(3)));
            await db.SaveChangesAsync(Ct);
        }

        var made = await CatchUpAsync();
        var again = await CatchUpAsync();

        Assert.Equal([M(-2), M(-1)], made.Select(p => p.PeriodStart));
        Assert.Empty(again);
        var packs = await PacksAsync();
        Assert.Equal([M(-3), M(-2), M(-1)], packs.Select(p => p.PeriodStart));
        Assert.All(packs, p => Assert.Equal(ReviewKind.Monthly, p.Kind));

        // M-2 by hand: CAPA-2 and CAPA-3 opened, CAPA-2 closed, CAPA-1's action (due the 20th) still open at the month's
        // end; CAPA-2 found effective on the 25th, CAPA-3 not effective on the 28th.
        var october = Sections(packs[1]);
        Assert.Equal(["CAPA-0002", "CAPA-0003"], october.Capa.Opened.Select(c => Short(c.Number)));
        Assert.Equal(["CAPA-0002"], october.Capa.Closed.Select(c => Short(c.Number)));
        Assert.Equal(["CAPA-0001"], october.Capa.Overdue.Select(c => Short(c.Number)));
        Assert.Equal([("CAPA-0002", true), ("CAPA-0003", false)], october.Capa.Effectiveness.Select(e => (Short(e.Number), e.Effective)));
        // Satisfaction: three surveys sent in M-2; two answered in it (4/5 on a delivery complaint, 2/3 on billing).
        Assert.Equal((3, 2, 3.0, 4.0), (october.Satisfaction.Sent, october.Satisfaction.Answered, october.Satisfaction.AverageOutcome, october.Satisfaction.AverageHandling));
        Assert.Equal([("billing", 1, 2.5), ("delivery", 1, 4.5)],
            october.Satisfaction.ByCategory.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Answers, c.Average!.Value)));
        Assert.Equal([("Returns policy changed", 1)], october.Memos.Select(m => (m.Title, m.Acknowledged)));
        Assert.Equal([("Complaint handling procedure", M(-2).AddDays(19), 2)], october.Training.Select(t => (t.Course, t.HeldOn, t.Completed)));
        // The previous review's decisions with their status on the day the pack was made (P-63, ISO 9001 9.3.2 a).
        Assert.Equal(M(-3), october.Previous!.PeriodStart);
        Assert.Equal([ReviewDecisionStatus.Done, ReviewDecisionStatus.Overdue], october.Previous.Decisions.Select(d => d.Status));

        // M-1: the third answer arrived; CAPA-4 opened; CAPA-1 still overdue; nothing closed.
        var november = Sections(packs[2]);
        Assert.Equal((0, 1), (november.Satisfaction.Sent, november.Satisfaction.Answered));
        Assert.Equal(["CAPA-0004"], november.Capa.Opened.Select(c => Short(c.Number)));
        Assert.Equal(["CAPA-0001"], november.Capa.Overdue.Select(c => Short(c.Number)));
        Assert.Empty(november.Capa.Closed);
        // M-3: CAPA-1 opened, its action not yet due.
        Assert.Empty(Sections(packs[0]).Capa.Overdue);
    }

    [Fact]
    public async Task CatchUp_AfterTheYearEnds_AddsTheAnnualPackAndTheMissedMonths_Once_P63()
    {
        var nextNewYear = new DateOnly(ThisMonth.Year + 1, 1, 1);
        _clock.SetUtcNow(new DateTimeOffset(Utc(nextNewYear.AddDays(1), 10)));

        var made = await CatchUpAsync();
        var again = await CatchUpAsync();

        var months = 0;
        for (var m = M(-3); m < nextNewYear; m = m.AddMonths(1))
        {
            months++;
        }

        Assert.Equal(months, made.Count(p => p.Kind == ReviewKind.Monthly));
        Assert.Equal(Enumerable.Range(M(-3).Year, nextNewYear.Year - M(-3).Year).Select(y => new DateOnly(y, 1, 1)),
            made.Where(p => p.Kind == ReviewKind.Annual).Select(p => p.PeriodStart));
        Assert.Empty(again);
        Assert.Equal(made.Count, (await PacksAsync()).Count);
    }

    [Fact]
    public async Task CatchUp_NotifiesEveryReaderOncePerPack_BellAndOutbox_P63()
    {
        var made = await CatchUpAsync();
        await CatchUpAsync();

        await using var db = _app.Database.CreateContext();
        var bell = await db.Set<UserNotification>().AsNoTracking().Where(n => n.Kind == NotificationKinds.ReviewPackReady).ToListAsync(Ct);
        var mail = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Kind == ReviewPackNotices.MailKind).ToListAsync(Ct);
        var readers = await db.Users.Where(u => u.Email == QualityEmail || u.Email == CcoEmail || u.Email == CeoEmail).Select(u => u.Id).ToListAsync(Ct);

        Assert.Equal(3, made.Count);
        // Quality, the CCO and the CEO read packs; the CSM does not.
        Assert.Equal(readers.Order().SelectMany(id => Enumerable.Repeat(id, 3)), bell.Select(n => n.UserId).Order());
        Assert.Equal([CeoEmail, CeoEmail, CeoEmail, CcoEmail, CcoEmail, CcoEmail, QualityEmail, QualityEmail, QualityEmail], mail.Select(m => m.ToAddress).Order(StringComparer.Ordinal));
        var period = ReviewPackNotices.Period(ReviewKind.Monthly, M(-1));
        Assert.Contains(bell, n => n.Reference == period && n.Link == ReviewPackNotices.LinkTo(made[^1]));
        Assert.All(mail, m => Assert.Contains("/reviews?period=monthly-", m.Body, StringComparison.Ordinal));
    }

    /// <summary>
    /// Each reader's e-mail is in the language they chose in the portal (kept on their account by the language switch),
    /// not in the language of the job or of whoever triggered it: the CCO reads Russian, the others English.
    /// </summary>
    [Fact]
    public async Task CatchUp_WritesEachReadersEmail_InTheLanguageTheyChose_P63()
    {
        using (var cco = await PortalClient.SignedInAsync(_app, CcoEmail, Password, cancellationToken: Ct))
        {
            using var switched = await cco.Http.GetAsync("culture/set?culture=ru&redirectUri=%2F", Ct);
            Assert.True(switched.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"the switch answered {(int)switched.StatusCode}");
        }

        await CatchUpAsync();

        await using var db = _app.Database.CreateContext();
        var mail = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Kind == ReviewPackNotices.MailKind).ToListAsync(Ct);
        var russianMonth = M(-1).ToString("MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("ru"));
        var englishMonth = M(-1).ToString("MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en"));
        Assert.All(mail.Where(m => m.ToAddress == CcoEmail), m => Assert.Equal("ru", m.Culture));
        Assert.Contains(mail, m => m.ToAddress == CcoEmail && m.Subject == "Пакет обзора готов: " + russianMonth && m.Body.Contains("Пакет обзора за " + russianMonth, StringComparison.Ordinal));
        Assert.Contains(mail, m => m.ToAddress == QualityEmail && m.Culture == "en" && m.Subject == "Review pack ready: " + englishMonth);
    }

    [Fact]
    public async Task SignOff_IsRecordedOncePerRole_ByQualityAndTheCco_P63()
    {
        var pack = (await EnsureAsync(M(-2)))!;

        await using (var quality = await _app.SignInAsync(QualityEmail))
        {
            var reviews = quality.Services.GetRequiredService<ReviewService>();
            await reviews.SignOffAsync(pack.Id, PortalRoles.Quality, Ct);
            await Assert.ThrowsAsync<DomainException>(() => reviews.SignOffAsync(pack.Id, PortalRoles.Quality, Ct));
            await Assert.ThrowsAsync<DomainException>(() => reviews.SignOffAsync(pack.Id, PortalRoles.Cco, Ct));
        }

        await using (var csm = await _app.SignInAsync(CsmEmail))
        {
            await Assert.ThrowsAsync<PortalAccessDeniedException>(() => csm.Services.GetRequiredService<ReviewService>().SignOffAsync(pack.Id, PortalRoles.Quality, Ct));
        }

        await using (var cco = await _app.SignInAsync(CcoEmail))
        {
            var signed = await cco.Services.GetRequiredService<ReviewService>().SignOffAsync(pack.Id, PortalRoles.Cco, Ct);
            var detail = await cco.Services.GetRequiredService<ReviewService>().GetAsync(pack.Id, Ct);
            Assert.Equal(("Dana Karimova (CCO)", Now), (signed.SignedByName, signed.SignedAt));
            Assert.Equal([(PortalRoles.Quality, "Marat Quality"), (PortalRoles.Cco, "Dana Karimova (CCO)")], detail!.SignOffs.Select(s => (s.Role, s.SignedByName)));
        }

        await using var db = _app.Database.CreateContext();
        Assert.Equal(2, await db.Set<ReviewSignOff>().CountAsync(s => s.ReviewPackId == pack.Id, Ct));
    }

    [Fact]
    public async Task PdfDownload_ForAReader_IsARealPdfOfThePeriod_AndRefusedToOthers_P63()
    {
        var pack = (await EnsureAsync(M(-2)))!;
        using var quality = await PortalClient.SignedInAsync(_app, QualityEmail, Password, cancellationToken: Ct);
        using var csm = await PortalClient.SignedInAsync(_app, CsmEmail, Password, cancellationToken: Ct);
        using var anonymous = PortalClient.Create(_app);

        using var response = await quality.Http.GetAsync($"reviews/{pack.Id}/pdf", Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        using var refused = await csm.Http.GetAsync($"reviews/{pack.Id}/pdf", Ct);
        using var signedOut = await anonymous.Http.GetAsync($"reviews/{pack.Id}/pdf", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5));
        using var document = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(bytes), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        Assert.Contains(M(-2).ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), document.Info.Title, StringComparison.Ordinal);
        Assert.True(document.PageCount >= 2);
        // Refused on the server: 403, or the way to the access-denied page; never the file.
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden
            || (refused.StatusCode == HttpStatusCode.Redirect && refused.Headers.Location!.OriginalString.Contains("access-denied", StringComparison.Ordinal)),
            $"CSM got {(int)refused.StatusCode}");
        Assert.NotEqual(HttpStatusCode.OK, signedOut.StatusCode);
    }

    /// <summary>
    /// The PDF as an auditor copies it (its text read back by poppler's pdftotext): categories by their names in the
    /// reader's language, never their codes, and the generation time in the business zone, as every page shows times.
    /// </summary>
    [Fact]
    public async Task PdfDownload_InRussian_NamesTheCategories_AndShowsTheBusinessTime_P63()
    {
        var pack = (await EnsureAsync(M(-2)))!;
        using var quality = await PortalClient.SignedInAsync(_app, QualityEmail, Password, cancellationToken: Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"reviews/{pack.Id}/pdf");
        request.Headers.AcceptLanguage.ParseAdd("ru");

        using var response = await quality.Http.SendAsync(request, Ct);
        var text = await PdfTextAsync(await response.Content.ReadAsByteArrayAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var russian = System.Globalization.CultureInfo.GetCultureInfo("ru");
        Assert.Contains("Сформирован " + Now.AddHours(5).ToString(Dates.DateTimePattern, russian), text, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", text, StringComparison.Ordinal);
        var lines = text.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("Доставка", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Оплата и счета", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("delivery", StringComparison.Ordinal) || l.StartsWith("billing", StringComparison.Ordinal));
    }

    /// <summary>
    /// Issue 20: the pack's CSV is read in a spreadsheet in the reader's language: headers, sections and items are names
    /// (categories by their Russian names, not "delivery"), and the codes stay in the last column for machines.
    /// </summary>
    [Fact]
    public async Task CsvDownload_InRussian_HasNames_AndTheCodesInTheLastColumn_P63()
    {
        var pack = (await EnsureAsync(M(-2)))!;
        using var quality = await PortalClient.SignedInAsync(_app, QualityEmail, Password, cancellationToken: Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"reviews/{pack.Id}/csv");
        request.Headers.AcceptLanguage.ParseAdd("ru");

        using var response = await quality.Http.SendAsync(request, Ct);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Раздел,Показатель,Значение,Ответственный,Срок,Добавил,Добавлено,Code", lines[0]);
        Assert.StartsWith("Период,Ежемесячный обзор,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",Monthly", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("Категория,Доставка,", StringComparison.Ordinal) && l.EndsWith(",delivery", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Показатели,Получена,", StringComparison.Ordinal) && l.EndsWith(",Received", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("Category,", StringComparison.Ordinal) || l.StartsWith("Figures,", StringComparison.Ordinal));
    }

    /// <summary>The text of a PDF as poppler's pdftotext reads it (the test scripts install poppler-utils).</summary>
    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"review-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf, Ct);
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", ["-layout", file, "-"]) { RedirectStandardOutput = true })!;
            var text = await process.StandardOutput.ReadToEndAsync(Ct);
            await process.WaitForExitAsync(Ct);
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }

    // ---- Hand-built data ----

    private async Task StoreHandBuiltDataAsync()
    {
        var delivery = New(Utc(M(-3).AddDays(9), 10), "delivery");   // the first complaint: M-3
        var billing = New(Utc(M(-2).AddDays(4), 10), "billing");
        var late = New(Utc(M(-2).AddDays(11), 10), "delivery");
        var s1 = SatisfactionSurvey.Issue(delivery.Id, new string('a', 64), Utc(M(-2).AddDays(1), 9));
        s1.Answer(4, 5, null, Utc(M(-2).AddDays(2), 9));
        var s2 = SatisfactionSurvey.Issue(billing.Id, new string('b', 64), Utc(M(-2).AddDays(19), 9));
        s2.Answer(2, 3, null, Utc(M(-2).AddDays(20), 9));
        var s3 = SatisfactionSurvey.Issue(late.Id, new string('c', 64), Utc(M(-2).AddDays(24), 9));
        s3.Answer(5, 5, null, Utc(M(-1).AddDays(1), 9));

        var course = TrainingCourse.Create("Complaint handling procedure", null, 12, mandatory: true);
        await using var db = _app.Database.CreateContext();
        db.Complaints.AddRange(delivery, billing, late);
        db.SatisfactionSurveys.AddRange(s1, s2, s3);
        db.TrainingCourses.Add(course);
        db.Capas.AddRange(Capas());
        var memo = Memo.Publish("Returns policy changed", "From now on…", [PortalRoles.Csm], M(-2).AddDays(14), PortalRoles.All.ToList(), M(-2).AddDays(13), Staff, Utc(M(-2).AddDays(13), 9));
        memo.Acknowledge(new Actor("user-csm-1", "Saule"), [PortalRoles.Csm], Utc(M(-2).AddDays(14), 9));
        db.Memos.Add(memo);
        await db.SaveChangesAsync(Ct);
        db.TrainingSessions.Add(TrainingSession.Record(course, M(-2).AddDays(19), "Trainer", null,
            [new Actor("a", "A"), new Actor("b", "B")], M(-2).AddDays(19), Staff, Utc(M(-2).AddDays(19), 15)));
        await db.SaveChangesAsync(Ct);
    }

    private static IEnumerable<CapaRecord> Capas()
    {
        // CAPA-1: opened in M-3, one action due the 20th of M-2, never finished.
        var overdue = Open(1, M(-3).AddDays(14));
        overdue.RecordRootCauseAnalysis(["Seal too thin."], [], Staff, Utc(M(-3).AddDays(14), 12));
        overdue.StartInvestigation(Staff, Utc(M(-3).AddDays(14), 13));
        overdue.PlanActions(Staff, Utc(M(-3).AddDays(14), 14));
        overdue.AddAction("Change the seal", Staff, M(-2).AddDays(19), M(-3).AddDays(14), Staff, Utc(M(-3).AddDays(14), 15));
        yield return overdue;
        // CAPA-2: opened, implemented, found effective on the 25th and closed on the 26th of M-2.
        yield return ToCheck(Open(2, M(-2).AddDays(1)), M(-2), effective: true);
        // CAPA-3: opened in M-2, found not effective on the 28th (back to investigation).
        yield return ToCheck(Open(3, M(-2).AddDays(2)), M(-2), effective: false);
        // CAPA-4: opened in M-1.
        yield return Open(4, M(-1).AddDays(4));
    }

    private static CapaRecord ToCheck(CapaRecord capa, DateOnly month, bool effective)
    {
        var day = month.AddDays(3);
        capa.RecordRootCauseAnalysis(["Cause."], [], Staff, Utc(day, 11));
        capa.StartInvestigation(Staff, Utc(day, 12));
        capa.PlanActions(Staff, Utc(day, 13));
        capa.AddAction("Fix it", Staff, month.AddDays(20), day, Staff, Utc(day, 14));
        capa.SetEffectivenessCheck("Fewer complaints", 30, Staff, Utc(day, 15));
        capa.StartImplementation(Staff, Utc(day, 16));
        capa.FinishAction(1, CapaActionStatus.Done, month.AddDays(9), Staff, Utc(month.AddDays(9), 10));
        capa.StartEffectivenessCheck(Staff, Utc(month.AddDays(9), 11));
        if (effective)
        {
            capa.RecordEffectiveness(true, null, new EffectivenessEvidence(4, 0, 30, true), Staff, Utc(month.AddDays(24), 10));
            capa.Close(CapaSignature.ApproveClosure(new Actor("user-cco", "Closure Approver"), "CCO", Utc(month.AddDays(25), 10)), Utc(month.AddDays(25), 10));
        }
        else
        {
            capa.RecordEffectiveness(false, "Came back.", new EffectivenessEvidence(4, 5, 30, true), Staff, Utc(month.AddDays(27), 10));
        }

        return capa;
    }

    private static CapaRecord Open(int sequence, DateOnly on) =>
        CapaRecord.Open(on.Year, sequence, "Problem " + sequence, CapaKind.Corrective, CapaSource.Audit, "What goes wrong.", CapaRisk.Create(3, 3), [],
            null, null, null, Staff, Utc(on, 10));

    private Complaint New(DateTime receivedAt, string category)
    {
        var details = ComplaintDetails.Create("Parcel not delivered", "Tracking says delivered, nothing arrived.", category,
            ComplaintSeverity.Normal, PreferredResolution.Refund, "ZW-884377", "Trail running shoes");
        var customer = CustomerContact.Create("Timur Akhmetov", "timur.a@example.kz", null, ContactMethod.Email);
        return Complaint.Register(ComplaintReference.Create(receivedAt.Year, ++_sequence), ComplaintChannel.WebForm, customer, details, receivedAt, Staff, receivedAt);
    }

    private static ReviewFinding Finding(int packId, string decision, DateOnly due) => new()
    {
        ReviewPackId = packId, Text = "Finding", Decision = decision, Owner = "Quality", DueDate = due,
        AddedAt = Now.AddDays(-50), AddedById = "user-quality-1", AddedByName = "Marat Quality",
    };

    private async Task CreateUserAsync(string email, string name, string role)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    private async Task<IReadOnlyList<ReviewPack>> CatchUpAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReviewPackJob>().CatchUpAsync(Ct);
    }

    private async Task<ReviewPack?> EnsureAsync(DateOnly month)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReviewPackJob>().EnsureAsync(ReviewKind.Monthly, month, month.AddMonths(1), Ct, allowEmpty: true);
    }

    private async Task<List<ReviewPack>> PacksAsync()
    {
        await using var db = _app.Database.CreateContext();
        return await db.Set<ReviewPack>().AsNoTracking().OrderBy(p => p.Kind).ThenBy(p => p.PeriodStart).ToListAsync(Ct);
    }

    private static ReviewSections Sections(ReviewPack pack) =>
        JsonSerializer.Deserialize<ReviewFigures>(pack.FiguresJson, ReviewPackJob.Json)!.Sections!;

    private static string Short(string number) => "CAPA-" + number[^4..];

    private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>A business-calendar day and hour in Almaty (UTC+5) as UTC.</summary>
    private static DateTime Utc(DateOnly day, int hour) => day.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc).AddHours(-5);
}
