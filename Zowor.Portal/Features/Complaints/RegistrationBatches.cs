using System.Threading.Channels;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Complaints;

/// <summary>
/// Group commit for registrations on SQLite, whose one writer at a time made them queue for the write lock one by one
/// (issue 21: the intake topped out near 125 complaints/s on two cores with CPU to spare, each registration holding the
/// lock for its whole transaction, trend rollups and commit). A registration joins a queue; one writer takes everything
/// queued so far (up to <see cref="MostTogether"/>) and writes it as one batch, so under load one lock, one commit and
/// one pass of the rollups serve many complaints, and alone a complaint is written at once as before.
/// </summary>
/// <remarks>
/// One writer loop, fed by a queue, first in, first out. It was leader and followers at first: each sender waited for the
/// writer's turn and, on getting it, wrote whatever was queued. Under load the turn then passed through every sender
/// whose registration an earlier writer had already written, one thread-pool hop each, and a sender arriving in between
/// found the queue empty but for itself: a third of the registrations were written alone, each paying the whole batch's
/// fixed cost (issue 21's profile). The loop instead takes the next batch as soon as the last one is committed.
/// Under continuous load it also lingers a moment (<see cref="Linger"/>) before a batch smaller than
/// <see cref="MostTogether"/>, so that the next few registrations share its commit; a registration that comes after a
/// quiet spell is written at once.
/// </remarks>
internal sealed class RegistrationBatches : IDisposable
{
    /// <summary>The most registrations written in one transaction: a batch's write stays a few tens of milliseconds.</summary>
    public const int MostTogether = 32;

    /// <summary>How long the writer waits for more registrations before a batch, when the last one ended just now.</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(10);

    // Not SingleReader: that channel cannot count what it holds (Queued).
    private readonly Channel<PendingRegistration> _queue = Channel.CreateUnbounded<PendingRegistration>();
    private readonly Func<IReadOnlyList<PendingRegistration>, Task> _write;
    private readonly TimeProvider _time;

    /// <param name="write">
    /// Writes one batch and must complete the <see cref="PendingRegistration.Completion"/> of every registration in it, with
    /// the complaint or the exception that stopped it.
    /// </param>
    /// <param name="time">The clock that times the linger (tests pass a fake one).</param>
    public RegistrationBatches(Func<IReadOnlyList<PendingRegistration>, Task> write, TimeProvider? time = null)
    {
        _write = write;
        _time = time ?? TimeProvider.System;
        // Runs until Dispose completes the queue; it never throws (a failed batch answers its senders), so nothing awaits it.
        _ = Task.Run(WriteQueuedAsync);
    }

    /// <summary>Queues <paramref name="registration"/> and returns its complaint once written.</summary>
    /// <remarks>Not cancellable: once queued, it is written (a customer who closes the tab has still complained).</remarks>
    public Task<Complaint> RegisterAsync(PendingRegistration registration)
    {
        if (!_queue.Writer.TryWrite(registration))
        {
            throw new ObjectDisposedException(nameof(RegistrationBatches), "The portal is stopping; the registration was not queued.");
        }

        return registration.Completion.Task;
    }

    /// <summary>How many registrations are queued and not yet taken by the writer (a test waits on it).</summary>
    public int Queued => _queue.Reader.Count;

    private async Task WriteQueuedAsync()
    {
        var reader = _queue.Reader;
        var lastEnded = long.MinValue;
        while (await reader.WaitToReadAsync())
        {
            var batch = new List<PendingRegistration>();
            Take(reader, batch);
            // Under load (the last batch ended a moment ago) a short wait lets the next arrivals share this batch's commit.
            if (batch.Count < MostTogether && lastEnded != long.MinValue && _time.GetElapsedTime(lastEnded) < Linger)
            {
                await Task.Delay(Linger, _time);
                Take(reader, batch);
            }

            try
            {
                await _write(batch);
            }
            catch (Exception ex)
            {
                // A writer that failed outright must still answer everyone it took, or they would wait for ever.
                foreach (var taken in batch)
                {
                    taken.Completion.TrySetException(ex);
                }
            }

            lastEnded = _time.GetTimestamp();
        }
    }

    private static void Take(ChannelReader<PendingRegistration> reader, List<PendingRegistration> batch)
    {
        while (batch.Count < MostTogether && reader.TryRead(out var next))
        {
            batch.Add(next);
        }
    }

    /// <summary>Stops taking registrations; those already queued are still written.</summary>
    public void Dispose() => _queue.Writer.TryComplete();
}
