using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration.Queue;

/// <summary>
/// The Development demo data shows issue 17's merge and saved views: the demo CSM has a saved queue view that opens, and one
/// complaint is merged into another as the case page's "Mark duplicate" leaves it (withdrawn "duplicate of ZW-…", both
/// timelines, the customer's e-mail naming the reference that stays, the e-mail and photo shown on the primary).
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class DemoDuplicateAndQueueViewTests : IAsyncLifetime
{
    private static readonly string CsmEmail = SeededPortalFixture.DemoEmailFor(PortalRoles.Csm);

    private readonly PortalAppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _app.StartServer();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task DemoData_HasAMergedDuplicate_WithBothTimelinesTheCustomersMailAndItsContactsOnThePrimary()
    {
        await using var db = _app.Database.CreateContext();
        var duplicate = await db.Complaints.AsNoTracking().SingleAsync(c => c.DuplicateOfId != null, Ct);
        var (dup, _) = await _app.Database.LoadComplaintAsync(duplicate.Id, Ct);
        var (primary, _) = await _app.Database.LoadComplaintAsync(duplicate.DuplicateOfId!.Value, Ct);

        Assert.Equal(ComplaintStatus.Withdrawn, dup.Status);
        Assert.Equal(primary.Reference, dup.DuplicateOfReference);
        Assert.Equal(primary.Customer.Email, dup.Customer.Email);
        Assert.Contains(dup.History, h => h.Kind == ComplaintHistoryKinds.StatusChanged && h.Details == $"duplicate of {primary.Reference}");
        Assert.Single(primary.History, h => h.Kind == ComplaintHistoryKinds.DuplicateMerged && h.After == dup.Reference);
        Assert.Single(await db.OutboxMessages.AsNoTracking()
            .Where(m => m.ComplaintId == dup.Id && m.Kind == CustomerMessageKinds.MergedAsDuplicate).ToListAsync(Ct));

        await using var csm = await _app.SignInAsync(CsmEmail);
        var merged = Assert.Single(await csm.Services.GetRequiredService<DuplicateService>().GetMergedAsync(primary.Id, Ct));
        Assert.Equal(dup.Reference, merged.Reference);
        Assert.Contains(merged.Communications, c => c.Direction == CommunicationDirection.Inbound);
        Assert.Contains(merged.Evidence, e => e.File is not null);
    }

    [Fact]
    public async Task DemoData_TheDemoCsmHasASavedQueueViewThatOpensItsFilter()
    {
        await using var csm = await _app.SignInAsync(CsmEmail);

        var view = Assert.Single(await csm.Services.GetRequiredService<SavedViewService>().GetMineAsync("queue", Ct));

        Assert.Equal("queue?category=product-defect&sort=Newest", view.Link);
    }
}
