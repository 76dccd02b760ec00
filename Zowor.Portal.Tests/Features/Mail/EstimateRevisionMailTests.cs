using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Localization;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Mail;

/// <summary>
/// Issue 14 (P-21, the estimated resolution date is live): revising the estimate e-mails the customer the new date in
/// their language, once, in the same transaction as the revision; the staff's reason stays out of the e-mail. A refused
/// revision saves nothing and sends nothing.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class EstimateRevisionMailTests : IAsyncLifetime
{
    private const string CsmEmail = "estimate.csm@zowor.test";
    private const string QualityEmail = "estimate.quality@zowor.test";
    private const string Reason = "Internal: supplier ZX-17 ships a week late.";
    private static readonly DateOnly NewDate = new(2026, 3, 27);
    private readonly PortalAppFactory _app = new(new PortalAppOptions
    {
        SeedDemoData = false,
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 5, 10, 0, 0, TimeSpan.Zero)),
    });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await _app.CreateStaffUserAsync(CsmEmail, "Estimate CSM", PortalRoles.Csm);
        await _app.CreateStaffUserAsync(QualityEmail, "Estimate Quality", PortalRoles.Quality);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("en", "[ZW-2026-000{0}] New estimated resolution date", "We now expect to resolve your complaint ZW-2026-000{0} by {1}.", "Dear Olga Petrova,")]
    [InlineData("ru", "[ZW-2026-000{0}] Новая ожидаемая дата решения", "Теперь мы рассчитываем решить вашу жалобу ZW-2026-000{0} к {1}.", "Уважаемый(ая) Olga Petrova!")]
    public async Task P21_ReviseEstimate_EmailsTheNewDateOnceInTheCustomersLanguage_WithoutTheReason(string language, string subject, string sentence, string greeting)
    {
        var sequence = language == "en" ? 601 : 602;
        var complaint = await SaveInvestigatingComplaintAsync(sequence, language);

        await using (var csm = await _app.SignInAsync(CsmEmail))
        {
            var version = (await _app.Database.LoadComplaintAsync(complaint.Id, Ct)).Version;
            await csm.Complaints.ReviseEstimateAsync(complaint.Id, version,
                new ReviseEstimateForm { EstimatedResolutionDate = NewDate.ToDateTime(TimeOnly.MinValue), Reason = Reason }, Ct);
        }

        var saved = (await _app.Database.LoadComplaintAsync(complaint.Id, Ct)).Complaint;
        Assert.Equal((NewDate, new DateOnly(2026, 3, 10)), (saved.Acknowledgement!.EstimatedResolutionDate, saved.FirstEstimatedResolutionDate));
        await using var check = _app.Database.CreateContext();
        var message = Assert.Single(await check.Set<OutboxMessage>().AsNoTracking().Where(m => m.ComplaintId == complaint.Id).ToListAsync(Ct));
        Assert.Equal((CustomerMessageKinds.EstimateRevised, language, "olga.petrova@example.com"), (message.Kind, message.Culture, message.ToAddress));
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, subject, sequence), message.Subject);
        var date = NewDate.ToString(Dates.DatePattern, CultureInfo.GetCultureInfo(language));
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, sentence, sequence, date), message.Body, StringComparison.Ordinal);
        Assert.Contains("2026", date, StringComparison.Ordinal);
        Assert.StartsWith(greeting, message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("ZX-17", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task P21_ReviseEstimate_ToAPastDate_IsRefusedAndNeitherSavesNorSends()
    {
        var complaint = await SaveInvestigatingComplaintAsync(603, "en");
        await using var csm = await _app.SignInAsync(CsmEmail);
        var version = (await _app.Database.LoadComplaintAsync(complaint.Id, Ct)).Version;

        var ex = await Assert.ThrowsAsync<DomainException>(() => csm.Complaints.ReviseEstimateAsync(complaint.Id, version,
            new ReviseEstimateForm { EstimatedResolutionDate = new DateTime(2026, 3, 4), Reason = Reason }, Ct));

        Assert.Equal("The estimated resolution date cannot be in the past.", ex.Message);
        var saved = (await _app.Database.LoadComplaintAsync(complaint.Id, Ct)).Complaint;
        Assert.Equal(new DateOnly(2026, 3, 10), saved.Acknowledgement!.EstimatedResolutionDate);
        await using var check = _app.Database.CreateContext();
        Assert.False(await check.Set<OutboxMessage>().AnyAsync(m => m.ComplaintId == complaint.Id, Ct));
    }

    [Fact]
    public async Task P21_ReviseEstimate_ByARoleWithoutHandleComplaints_IsRefusedOnTheServer()
    {
        var complaint = await SaveInvestigatingComplaintAsync(604, "en");
        await using var quality = await _app.SignInAsync(QualityEmail);
        var version = (await _app.Database.LoadComplaintAsync(complaint.Id, Ct)).Version;

        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => quality.Complaints.ReviseEstimateAsync(complaint.Id, version,
            new ReviseEstimateForm { EstimatedResolutionDate = NewDate.ToDateTime(TimeOnly.MinValue), Reason = Reason }, Ct));

        var saved = (await _app.Database.LoadComplaintAsync(complaint.Id, Ct)).Complaint;
        Assert.Equal(new DateOnly(2026, 3, 10), saved.Acknowledgement!.EstimatedResolutionDate);
    }

    /// <summary>A web-form complaint under investigation, promised for 10 March; saved directly, so nothing is e-mailed yet.</summary>
    private async Task<Complaint> SaveInvestigatingComplaintAsync(int sequence, string language)
    {
        var csm = new Actor("user-csm-estimate", "Estimate CSM");
        var at = new DateTime(2026, 3, 2, 6, 0, 0, DateTimeKind.Utc);
        var details = ComplaintDetails.Create("Blender jug cracked", "The jug cracked on the first use.", "PRODUCT-QUALITY",
            ComplaintSeverity.Normal, PreferredResolution.Replacement, "ZW-5521", "Zowor Blender");
        var customer = CustomerContact.Create("Olga Petrova", "olga.petrova@example.com", null, ContactMethod.Email);
        var complaint = Complaint.Register(ComplaintReference.Create(2026, sequence), ComplaintChannel.WebForm, customer, details, at, Actor.Customer, at, language);
        complaint.Acknowledge(ContactMethod.Email, new DateOnly(2026, 3, 10), csm, at = at.AddHours(1));
        complaint.StartInvestigation(csm, at.AddHours(1));
        complaint.ClearDomainEvents();
        await using var db = _app.Database.CreateContext();
        db.Complaints.Add(complaint);
        await db.SaveChangesAsync(Ct);
        return complaint;
    }
}
