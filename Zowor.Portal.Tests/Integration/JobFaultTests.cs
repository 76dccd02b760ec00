using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Zowor.Portal.Data;
using Zowor.Portal.Features.Escalation;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Operations;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration;

/// <summary>
/// Issue 18: a database fault in a job fails the run (Hangfire logs it and retries it), stores nothing half, and the
/// retry does the work: the acknowledgement breach of P-20 is recorded once the database is well again.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class JobFaultTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(10)]
    [InlineData(13)]
    public async Task DeadlineScan_OnAFault_FailsTheRunWithNothingStored_AndTheRetryDoesTheWork(int sqliteCode)
    {
        // Now: the registration form dates the complaint by the wall clock.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var faults = new DatabaseFaultInjector();
        await using var app = new PortalAppFactory(new PortalAppOptions
        {
            SeedDemoData = false,
            Clock = clock,
            ConfigureServices = services => services.ConfigureDbContext<SqlitePortalDbContext>(o => o.AddInterceptors(faults)),
        });
        app.StartServer();
        await app.CreateStaffUserAsync("job.csm@zowor.test", "Job CSM", PortalRoles.Csm);
        Guid id;
        await using (var csm = await app.SignInAsync("job.csm@zowor.test"))
        {
            id = (await csm.Complaints.RegisterAsync(CustomerFixtures.Form("Timur Akhmetov", "timur.a@example.kz", null, "Parcel late", "ZW-1"), Ct)).Id;
        }

        clock.Advance(TimeSpan.FromHours(25));
        var before = await TimelineAsync(app, id);

        faults.Arm(sqliteCode, skipWrites: 1);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var refused = await Assert.ThrowsAsync<DatabaseFaultException>(() => scope.ServiceProvider.GetRequiredService<DeadlineScanJob>().RunAsync(Ct));
            Assert.Equal(DatabaseFault.Classify(new Microsoft.Data.Sqlite.SqliteException("x", sqliteCode)), refused.Kind);
        }

        Assert.Equal(1, faults.Failed);
        faults.Disarm();
        Assert.Equal(before, await TimelineAsync(app, id));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var retried = await scope.ServiceProvider.GetRequiredService<DeadlineScanJob>().RunAsync(Ct);
            Assert.True(retried.Steps > 0, "the retry recorded the acknowledgement breach");
        }

        Assert.True(await TimelineAsync(app, id) > before);
    }

    private static async Task<int> TimelineAsync(PortalAppFactory app, Guid id)
    {
        await using var db = app.Database.CreateContext();
        return await db.ComplaintHistory.CountAsync(h => EF.Property<Guid>(h, "ComplaintId") == id, Ct);
    }
}
