using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration;

/// <summary>
/// A SQLite database locked by another writer (a backup, a second process): an action waits for the lock and succeeds
/// once it is released, or fails cleanly after the busy timeout with nothing of it written. Never half a change.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class BusyDatabaseTests
{
    private const string CsmEmail = "saule.csm@zowor.test";

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Action_WhileAnotherWriterHoldsTheLock_WaitsAndSucceedsAfterRelease()
    {
        await using var app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false });
        var id = await RegisterAsync(app);
        var before = await SnapshotAsync(app, id);
        await using var csm = await app.SignInAsync(CsmEmail);

        Task action;
        await using (var writer = await LockAsync(app))
        {
            // Microsoft.Data.Sqlite waits synchronously (its busy retry sleeps), so the action runs on its own thread.
            action = Task.Run(() => csm.Complaints.LogCommunicationAsync(id, before.Version, new CommunicationForm { Summary = "Called the customer back." }, Ct), Ct);
            await Task.Delay(1500, Ct);
            Assert.False(action.IsCompleted, "The action should wait for the other writer's lock. " + action.Exception);
            await writer.RollbackAsync(Ct);
        }

        await action.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var after = await SnapshotAsync(app, id);
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal(before.Communications + 1, after.Communications);
        Assert.Equal(before.Timeline + 1, after.Timeline);
    }

    [Fact]
    public async Task Action_WhenTheLockOutlastsTheBusyTimeout_FailsCleanlyWithNothingWritten()
    {
        await using var app = new PortalAppFactory(new PortalAppOptions
        {
            SeedDemoData = false,
            Settings = new Dictionary<string, string?> { ["Database:BusyTimeoutSeconds"] = "1" },
        });
        var id = await RegisterAsync(app);
        var before = await SnapshotAsync(app, id);
        await using var csm = await app.SignInAsync(CsmEmail);

        DomainException refused;
        await using (var writer = await LockAsync(app))
        {
            refused = await Assert.ThrowsAnyAsync<DomainException>(() =>
                csm.Complaints.LogCommunicationAsync(id, before.Version, new CommunicationForm { Summary = "Called the customer back." }, Ct));
            await writer.RollbackAsync(Ct);
        }

        Assert.Contains("busy", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(app, id));
        // And the same action goes through once the database is free again.
        await csm.Complaints.LogCommunicationAsync(id, before.Version, new CommunicationForm { Summary = "Called the customer back." }, Ct);
        Assert.Equal(before.Communications + 1, (await SnapshotAsync(app, id)).Communications);
    }

    private static async Task<Guid> RegisterAsync(PortalAppFactory app)
    {
        app.StartServer();
        await app.CreateStaffUserAsync(CsmEmail, "Saule Omarova (CSM)", PortalRoles.Csm);
        await using var csm = await app.SignInAsync(CsmEmail);
        return (await csm.Complaints.RegisterAsync(CustomerFixtures.Form("Timur Akhmetov", "timur.a@example.kz", null, "Parcel late", "ZW-1"), Ct)).Id;
    }

    /// <summary>Another connection takes SQLite's write lock (BEGIN IMMEDIATE) and holds it until the transaction ends.</summary>
    private static async Task<WriteLock> LockAsync(PortalAppFactory app)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = app.Database.FilePath, Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        return new WriteLock(connection, connection.BeginTransaction(deferred: false));
    }

    private sealed class WriteLock(SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
    {
        public Task RollbackAsync(CancellationToken cancellationToken) => transaction.RollbackAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    private static async Task<Snapshot> SnapshotAsync(PortalAppFactory app, Guid id)
    {
        var (complaint, version) = await app.Database.LoadComplaintAsync(id, Ct);
        await using var db = app.Database.CreateContext();
        var timeline = await db.ComplaintHistory.CountAsync(h => EF.Property<Guid>(h, "ComplaintId") == id, Ct);
        return new Snapshot(version, complaint.Communications.Count, timeline);
    }

    private sealed record Snapshot(long Version, int Communications, int Timeline);
}
