using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration.Queue;

/// <summary>
/// Merging duplicates (issue 17) on a real SQLite file: both timelines record it in one transaction, the duplicate's
/// contacts and evidence show on the primary, the customer gets one e-mail naming the reference that stays (in their
/// language), and /track of the duplicate points to the primary.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class MergeDuplicatesTests : IAsyncLifetime
{
    private const string CsmEmail = "aida.csm@zowor.test";
    private const string AgentEmail = "erlan.agent@zowor.test";
    private const string CustomerEmail = "olga.petrova@example.kz";

    private readonly PortalAppFactory _app = new(new PortalAppOptions { SeedDemoData = false });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await _app.CreateStaffUserAsync(CsmEmail, "Aida Sarsenova (CSM)", PortalRoles.Csm);
        await _app.CreateStaffUserAsync(AgentEmail, "Erlan Agent", PortalRoles.Agent);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task MarkDuplicate_BothTimelinesRecordIt_TheEvidenceShowsOnThePrimary_AndTheCustomerIsToldTheReferenceThatStays()
    {
        await using var csm = await _app.SignInAsync(CsmEmail);
        var primary = await RegisterAsync(csm, "en");
        var duplicate = await RegisterAsync(csm, "ru");
        var steps = new CaseSteps(csm, duplicate.Id);
        await steps.AcknowledgeAsync();
        await steps.InvestigateAsync();
        await steps.LogAsync(CommunicationDirection.Inbound, CommunicationChannel.Phone, "Called again about the broken kettle lid.");
        await steps.AddEvidenceAsync("Photo of the cracked lid from the second call.");
        var current = await csm.Complaints.GetCaseAsync(duplicate.Id, Ct);

        // The reference as a person types it: lower case, spaces around.
        await Duplicates(csm).MarkDuplicateAsync(duplicate.Id, current!.Version, new MarkDuplicateForm { PrimaryReference = $"  {primary.Reference.ToLowerInvariant()} " }, Ct);

        var (dup, _) = await _app.Database.LoadComplaintAsync(duplicate.Id, Ct);
        var (prim, _) = await _app.Database.LoadComplaintAsync(primary.Id, Ct);
        Assert.Equal(ComplaintStatus.Withdrawn, dup.Status);
        Assert.Equal((primary.Id, primary.Reference), (dup.DuplicateOfId, dup.DuplicateOfReference));
        Assert.Contains(dup.History, h => h.Kind == ComplaintHistoryKinds.StatusChanged && h.After == nameof(ComplaintStatus.Withdrawn) && h.Details == $"duplicate of {primary.Reference}");
        Assert.Single(prim.History, h => h.Kind == ComplaintHistoryKinds.DuplicateMerged && h.After == duplicate.Reference);

        var merged = Assert.Single(await Duplicates(csm).GetMergedAsync(primary.Id, Ct));
        Assert.Equal(duplicate.Reference, merged.Reference);
        Assert.Equal("Called again about the broken kettle lid.", Assert.Single(merged.Communications).Summary);
        Assert.Equal("Photo of the cracked lid from the second call.", Assert.Single(merged.Evidence).Description);

        // One e-mail, in the customer's language (Russian here), naming the reference that stays.
        await using var db = _app.Database.CreateContext();
        var mail = Assert.Single(await db.OutboxMessages.AsNoTracking()
            .Where(m => m.ComplaintId == duplicate.Id && m.Kind == CustomerMessageKinds.MergedAsDuplicate).ToListAsync(Ct));
        Assert.Equal(CustomerEmail, mail.ToAddress);
        Assert.Contains(primary.Reference, mail.Subject + mail.Body, StringComparison.Ordinal);
        Assert.Contains($"Пожалуйста, используйте номер {primary.Reference}", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Track_OfTheDuplicate_PointsToThePrimary()
    {
        await using (var csm = await _app.SignInAsync(CsmEmail))
        {
            var primaryRegistered = await RegisterAsync(csm, "en");
            var duplicateRegistered = await RegisterAsync(csm, "en");
            await Duplicates(csm).MarkDuplicateAsync(duplicateRegistered.Id, 1, new MarkDuplicateForm { PrimaryReference = primaryRegistered.Reference }, Ct);
            _primary = primaryRegistered.Reference;
            _duplicate = duplicateRegistered.Reference;
        }

        using var site = new PublicSite(_app);
        var (response, page) = await site.LookUpAsync(_duplicate!, CustomerEmail, Ct);

        response.EnsureSuccessStatusCode();
        Assert.Equal(_duplicate, page.QuerySelector("[data-testid=case-reference]")?.TextContent);
        Assert.Contains(_primary!, page.QuerySelector("[data-testid=duplicate-of]")?.TextContent ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal($"track?reference={_primary}", page.QuerySelector("[data-testid=duplicate-of-link]")?.GetAttribute("href"));
    }

    [Fact]
    public async Task MarkDuplicate_BadOrStaleInput_ChangesNeitherComplaint()
    {
        await using var csm = await _app.SignInAsync(CsmEmail);
        await using var agent = await _app.SignInAsync(AgentEmail);
        var primary = await RegisterAsync(csm, "en");
        var duplicate = await RegisterAsync(csm, "en");
        await new CaseSteps(csm, duplicate.Id).AcknowledgeAsync();
        var service = Duplicates(csm);

        await Assert.ThrowsAsync<DomainException>(() => service.MarkDuplicateAsync(duplicate.Id, 2, new MarkDuplicateForm { PrimaryReference = "not a reference" }, Ct));
        await Assert.ThrowsAsync<DomainException>(() => service.MarkDuplicateAsync(duplicate.Id, 2, new MarkDuplicateForm { PrimaryReference = "ZW-2026-999999" }, Ct));
        await Assert.ThrowsAsync<ComplaintWorkflowException>(() => service.MarkDuplicateAsync(duplicate.Id, 2, new MarkDuplicateForm { PrimaryReference = duplicate.Reference }, Ct));
        // The version the user's form was opened on is older than the acknowledgement: a conflict, nothing overwritten.
        await Assert.ThrowsAsync<ComplaintConflictException>(() => service.MarkDuplicateAsync(duplicate.Id, 1, new MarkDuplicateForm { PrimaryReference = primary.Reference }, Ct));
        // Withdrawing is for the level owners (CSM, CCO, CEO), not agents.
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => Duplicates(agent).MarkDuplicateAsync(duplicate.Id, 2, new MarkDuplicateForm { PrimaryReference = primary.Reference }, Ct));

        var (dup, version) = await _app.Database.LoadComplaintAsync(duplicate.Id, Ct);
        var (prim, primaryVersion) = await _app.Database.LoadComplaintAsync(primary.Id, Ct);
        Assert.Equal((ComplaintStatus.Acknowledged, 2L, null), (dup.Status, version, dup.DuplicateOfId));
        Assert.Equal(1L, primaryVersion);
        Assert.DoesNotContain(prim.History, h => h.Kind == ComplaintHistoryKinds.DuplicateMerged);
    }

    private string? _primary;
    private string? _duplicate;

    private static DuplicateService Duplicates(StaffScope staff) => staff.Services.GetRequiredService<DuplicateService>();

    private static Task<RegisteredComplaint> RegisterAsync(StaffScope staff, string language) =>
        staff.Complaints.RegisterAsync(new RegisterComplaintForm
        {
            Channel = ComplaintChannel.Email,
            ReceivedOn = DateTime.UtcNow.Date.AddDays(-1),
            ReceivedTime = new TimeSpan(10, 0, 0),
            CustomerName = "Olga Petrova",
            Email = CustomerEmail,
            PreferredContact = ContactMethod.Email,
            Subject = "Kettle lid cracked",
            Description = "The kettle lid cracked on first use.",
            CategoryCode = "product-defect",
            CustomerLanguage = language,
        }, Ct);
}
