using Microsoft.Extensions.Time.Testing;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;

namespace Zowor.Portal.Tests.Features.Complaints;

/// <summary>
/// Issue 21, P-21: the group commit that lets registrations on SQLite share the one writer. Registrations that queue while
/// a batch is being written are written together by the next writer, in the order they came; each sender gets its own
/// answer, and a failure reaches only the senders of the batch it happened in.
/// </summary>
public sealed class RegistrationBatchesTests
{
    private static readonly Actor Customer = Actor.Customer;

    [Fact]
    public async Task RegistrationsQueuedDuringAWrite_AreWrittenTogetherByTheNextWriter_InArrivalOrder_EachGettingItsOwnComplaint() // P-21
    {
        var written = new List<List<int>>();
        using var firstStarted = new SemaphoreSlim(0);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task Write(IReadOnlyList<PendingRegistration> batch)
        {
            lock (written)
            {
                written.Add([.. batch.Select(r => r.Year)]);
            }

            if (batch[0].Year == 0)
            {
                firstStarted.Release();
                await releaseFirst.Task;
            }

            foreach (var registration in batch)
            {
                registration.Completion.SetResult(Complaint(registration.Year));
            }
        }

        using var batches = new RegistrationBatches(Write);
        var first = batches.RegisterAsync(Pending(0));
        await firstStarted.WaitAsync(TestContext.Current.CancellationToken);
        var later = Enumerable.Range(1, 10).Select(i => batches.RegisterAsync(Pending(i))).ToList();
        while (batches.Queued < 10)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        releaseFirst.SetResult();
        var complaints = await Task.WhenAll(later.Prepend(first));

        Assert.Equal([[0], [.. Enumerable.Range(1, 10)]], written);
        Assert.Equal(Enumerable.Range(0, 11).Select(i => Reference(i)), complaints.Select(c => c.Reference));
    }

    [Fact]
    public async Task AFailedBatch_FailsOnlyItsOwnSenders_AndTheNextRegistrationIsWritten() // P-21
    {
        var fail = true;
        Task Write(IReadOnlyList<PendingRegistration> batch)
        {
            // A writer that throws without answering: the queue answers its senders with the exception.
            if (fail)
            {
                throw new InvalidOperationException("disk full");
            }

            foreach (var registration in batch)
            {
                registration.Completion.SetResult(Complaint(registration.Year));
            }

            return Task.CompletedTask;
        }

        using var batches = new RegistrationBatches(Write);
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => batches.RegisterAsync(Pending(1)));
        fail = false;
        var next = await batches.RegisterAsync(Pending(2));

        Assert.Equal("disk full", failed.Message);
        Assert.Equal(Reference(2), next.Reference);
    }

    [Fact]
    public async Task UnderLoad_TheWriterLingersForTheNextArrivals_ButAfterAQuietSpellWritesAtOnce() // P-21
    {
        var time = new FakeTimeProvider();
        var written = new List<List<int>>();
        Task Write(IReadOnlyList<PendingRegistration> batch)
        {
            lock (written)
            {
                written.Add([.. batch.Select(r => r.Year)]);
            }

            foreach (var registration in batch)
            {
                registration.Completion.SetResult(Complaint(registration.Year));
            }

            return Task.CompletedTask;
        }

        using var batches = new RegistrationBatches(Write, time);
        // The first registration after start-up is written at once: the clock never moves.
        await batches.RegisterAsync(Pending(0)).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        // Right after a batch: the writer waits up to the linger for more, and the next two share the first one's commit.
        var first = batches.RegisterAsync(Pending(1));
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(first.IsCompleted);
        var second = batches.RegisterAsync(Pending(2));
        var third = batches.RegisterAsync(Pending(3));
        time.Advance(RegistrationBatches.Linger);
        await Task.WhenAll(first, second, third).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        // After a quiet spell longer than the linger, a registration is written without waiting (the real pause lets the
        // writer note when its batch ended, on the fake clock, before the clock moves on).
        await Task.Delay(200, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(1));
        await batches.RegisterAsync(Pending(4)).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal([[0], [1, 2, 3], [4]], written);
    }

    private static PendingRegistration Pending(int i) => new(i, reference => Complaint(i), Customer, DateTime.UtcNow, null);

    private static string Reference(int i) => ComplaintReference.Create(2026, i + 1).ToString();

    private static Complaint Complaint(int i) => Portal.Domain.Complaints.Complaint.Register(ComplaintReference.Create(2026, i + 1), ComplaintChannel.WebForm,
        CustomerContact.Create("Aigerim Bekova", "aigerim@example.com", null, ContactMethod.Email),
        ComplaintDetails.Create("Late parcel", "The parcel arrived nine days late.", "delivery", ComplaintSeverity.Normal, PreferredResolution.Refund, null, null),
        DateTime.UtcNow, Customer, DateTime.UtcNow, "en", DateTime.UtcNow.AddHours(5));
}
