using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Features.Mailbox;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration.Mailbox;

/// <summary>
/// The portal as a real process, killed (SIGKILL) while it works through the mailbox and started again (P-11: every
/// e-mail registered, none twice): each message ends as exactly one complaint with one receipt, and every message is
/// flagged in the mailbox. Two nodes on one database read the mailbox one at a time (the lease), and the second takes
/// over when the reader dies.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class MailboxCrashTests
{
    private const int Messages = 60;

    [Fact]
    public async Task P11_APortalKilledWhileReadingTheMailbox_RegistersEachEmailExactlyOnce_AfterARestart()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = TestDatabase.CreateMigrated();
        await using var dovecot = await DovecotServer.StartNewAsync(ct);
        for (var i = 1; i <= Messages; i++)
        {
            await dovecot.AppendAsync(MailboxMessages.From($"Customer {i}", $"customer{i}@example.com", $"Complaint number {i}", $"Problem {i}."), cancellationToken: ct);
        }

        // The mailbox is down while the node starts, so the kill below lands in the middle of the backlog, not after it.
        await dovecot.StopAsync(ct);
        var settings = Settings(dovecot, database);
        var first = await PortalNode.StartAsync("mail-1", settings, ct);
        int recordedAtKill;
        try
        {
            await dovecot.StartAsync(ct);
            await MailboxTests.EventuallyAsync(async () => await CountAsync(database, ct) >= 3, "the node to start on the backlog");
            await first.DisposeAsync(); // kills the process tree, mid-message as likely as not
            recordedAtKill = await CountAsync(database, ct);
        }
        catch
        {
            await first.DisposeAsync();
            throw;
        }

        Assert.True(recordedAtKill < Messages, $"The node finished all {Messages} messages before it was killed; the test proved nothing.");
        await using var second = await PortalNode.StartAsync("mail-2", settings, ct);
        await MailboxTests.EventuallyAsync(async () => await CountAsync(database, ct) == Messages, $"all {Messages} messages after the restart");
        await MailboxTests.EventuallyAsync(async () => (await dovecot.CountAsync(cancellationToken: ct)).Seen == Messages, "every message to be flagged \\Seen");

        await using var db = database.CreateContext();
        var subjects = await db.Complaints.Select(c => c.Subject).ToListAsync(ct);
        Assert.Equal(Messages, subjects.Count);
        Assert.Equal(Messages, subjects.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Messages, await db.OutboxMessages.CountAsync(ct));
        Assert.All(await db.Set<InboundMail>().ToListAsync(ct), m => Assert.Equal(InboundOutcomes.Complaint, m.Outcome));
    }

    [Fact]
    public async Task P11_TwoNodes_ReadTheMailboxOneAtATime_AndTheOtherTakesOverWhenTheReaderDies()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = TestDatabase.CreateMigrated();
        await using var dovecot = await DovecotServer.StartNewAsync(ct);
        for (var i = 1; i <= 20; i++)
        {
            await dovecot.AppendAsync(MailboxMessages.From($"Customer {i}", $"customer{i}@example.com", $"Complaint number {i}", $"Problem {i}."), cancellationToken: ct);
        }

        var settings = Settings(dovecot, database);
        await using var nodeA = await PortalNode.StartAsync("mail-A", settings, ct);
        await using var nodeB = await PortalNode.StartAsync("mail-B", settings, ct);
        await MailboxTests.EventuallyAsync(async () => await CountAsync(database, ct) == 20, "the 20 messages");
        var readers = new[] { nodeA, nodeB }.Where(n => n.LogSince(0).Any(l => l.Contains("Reading complaints mailbox", StringComparison.Ordinal))).ToList();
        var reader = Assert.Single(readers);
        var standby = reader == nodeA ? nodeB : nodeA;

        await reader.DisposeAsync(); // the reader dies; its lease runs out and the other node takes over
        for (var i = 21; i <= 25; i++)
        {
            await dovecot.AppendAsync(MailboxMessages.From($"Customer {i}", $"customer{i}@example.com", $"Complaint number {i}", $"Problem {i}."), cancellationToken: ct);
        }

        await MailboxTests.EventuallyAsync(async () => await CountAsync(database, ct) == 25, "the 5 messages after the takeover");
        Assert.Contains(standby.LogSince(0), l => l.Contains("Reading complaints mailbox", StringComparison.Ordinal));
        await using var db = database.CreateContext();
        Assert.Equal(25, await db.Complaints.Select(c => c.Subject).Distinct().CountAsync(ct));
        Assert.Equal(25, await db.Complaints.CountAsync(ct));
        Assert.Equal(25, await db.OutboxMessages.CountAsync(ct));
    }

    private static Dictionary<string, string> Settings(DovecotServer dovecot, TestDatabase database) => new(dovecot.ProcessSettings())
    {
        ["Database__Provider"] = "Sqlite",
        ["Database__SqlitePath"] = database.FilePath,
        ["Database__SeedDemoData"] = "false",
        ["Storage__DataPath"] = database.FilesFolder,
        ["Mail__Dispatch"] = "false",
    };

    private static async Task<int> CountAsync(TestDatabase database, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        try
        {
            return await db.Set<InboundMail>().CountAsync(ct);
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return 0; // the first node has not created the tables yet
        }
    }
}
