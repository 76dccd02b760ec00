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
        using var batches = new RegistrationBatches();
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

        var first = batches.RegisterAsync(Pending(0), Write);
        await firstStarted.WaitAsync(TestContext.Current.CancellationToken);
        var later = Enumerable.Range(1, 10).Select(i => batches.RegisterAsync(Pending(i), Write)).ToList();
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
        using var batches = new RegistrationBatches();
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

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => batches.RegisterAsync(Pending(1), Write));
        fail = false;
        var next = await batches.RegisterAsync(Pending(2), Write);

        Assert.Equal("disk full", failed.Message);
        Assert.Equal(Reference(2), next.Reference);
    }

    private static PendingRegistration Pending(int i) => new(i, reference => Complaint(i), Customer, DateTime.UtcNow, null);

    private static string Reference(int i) => ComplaintReference.Create(2026, i + 1).ToString();

    private static Complaint Complaint(int i) => Portal.Domain.Complaints.Complaint.Register(ComplaintReference.Create(2026, i + 1), ComplaintChannel.WebForm,
        CustomerContact.Create("Aigerim Bekova", "aigerim@example.com", null, ContactMethod.Email),
        ComplaintDetails.Create("Late parcel", "The parcel arrived nine days late.", "delivery", ComplaintSeverity.Normal, PreferredResolution.Refund, null, null),
        DateTime.UtcNow, Customer, DateTime.UtcNow, "en", DateTime.UtcNow.AddHours(5));
}
