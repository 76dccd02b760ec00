using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Audit;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Evidence;
using Zowor.Portal.Features.Privacy;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Privacy;

/// <summary>GDPR requests (P-91): find, export and erase one customer, against a real SQLite file.</summary>
[Collection(PortalHostCollection.Name)]
public sealed class PrivacyServiceTests : IAsyncLifetime
{
    private const string CsmEmail = "saule.csm@zowor.test";
    private const string AgentEmail = "aigerim.agent@zowor.test";

    // The customer who asks; "needles" are what must be gone from every table and file after erasure.
    private const string Name = "Zebulon Quixote";
    private const string Email = "zebulon.quixote@example.org";
    private const string Phone = "+7 701 555 0199";
    private static readonly string[] Needles = [Name, Email, "+77015550199", "QX-778812", "Quixotic kettle", "Zebulon"];

    // Someone else, who must be neither exported nor erased.
    private const string OtherName = "Ottilie Brandvold";
    private const string OtherEmail = "ottilie.b@example.no";

    private readonly PortalAppFactory _app = new(new PortalAppOptions { SeedDemoData = false });
    private readonly List<RegisteredComplaint> _mine = [];
    private RegisteredComplaint _other = default!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await _app.CreateStaffUserAsync(CsmEmail, "Saule Omarova (CSM)", PortalRoles.Csm);
        await _app.CreateStaffUserAsync(AgentEmail, "Aigerim Agent", PortalRoles.Agent);
        await using var csm = await _app.SignInAsync(CsmEmail);
        _mine.Add(await csm.Complaints.RegisterAsync(CustomerFixtures.Form(Name, Email, Phone, "Quixotic kettle leaks", "QX-778812"), Ct));
        // The same customer calling from the same phone without giving the e-mail address.
        _mine.Add(await csm.Complaints.RegisterAsync(CustomerFixtures.Form(Name, null, Phone, "Second Quixotic kettle", "QX-778813"), Ct));
        _other = await csm.Complaints.RegisterAsync(CustomerFixtures.Form(OtherName, OtherEmail, "+47 912 34 567", "Vase broken", "OB-552901"), Ct);
        var (first, version) = await _app.Database.LoadComplaintAsync(_mine[0].Id, Ct);
        await csm.Complaints.LogCommunicationAsync(first.Id, version,
            new CommunicationForm { Summary = $"Called {Name} back about order QX-778812." }, Ct);

        // An acknowledgement e-mail in the outbox and an evidence file on disk: both hold the customer's data.
        var steps = new CaseSteps(csm, first.Id);
        await steps.AcknowledgeAsync(ContactMethod.Email);
        await steps.InvestigateAsync();
        var (_, current) = await _app.Database.LoadComplaintAsync(first.Id, Ct);
        await using var receipt = new MemoryStream(Encoding.UTF8.GetBytes($"Receipt for {Name}, order QX-778812"));
        await csm.Services.GetRequiredService<EvidenceFileService>()
            .AddAsync(first.Id, current, EvidenceKind.OrderDetails, "Customer's receipt", "Zebulon receipt.txt", receipt, Ct);
    }

    private string EvidenceFolder => Path.Combine(_app.Database.FilesFolder, "evidence", _mine[0].Id.ToString("N"));

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Find_ByEmailOrPhone_ListsEveryComplaintOfThatCustomerOnly()
    {
        await using var csm = await _app.SignInAsync(CsmEmail);
        var privacy = csm.Services.GetRequiredService<PrivacyService>();

        var byPhone = await privacy.FindAsync(null, "+7 (701) 555-01-99", Ct);
        var byEmail = await privacy.FindAsync(" Zebulon.Quixote@Example.org ", null, Ct);

        Assert.Equal(_mine.Select(c => c.Reference).Order(), byPhone.Select(c => c.Reference).Order());
        Assert.Equal(_mine[0].Reference, Assert.Single(byEmail).Reference);
    }

    [Fact]
    public async Task Export_HoldsEveryComplaintOfTheCustomerAndNothingOfOthers_AndIsAudited()
    {
        await using var csm = await _app.SignInAsync(CsmEmail);

        var privacy = csm.Services.GetRequiredService<PrivacyService>();
        var listed = await privacy.FindAsync(null, Phone, Ct);

        var export = await privacy.ExportAsync(listed.Select(c => c.Id).ToList(), Ct);

        var json = Encoding.UTF8.GetString(export.Content);
        using var document = JsonDocument.Parse(json);
        var complaints = document.RootElement.GetProperty("complaints").EnumerateArray().ToList();
        Assert.Equal(_mine.Select(c => c.Reference).Order(), complaints.Select(c => c.GetProperty("reference").GetString()).Order());
        var first = complaints.Single(c => c.GetProperty("reference").GetString() == _mine[0].Reference);
        Assert.Equal(Email, first.GetProperty("customer").GetProperty("email").GetString());
        Assert.Contains("QX-778812", first.GetProperty("communications")[0].GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(first.GetProperty("timeline").EnumerateArray());
        Assert.Equal("Zebulon receipt.txt", first.GetProperty("evidence")[0].GetProperty("file").GetProperty("fileName").GetString());
        Assert.Contains("We are working on your complaint", first.GetProperty("emails")[0].GetProperty("subject").GetString(), StringComparison.Ordinal);
        foreach (var foreign in new[] { OtherName, OtherEmail, _other.Reference, "OB-552901" })
        {
            Assert.DoesNotContain(foreign, json, StringComparison.Ordinal);
        }

        var audit = Assert.Single(await AuditAsync(AuditActions.ExportedCustomer));
        Assert.Equal(csm.Actor.Id, audit.UserId);
        Assert.Equal(listed[0].Id, audit.ComplaintId);
    }

    [Fact]
    public async Task Erase_LeavesNoPersonalDataOfTheCustomerInAnyTableOrFile_AndKeepsOthers()
    {
        await using var csm = await _app.SignInAsync(CsmEmail);
        Assert.NotEmpty(await FindInDatabaseFilesAsync(Needles)); // it is all there before
        Assert.Single(Directory.GetFiles(EvidenceFolder));

        var privacy = csm.Services.GetRequiredService<PrivacyService>();
        var listed = await privacy.FindAsync(null, Phone, Ct);

        var erased = await privacy.EraseAsync(listed.Select(c => c.Id).ToList(), Ct);

        Assert.Equal(_mine.Select(c => c.Reference).Order(), erased.Order());
        var leftovers = await FindInDatabaseFilesAsync(Needles);
        Assert.True(leftovers.Count == 0, "Personal data left after the erasure request:\n" + string.Join("\n", leftovers));
        Assert.False(Directory.Exists(EvidenceFolder), "The customer's evidence files are still on disk.");
        Assert.NotEmpty(await FindInDatabaseFilesAsync([OtherName, OtherEmail]));
        foreach (var mine in _mine)
        {
            var (complaint, _) = await _app.Database.LoadComplaintAsync(mine.Id, Ct);
            Assert.Equal(CustomerContact.Anonymous, complaint.Customer);
            Assert.Equal(ComplaintStatus.Withdrawn, complaint.Status);
            Assert.NotNull(complaint.AnonymisedAt);
        }

        var (other, _) = await _app.Database.LoadComplaintAsync(_other.Id, Ct);
        Assert.Equal(OtherName, other.Customer.Name);
        var audit = Assert.Single(await AuditAsync(AuditActions.ErasedCustomer));
        Assert.Equal(csm.Actor.Id, audit.UserId);
        Assert.Contains(_mine[1].Reference, audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erase_ActsOnExactlyTheListedComplaints_NotOnOthersSharingAPhoneNumber()
    {
        await using var csm = await _app.SignInAsync(CsmEmail);
        var privacy = csm.Services.GetRequiredService<PrivacyService>();
        // Searched by e-mail: only the complaint with that address is listed, not the second one that shares the phone.
        var listed = await privacy.FindAsync(Email, null, Ct);

        var erased = await privacy.EraseAsync(listed.Select(c => c.Id).ToList(), Ct);

        Assert.Equal([_mine[0].Reference], erased);
        var (second, _) = await _app.Database.LoadComplaintAsync(_mine[1].Id, Ct);
        Assert.Equal(Name, second.Customer.Name);
        Assert.Null(second.AnonymisedAt);
    }

    [Fact]
    public async Task Erasing_A_Resolved_Complaint_Closes_It_Without_E_Mailing_The_Customer()
    {
        await using var csm = await _app.SignInAsync(CsmEmail);
        var steps = new CaseSteps(csm, _mine[0].Id);
        await steps.RecordRootCauseAsync("Seal defect.");
        await steps.ProposeAsync();
        await steps.AcceptOfferAsync();
        await steps.ResolveAsync();
        int mailsBefore;
        await using (var db = _app.Database.CreateContext())
        {
            mailsBefore = await db.OutboxMessages.CountAsync(m => m.ComplaintId == _mine[0].Id, Ct);
        }

        await csm.Services.GetRequiredService<PrivacyService>().EraseAsync([_mine[0].Id], Ct);

        await using var after = _app.Database.CreateContext();
        Assert.Equal(mailsBefore, await after.OutboxMessages.CountAsync(m => m.ComplaintId == _mine[0].Id, Ct));
        Assert.False(await after.SatisfactionSurveys.AnyAsync(x => x.ComplaintId == _mine[0].Id, Ct));
        Assert.False(await after.OutboxMessages.AnyAsync(m => m.ComplaintId == _mine[0].Id && m.SentAt == null && m.FailedAt == null, Ct));
    }

    [Fact]
    public async Task Requests_ByAnAgent_AreRefused()
    {
        await using var agent = await _app.SignInAsync(AgentEmail);
        var privacy = agent.Services.GetRequiredService<PrivacyService>();

        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => privacy.FindAsync(Email, null, Ct));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => privacy.ExportAsync([_mine[0].Id], Ct));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => privacy.EraseAsync([_mine[0].Id], Ct));
        Assert.Equal(Name, (await _app.Database.LoadComplaintAsync(_mine[0].Id, Ct)).Complaint.Customer.Name);
    }

    private async Task<List<AuditEntry>> AuditAsync(string action)
    {
        await using var db = _app.Database.CreateContext();
        return await db.AuditLog.Where(a => a.Action == action).ToListAsync(Ct);
    }

    private Task<List<string>> FindInDatabaseFilesAsync(IEnumerable<string> needles) => _app.Database.FindInFilesAsync(needles, Ct);
}
