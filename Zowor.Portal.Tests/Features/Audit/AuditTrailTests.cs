using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Audit;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Audit;

/// <summary>The audit trails (ISO 9001 records, P-91): the timeline and the access log only grow; viewing personal data is logged.</summary>
[Collection(PortalHostCollection.Name)]
public sealed class AuditTrailTests : IAsyncLifetime
{
    private const string CsmEmail = "saule.csm@zowor.test";

    private readonly PortalAppFactory _app = new(new PortalAppOptions { SeedDemoData = false });
    private Guid _complaintId;
    private string _reference = string.Empty;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await _app.CreateStaffUserAsync(CsmEmail, "Saule Omarova (CSM)", PortalRoles.Csm);
        await using var csm = await _app.SignInAsync(CsmEmail);
        var registered = await csm.Complaints.RegisterAsync(CustomerFixtures.Form("Timur Akhmetov", "timur.a@example.kz", null, "Parcel late", "ZW-1"), Ct);
        (_complaintId, _reference) = (registered.Id, registered.Reference);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task SaveChanges_ChangingATimelineEntry_FailsAndChangesNothing()
    {
        await using (var db = _app.Database.CreateContext())
        {
            var entry = await db.ComplaintHistory.FirstAsync(h => EF.Property<Guid>(h, "ComplaintId") == _complaintId, Ct);
            db.Entry(entry).Property(h => h.Details).CurrentValue = "tampered";

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(await TimelineAsync(), e => e.Details == "tampered");
    }

    [Fact]
    public async Task SaveChanges_DeletingATimelineEntry_FailsAndChangesNothing()
    {
        var before = await TimelineAsync();
        await using (var db = _app.Database.CreateContext())
        {
            db.ComplaintHistory.Remove(await db.ComplaintHistory.FirstAsync(h => EF.Property<Guid>(h, "ComplaintId") == _complaintId, Ct));

            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
        }

        Assert.Equal(before.Count, (await TimelineAsync()).Count);
    }

    [Fact]
    public async Task SaveChanges_ChangingOrDeletingAnAuditEntry_Fails()
    {
        await using (var csm = await _app.SignInAsync(CsmEmail))
        {
            await csm.Complaints.OpenCaseAsync(_complaintId, Ct);
        }

        await using var db = _app.Database.CreateContext();
        var entry = await db.AuditLog.SingleAsync(Ct);
        db.Entry(entry).Property(a => a.UserName).CurrentValue = "someone else";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
        db.ChangeTracker.Clear();
        db.AuditLog.Remove(await db.AuditLog.SingleAsync(Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task OpenCase_RecordsWhoSawThePersonalDataOfWhichComplaint_OncePerWindow()
    {
        await using var csm = await _app.SignInAsync(CsmEmail);

        var shown = await csm.Complaints.OpenCaseAsync(_complaintId, Ct);
        await csm.Complaints.OpenCaseAsync(_complaintId, Ct); // a live reload of the same page
        await csm.Complaints.GetCaseAsync(_complaintId, Ct);  // no personal data shown (API, internal reads)

        Assert.NotNull(shown);
        await using var db = _app.Database.CreateContext();
        var entry = Assert.Single(await db.AuditLog.ToListAsync(Ct));
        Assert.Equal(AuditActions.ViewedPersonalData, entry.Action);
        Assert.Equal(csm.Actor.Id, entry.UserId);
        Assert.Equal(csm.Actor.Name, entry.UserName);
        Assert.Equal(_complaintId, entry.ComplaintId);
        Assert.Equal(_reference, entry.Reference);
        Assert.True(entry.At > DateTime.UtcNow.AddMinutes(-1));
    }

    private async Task<List<ComplaintHistoryEntry>> TimelineAsync()
    {
        await using var db = _app.Database.CreateContext();
        return await db.ComplaintHistory.AsNoTracking().Where(h => EF.Property<Guid>(h, "ComplaintId") == _complaintId).ToListAsync(Ct);
    }
}
