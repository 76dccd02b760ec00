using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zowor.Portal.Data;

namespace Zowor.Portal.Features.Mail;

/// <summary>
/// Delivers the outbox. Each round's messages are claimed with one conditional UPDATE before they are sent, so two nodes
/// never send the same row; a failed attempt is retried with a doubling delay; the round's sent rows are marked in one
/// UPDATE (every 5 s at least, when the server is slow). A process killed between the server's acceptance and the mark may
/// send those messages (at most 20) again after the claim expires — with the same Message-IDs, which mail systems use to
/// drop the duplicates.
/// Nothing is ever lost: the row stays until sent.
/// </summary>
public sealed class OutboxDispatcher(
    IDbContextFactory<PortalDbContext> contexts,
    IMailTransport transport,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<MailOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int Batch = 20;

    /// <summary>A round that sends slowly marks what was accepted at least this often (see <see cref="MarkSentAsync"/>).</summary>
    private static readonly TimeSpan MarkAtLeastEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(2);

    /// <summary>Sends every message that is due now; returns how many were sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var mail = options.Value;
        var sent = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            var due = await db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                // Due first, in the order of the (SentAt, NextAttemptAt) index, so the round reads only its 20 rows. Ordered
                // by CreatedAt, each round read and sorted every unsent row: a backlog of 15,000 receipts (issue 21's intake
                // run) cost a millisecond a message more, and draining it took time quadratic in its length.
                .OrderBy(m => m.NextAttemptAt)
                .Take(Batch)
                .Select(m => m.Id)
                .ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                return sent;
            }

            // One claim for the round (issue 21: a claim, a read and a mark per message cost about as much as the message):
            // the claim's time, made unique to the round by a random fraction of a second, tells which rows this round won.
            var claimedUntil = now + ClaimDuration + TimeSpan.FromTicks(Random.Shared.NextInt64(1, TimeSpan.TicksPerSecond));
            await db.Set<OutboxMessage>()
                .Where(m => due.Contains(m.Id) && m.SentAt == null && m.FailedAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.ClaimedUntil, claimedUntil), cancellationToken);
            // Read only once claimed, so what is sent is the row as it is now (an erasure may have blanked it since); rows
            // another node claimed first, or that were given up in the meantime, are not this round's.
            var claimed = await db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => due.Contains(m.Id) && m.ClaimedUntil == claimedUntil)
                .OrderBy(m => m.NextAttemptAt)
                .ToListAsync(cancellationToken);
            var accepted = new List<Guid>(claimed.Count);
            var marked = time.GetTimestamp();
            try
            {
                foreach (var message in claimed)
                {
                    if (time.GetUtcNow().UtcDateTime > claimedUntil - ClaimDuration / 2)
                    {
                        // Slow sending (a mail server timing out): the rest are left to their claim's expiry rather than risk
                        // sending a row another node may claim once the claim runs out.
                        return sent + await MarkSentAsync(db, accepted);
                    }

                    if (accepted.Count > 0 && time.GetElapsedTime(marked) > MarkAtLeastEvery)
                    {
                        // A slow server: what it accepted so far is marked before the next send, so a crash or an expired
                        // claim cannot send those again.
                        sent += await MarkSentAsync(db, accepted);
                        marked = time.GetTimestamp();
                    }

                    if (await DeliverAsync(db, message, mail, cancellationToken))
                    {
                        accepted.Add(message.Id);
                    }
                }
            }
            finally
            {
                // Marked even if the caller is stopping or a send threw: the server has accepted them.
                sent += await MarkSentAsync(db, accepted);
            }

            if (due.Count < Batch)
            {
                return sent;
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(Math.Max(0.1, options.Value.PollSeconds));
        var gather = TimeSpan.FromSeconds(Math.Max(0, options.Value.GatherSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DeliverDueAsync(stoppingToken) > 0 && gather > TimeSpan.Zero)
                {
                    // Messages are flowing (a busy hour of web-form receipts): let the next round gather what the next
                    // moments queue instead of running a round per registration.
                    await Task.Delay(gather, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be busy or gone for a moment; the messages wait in the outbox.
                logger.LogWarning(ex, "Outbox delivery round failed; retrying in {Seconds} s", poll.TotalSeconds);
            }

            await signal.WaitAsync(poll, stoppingToken);
        }
    }

    private async Task<bool> DeliverAsync(PortalDbContext db, OutboxMessage message, MailOptions mail, CancellationToken cancellationToken)
    {
        var attempts = message.Attempts + 1;
        try
        {
            await transport.SendAsync(OutboundMail.ToMime(message, mail), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var delay = TimeSpan.FromSeconds(Math.Min(mail.MaxRetryDelaySeconds, mail.RetryDelaySeconds * Math.Pow(2, Math.Min(attempts - 1, 20))));
            var failed = attempts >= mail.MaxAttempts ? now : (DateTime?)null;
            var error = Truncate($"{ex.GetType().Name}: {ex.Message}", 1000);
            await db.Set<OutboxMessage>().Where(m => m.Id == message.Id).ExecuteUpdateAsync(u => u
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.NextAttemptAt, now + delay)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null)
                .SetProperty(m => m.FailedAt, m => m.FailedAt ?? failed)
                .SetProperty(m => m.LastError, error), CancellationToken.None);
            logger.LogWarning("E-mail {MessageId} ({Kind}) attempt {Attempt} failed: {Error}; next in {Delay}", message.Id, message.Kind, attempts, error, delay);
            return false;
        }

        logger.LogInformation("E-mail {MessageId} ({Kind}) sent for complaint {ComplaintId}", message.Id, message.Kind, message.ComplaintId);
        return true;
    }

    /// <summary>
    /// Marks the messages the server accepted since the last mark, in one write, and empties the list; returns how many.
    /// Issue 21 measured a durable commit per message as most of a receipt's cost. The price: a process killed in the
    /// middle of a round sends what the round had not marked yet (at most 20 messages, at most
    /// <see cref="MarkAtLeastEvery"/> of sending) again once their claim expires, with the same Message-IDs (the pickup
    /// folder overwrites the same files). The mark is tried three times and never throws: it runs in a finally, where an
    /// exception would hide the one that ended the round, and a mark that fails for good only risks that resend.
    /// </summary>
    private async Task<int> MarkSentAsync(PortalDbContext db, List<Guid> accepted)
    {
        if (accepted.Count == 0)
        {
            return 0;
        }

        var count = accepted.Count;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var sentAt = time.GetUtcNow().UtcDateTime;
                // FailedAt is cleared too: an erasure in the meantime gives up the unsent messages, but these were sent.
                await db.Set<OutboxMessage>().Where(m => accepted.Contains(m.Id)).ExecuteUpdateAsync(u => u
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.SentAt, sentAt)
                    .SetProperty(m => m.FailedAt, (DateTime?)null)
                    .SetProperty(m => m.ClaimedUntil, (DateTime?)null)
                    .SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
                accepted.Clear();
                return count;
            }
            catch (Exception ex) when (attempt < 3)
            {
                logger.LogWarning(ex, "Marking {Count} sent e-mails failed (attempt {Attempt}); trying again", count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Marking {Count} sent e-mails failed; they may be sent again when their claim expires: {Ids}", count, accepted);
                accepted.Clear();
                return count;
            }
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
