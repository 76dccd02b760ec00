using System.Diagnostics;
using Microsoft.Data.Sqlite;
using MimeKit;
using Zowor.Portal.Benchmarks.Hosting;

namespace Zowor.Portal.Benchmarks.Suite;

/// <summary>
/// Issue 15: messages processed per second from a backlog in the complaints mailbox. A real Dovecot holds 1,000 customer
/// e-mails (one in ten with a photo attached); the portal node starts while the mailbox is down, then Dovecot comes up
/// and the clock runs until every message has its record in the database. Each message is a full registration: IMAP
/// fetch, parse, evidence check and file, the complaint with its receipt e-mail in one transaction, then \Seen.
/// </summary>
public sealed class ImapBenchmark : IBenchmark
{
    private const string Id = "15 imap";

    // A PNG's first bytes: enough for the evidence content check.
    private static readonly byte[] Photo = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[20_000]];

    public string Name => "imap";

    public string Title => "15 imap: complaints-mailbox messages processed per second from a backlog of 1,000";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var count = context.Quick ? 100 : 1_000;
        var folder = context.ScratchFolder("imap");
        var database = Path.Combine(folder, "imap.db");
        await using var dovecot = await DovecotServer.StartNewAsync(cancellationToken);
        var messages = Enumerable.Range(1, count).Select(Message).ToList();
        var append = Stopwatch.StartNew();
        await dovecot.AppendManyAsync(messages, cancellationToken: cancellationToken);
        Console.WriteLine($"  {count:N0} messages appended to Dovecot in {append.Elapsed.TotalSeconds:0.0} s; starting the node with the mailbox down");
        await dovecot.StopAsync(cancellationToken);
        var settings = dovecot.ProcessSettings();
        settings["Mail__Inbound__RetrySeconds"] = "0.2";
        settings["Mail__Inbound__MaxRetrySeconds"] = "0.2";
        await using var node = await PortalNode.StartAsync("imap", database, settings, cancellationToken);

        await dovecot.StartAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        var firstAt = TimeSpan.Zero;
        long done = 0;
        while (done < count)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"Only {done} of {count} messages processed in 10 minutes.{Environment.NewLine}{node.Describe(30)}");
            }

            await Task.Delay(100, cancellationToken);
            done = Scalar(database, "SELECT COUNT(*) FROM InboundMail");
            if (done > 0 && firstAt == TimeSpan.Zero)
            {
                firstAt = clock.Elapsed;
            }
        }

        var elapsed = clock.Elapsed;
        var complaints = Scalar(database, "SELECT COUNT(*) FROM InboundMail WHERE Outcome = 'Complaint'");
        var receipts = Scalar(database, "SELECT COUNT(*) FROM OutboxMessages WHERE Kind = 'Received' AND ToAddress LIKE '%@backlog.example.net'");
        var (seen, total) = await dovecot.CountAsync(cancellationToken: cancellationToken);
        Console.WriteLine($"  {done:N0} recorded in {elapsed.TotalSeconds:0.0} s (first after {firstAt.TotalSeconds:0.0} s: connect and lease); {complaints:N0} complaints, {receipts:N0} receipts, {seen:N0}/{total:N0} flagged \\Seen");
        var report = context.Report;
        report.Info(Id, "messages processed per second (backlog, incl. connect)", count / elapsed.TotalSeconds, "/s");
        report.Info(Id, "messages processed per second (after the first)", (count - 1) / (elapsed - firstAt).TotalSeconds, "/s");
        report.Check(Id, "every message one complaint with one receipt, all flagged", complaints == count && receipts == count && seen == count ? 1 : 0, string.Empty,
            "exactly once", met: complaints == count && receipts == count && seen == count);
    }

    private static MimeMessage Message(int i)
    {
        var message = new MimeMessage { Subject = $"Order ZW-{880000 + i} arrived damaged", MessageId = $"backlog-{i}@backlog.example.net" };
        message.From.Add(new MailboxAddress($"Customer {i}", $"customer{i}@backlog.example.net"));
        message.To.Add(new MailboxAddress("Zowor", "complaints@zowor.test"));
        var body = new BodyBuilder { TextBody = $"Hello,\n\nmy order {880000 + i} arrived damaged: the box was crushed and the item inside is broken.\n\nRegards,\nCustomer {i}" };
        if (i % 10 == 0)
        {
            body.Attachments.Add("photo.png", Photo, new ContentType("image", "png"));
        }

        message.Body = body.ToMessageBody();
        return message;
    }

    private static long Scalar(string database, string sql)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 };
        try
        {
            using var connection = new SqliteConnection(builder.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return 0;
        }
    }
}
