using System.Collections.Concurrent;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Complaints;

/// <summary>
/// Group commit for registrations on SQLite, whose one writer at a time made them queue for the write lock one by one
/// (issue 21: the intake topped out near 125 complaints/s on two cores with CPU to spare, each registration holding the
/// lock for its whole transaction, trend rollups and commit). A registration joins a queue; whoever holds the writer's
/// turn takes everything queued so far (up to <see cref="MostTogether"/>) and writes it as one batch, so under load one
/// lock, one commit and one pass of the rollups serve many complaints, and alone a complaint is written at once as before.
/// </summary>
/// <remarks>
/// Leader and followers, no background thread: each sender queues its registration and waits for the writer's turn; on
/// getting it, it writes batches until its own registration is written (usually by an earlier writer already, in which
/// case it only returns the answer). The queue is first in, first out, so each registration is in the batch of the first
/// writer after it queued, or the next.
/// </remarks>
internal sealed class RegistrationBatches : IDisposable
{
    /// <summary>The most registrations written in one transaction: a batch's write stays a few tens of milliseconds.</summary>
    public const int MostTogether = 32;

    private readonly ConcurrentQueue<PendingRegistration> _queued = new();
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>
    /// Queues <paramref name="registration"/> and returns its complaint once written. <paramref name="write"/> writes one
    /// batch and must complete the <see cref="PendingRegistration.Completion"/> of every registration in it, with the
    /// complaint or the exception that stopped it.
    /// </summary>
    public async Task<Complaint> RegisterAsync(PendingRegistration registration, Func<IReadOnlyList<PendingRegistration>, Task> write)
    {
        _queued.Enqueue(registration);
        // Not cancellable: once queued, a later writer may already be writing it (a customer who closes the tab has still complained).
        await _writer.WaitAsync();
        try
        {
            while (!registration.Completion.Task.IsCompleted)
            {
                var batch = new List<PendingRegistration>();
                while (batch.Count < MostTogether && _queued.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                try
                {
                    await write(batch);
                }
                catch (Exception ex)
                {
                    // A writer that failed outright must still answer everyone it took, or they would wait for ever.
                    foreach (var taken in batch)
                    {
                        taken.Completion.TrySetException(ex);
                    }
                }
            }
        }
        finally
        {
            _writer.Release();
        }

        return await registration.Completion.Task;
    }

    /// <summary>How many registrations are queued and not yet taken by a writer (a test waits on it).</summary>
    public int Queued => _queued.Count;

    public void Dispose() => _writer.Dispose();
}
