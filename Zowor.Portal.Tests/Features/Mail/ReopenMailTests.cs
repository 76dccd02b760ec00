using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Mail;

/// <summary>
/// Issue 14 (P-41, the customer hears of each step): reopening a complaint e-mails the customer in their language,
/// once, in the same transaction as the reopening; the staff's internal reason stays out of the e-mail.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class ReopenMailTests : IAsyncLifetime
{
    private const string CsmEmail = "reopen.csm@zowor.test";
    private const string Reason = "Internal: the supplier batch ZX-17 is faulty as well.";
    private readonly PortalAppFactory _app = new(new PortalAppOptions { SeedDemoData = false });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await _app.CreateStaffUserAsync(CsmEmail, "Reopen CSM", PortalRoles.Csm);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("en", "[ZW-2026-000{0}] Your complaint has been reopened", "We have reopened your complaint ZW-2026-000{0} and are working on it again.", "Dear Olga Petrova,")]
    [InlineData("ru", "[ZW-2026-000{0}] Ваша жалоба открыта снова", "Мы снова открыли вашу жалобу ZW-2026-000{0} и опять работаем над ней.", "Уважаемый(ая) Olga Petrova!")]
    public async Task Reopen_ClosedComplaint_EmailsTheCustomerOnceInTheirLanguage(string language, string subject, string opening, string greeting)
    {
        var sequence = language == "en" ? 501 : 502;
        var complaint = ClosedComplaint(sequence, language);
        await using (var db = _app.Database.CreateContext())
        {
            db.Complaints.Add(complaint);
            await db.SaveChangesAsync(Ct);
        }

        await using (var csm = await _app.SignInAsync(CsmEmail))
        {
            var version = (await _app.Database.LoadComplaintAsync(complaint.Id, Ct)).Version;
            await csm.Complaints.ReopenAsync(complaint.Id, version, new ReasonForm { Reason = Reason }, Ct);
        }

        await using var check = _app.Database.CreateContext();
        var message = Assert.Single(await check.Set<OutboxMessage>().AsNoTracking().Where(m => m.ComplaintId == complaint.Id).ToListAsync(Ct));
        Assert.Equal((CustomerMessageKinds.Reopened, language, "olga.petrova@example.com"), (message.Kind, message.Culture, message.ToAddress));
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, subject, sequence), message.Subject);
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, opening, sequence), message.Body, StringComparison.Ordinal);
        Assert.StartsWith(greeting, message.Body, StringComparison.Ordinal);
        Assert.Contains("/track?reference=ZW-2026-000" + sequence, message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("ZX-17", message.Body, StringComparison.Ordinal);
    }

    /// <summary>A web-form complaint closed on its first day; the walk itself e-mails nothing (it is not saved through the updater).</summary>
    private static Complaint ClosedComplaint(int sequence, string language)
    {
        var csm = new Actor("user-csm-reopen", "Reopen CSM");
        var at = new DateTime(2026, 3, 2, 6, 0, 0, DateTimeKind.Utc);
        var details = ComplaintDetails.Create("Blender jug cracked", "The jug cracked on the first use.", "PRODUCT-QUALITY",
            ComplaintSeverity.Normal, PreferredResolution.Replacement, "ZW-5521", "Zowor Blender");
        var customer = CustomerContact.Create("Olga Petrova", "olga.petrova@example.com", null, ContactMethod.Email);
        var complaint = Complaint.Register(ComplaintReference.Create(2026, sequence), ComplaintChannel.WebForm, customer, details, at, Actor.Customer, at, language);
        complaint.Acknowledge(ContactMethod.Email, new DateOnly(2026, 3, 10), csm, at = at.AddHours(1));
        complaint.StartInvestigation(csm, at = at.AddHours(1));
        complaint.RecordRootCause(RootCauseCategory.ProductDefect, "Jug moulding flaw.", null, csm, at = at.AddHours(1));
        complaint.ProposeResolution(ResolutionOffer.Create(ResolutionKind.Replacement, null, null, null, "A new jug."), csm, at = at.AddHours(1));
        complaint.RecordCustomerResponse(true, null, csm, at = at.AddHours(1));
        complaint.Resolve(at = at.AddHours(1), csm, at);
        complaint.Close("Customer has the new jug.", 4, csm, at.AddHours(1));
        complaint.ClearDomainEvents();
        return complaint;
    }
}
