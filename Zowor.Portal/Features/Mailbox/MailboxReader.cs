using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zowor.Portal.Data;

namespace Zowor.Portal.Features.Mailbox;

/// <summary>
/// Reads the complaints mailbox over IMAP (MailKit): IDLE where the server offers it, polling otherwise. One node reads
/// at a time: it holds a lease row in the database (<see cref="MailboxLease"/>) and renews it between rounds; another
/// node takes over when the lease expires. Each message is handled by <see cref="InboundMailProcessor"/> in UID order;
/// only after its record has committed is it flagged \Seen or moved to the processed folder, so a node killed at any
/// point leaves either nothing done (the message is read again) or a record (the mailbox change is finished later).
/// A mailbox that is down is retried with a doubling delay; meanwhile <see cref="MailboxStatus"/> makes the node Degraded.
/// </summary>
public sealed class MailboxReader(
    IDbContextFactory<PortalDbContext> contexts,
    InboundMailProcessor processor,
    MailboxStatus status,
    TimeProvider time,
    IOptions<InboundMailOptions> options,
    ILogger<MailboxReader> logger) : BackgroundService
{
    private const int Batch = 50;
    private const int AttemptsBeforeQuarantine = 3;
    private readonly string _node = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly Dictionary<long, int> _failures = [];

    /// <summary>The mailbox's name in the records: <c>user@host/folder</c>.</summary>
    public string MailboxKey => $"{options.Value.UserName}@{options.Value.Host}/{options.Value.Folder}";

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var retry = TimeSpan.FromSeconds(settings.RetrySeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await TryLeaseAsync(stoppingToken))
                {
                    status.Ok(); // another node reads the mailbox; this one is ready to take over
                    await Task.Delay(LeaseRenewal, time, stoppingToken);
                    continue;
                }

                await ReadAsync(() => retry = TimeSpan.FromSeconds(settings.RetrySeconds), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                status.Failed($"{ex.GetType().Name}: {ex.Message}");
                logger.LogWarning("Complaints mailbox {Mailbox} unavailable ({Error}); retrying in {Seconds} s", MailboxKey, ex.Message, retry.TotalSeconds);
                await ReleaseAsync();
                try
                {
                    await Task.Delay(retry, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                retry = TimeSpan.FromSeconds(Math.Min(settings.MaxRetrySeconds, retry.TotalSeconds * 2));
            }
        }

        await ReleaseAsync();
    }

    private TimeSpan LeaseRenewal => TimeSpan.FromSeconds(Math.Max(0.5, options.Value.LeaseSeconds / 3));

    private async Task ReadAsync(Action connected, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var client = new ImapClient { Timeout = 60_000 };
        await client.ConnectAsync(settings.Host!, settings.Port, settings.Security switch
        {
            ImapSecurity.None => SecureSocketOptions.None,
            ImapSecurity.StartTls => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.SslOnConnect,
        }, stoppingToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, stoppingToken);
        }

        var folder = await client.GetFolderAsync(settings.Folder, stoppingToken);
        await folder.OpenAsync(FolderAccess.ReadWrite, stoppingToken);
        IMailFolder? processed = null;
        if (!string.IsNullOrWhiteSpace(settings.ProcessedFolder))
        {
            processed = await client.GetFolderAsync(settings.ProcessedFolder, stoppingToken);
        }

        status.Ok();
        connected();
        logger.LogInformation("Reading complaints mailbox {Mailbox} ({Mode})", MailboxKey, client.Capabilities.HasFlag(ImapCapabilities.Idle) ? "IDLE" : "polling");
        var arrived = false;
        folder.CountChanged += (_, _) => arrived = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            await ProcessNewAsync(folder, processed, stoppingToken);
            if (!await TryLeaseAsync(stoppingToken))
            {
                logger.LogWarning("Lost the lease on mailbox {Mailbox}; another node reads it now", MailboxKey);
                return;
            }

            status.Ok();
            if (arrived)
            {
                arrived = false;
                continue;
            }

            // Wait for new mail, but no longer than the lease allows without renewal.
            var wait = client.Capabilities.HasFlag(ImapCapabilities.Idle) ? LeaseRenewal : TimeSpan.FromSeconds(Math.Min(settings.PollSeconds, LeaseRenewal.TotalSeconds));
            using var done = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            done.CancelAfter(wait);
            if (client.Capabilities.HasFlag(ImapCapabilities.Idle))
            {
                void Stop(object? sender, EventArgs e) => done.Cancel();
                folder.CountChanged += Stop;
                try
                {
                    await client.IdleAsync(done.Token, stoppingToken);
                }
                finally
                {
                    folder.CountChanged -= Stop;
                }
            }
            else
            {
                try
                {
                    await Task.Delay(wait, time, done.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                }

                await client.NoOpAsync(stoppingToken);
            }
        }
    }

    /// <summary>One round: finishes mailbox changes left by a crash, then handles the messages after the last one recorded.</summary>
    private async Task ProcessNewAsync(IMailFolder folder, IMailFolder? processed, CancellationToken cancellationToken)
    {
        var key = MailboxKey;
        var validity = (long)folder.UidValidity;
        foreach (var uid in await UnfinishedUidsAsync(key, validity, cancellationToken))
        {
            await FinishAsync(folder, processed, key, validity, uid, cancellationToken);
        }

        while (true)
        {
            var last = await LastRecordedUidAsync(key, validity, cancellationToken);

            // "last+1:*" always includes the newest message, even an old one: keep only higher UIDs.
            var uids = (await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId((uint)last + 1), UniqueId.MaxValue)), cancellationToken))
                .Where(u => u.Id > last).OrderBy(u => u.Id).Take(Batch).ToList();
            if (uids.Count == 0)
            {
                return;
            }

            var summaries = await folder.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.InternalDate | MessageSummaryItems.Size | MessageSummaryItems.Envelope, cancellationToken);
            foreach (var summary in summaries.OrderBy(s => s.UniqueId.Id))
            {
                var source = new MailboxMessageSource(key, validity, summary.UniqueId.Id,
                    (summary.InternalDate ?? time.GetUtcNow()).UtcDateTime, summary.Size ?? 0);
                await HandleAsync(folder, source, summary.Envelope, cancellationToken);
                await FinishAsync(folder, processed, key, validity, source.Uid, cancellationToken);
            }
        }
    }

    private async Task HandleAsync(IMailFolder folder, MailboxMessageSource source, Envelope? envelope, CancellationToken cancellationToken)
    {
        try
        {
            await using var raw = await folder.GetStreamAsync(new UniqueId((uint)source.Uid), cancellationToken);
            if (source.Size > options.Value.MaxMessageBytes)
            {
                await processor.QuarantineAsync(source, raw, $"The message is larger than the limit ({source.Size:N0} > {options.Value.MaxMessageBytes:N0} bytes).", null, cancellationToken, envelope);
            }
            else
            {
                await processor.ProcessAsync(source, raw, cancellationToken);
            }

            _failures.Remove(source.Uid);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not IOException && ex is not ImapProtocolException && ex is not ServiceNotConnectedException)
        {
            // A message that fails again and again (not the connection: that is retried as a whole) must not block the
            // mailbox: after a few attempts it is kept whole in quarantine for an Admin.
            var failures = _failures[source.Uid] = _failures.GetValueOrDefault(source.Uid) + 1;
            if (failures < AttemptsBeforeQuarantine)
            {
                throw;
            }

            logger.LogError(ex, "Mailbox message {Uid} failed {Attempts} times; quarantining it", source.Uid, failures);
            await using var raw = await folder.GetStreamAsync(new UniqueId((uint)source.Uid), cancellationToken);
            await processor.QuarantineAsync(source, raw, $"Processing failed: {ex.Message}", null, cancellationToken, envelope);
            _failures.Remove(source.Uid);
        }
    }

    // After the commit only: flag or move the message, then note that it is done.
    private async Task FinishAsync(IMailFolder folder, IMailFolder? processed, string key, long validity, long uid, CancellationToken cancellationToken)
    {
        var id = new UniqueId((uint)uid);
        if (processed is not null)
        {
            await folder.MoveToAsync(id, processed, cancellationToken);
        }
        else
        {
            await folder.AddFlagsAsync(id, MessageFlags.Seen, silent: true, cancellationToken);
        }

        await MarkFinishedAsync(key, validity, uid, cancellationToken);
    }

    // The reader's queries, apart from the IMAP conversation so that the SQL Server suite can translate them.

    /// <summary>Messages recorded whose mailbox change (flag or move) a crash left undone.</summary>
    internal async Task<List<long>> UnfinishedUidsAsync(string key, long validity, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<InboundMail>().Where(m => m.Mailbox == key && m.UidValidity == validity && m.MailboxUpdatedAt == null)
            .Select(m => m.Uid).ToListAsync(cancellationToken);
    }

    /// <summary>The highest UID recorded for this mailbox and UIDVALIDITY (0 when none).</summary>
    internal async Task<long> LastRecordedUidAsync(string key, long validity, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<InboundMail>().Where(m => m.Mailbox == key && m.UidValidity == validity).MaxAsync(m => (long?)m.Uid, cancellationToken) ?? 0;
    }

    /// <summary>Notes that the message's mailbox change is done.</summary>
    internal async Task MarkFinishedAsync(string key, long validity, long uid, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<InboundMail>().Where(m => m.Mailbox == key && m.UidValidity == validity && m.Uid == uid)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.MailboxUpdatedAt, now), cancellationToken);
    }

    /// <summary>Takes or renews the lease: a conditional UPDATE, or the first INSERT; false when another node holds it.</summary>
    internal async Task<bool> TryLeaseAsync(CancellationToken cancellationToken)
    {
        var key = MailboxKey;
        var now = time.GetUtcNow().UtcDateTime;
        var until = now.AddSeconds(options.Value.LeaseSeconds);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var taken = await db.Set<MailboxLease>()
            .Where(l => l.Mailbox == key && (l.Holder == _node || l.ExpiresAt < now))
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.Holder, _node).SetProperty(l => l.ExpiresAt, until), cancellationToken);
        if (taken == 1)
        {
            return true;
        }

        if (await db.Set<MailboxLease>().AnyAsync(l => l.Mailbox == key, cancellationToken))
        {
            return false;
        }

        db.Add(new MailboxLease { Mailbox = key, Holder = _node, ExpiresAt = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // another node inserted it first
        }
    }

    internal async Task ReleaseAsync()
    {
        try
        {
            var key = MailboxKey;
            await using var db = await contexts.CreateDbContextAsync();
            await db.Set<MailboxLease>().Where(l => l.Mailbox == key && l.Holder == _node)
                .ExecuteUpdateAsync(u => u.SetProperty(l => l.ExpiresAt, DateTime.UnixEpoch));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogDebug(ex, "Could not release the mailbox lease; it expires by itself");
        }
    }
}
