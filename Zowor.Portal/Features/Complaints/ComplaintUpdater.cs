using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Features.Notifications;
using Zowor.Portal.Platform.Operations;

namespace Zowor.Portal.Features.Complaints;

/// <summary>
/// The one way a complaint changes, for people and jobs alike: one context, load the aggregate, apply domain methods,
/// plan notifications into the same transaction, save with the version check, publish. Authorization is the caller's.
/// </summary>
public sealed class ComplaintUpdater(
    IDbContextFactory<PortalDbContext> contexts,
    ComplaintEventPublisher publisher,
    CustomerMessagePlanner customerMessages,
    OutboxSignal outbox,
    ILogger<ComplaintUpdater> logger) : IDisposable
{
    private const int ReferenceAttempts = 5;

    private object? _batchesStart;
    private RegistrationBatches? _batches;
    private ReferenceAllocation? _providerAllocation;

    /// <summary>
    /// How <see cref="RegisterAsync"/> keeps two registrations from taking one reference; null (always, outside tests)
    /// chooses by provider. Tests set it to run SQL Server's strategy on SQLite, where its retry can be proven.
    /// </summary>
    internal ReferenceAllocation? Allocation { get; set; }

    /// <summary>
    /// Stores a new complaint under the next reference of its year, with its notifications and customer e-mails in the
    /// same transaction, then publishes it live. The unique index settles a race between two registrations: the loser
    /// takes the next number. On SQLite the number is read under the database's write lock (the transaction begins
    /// IMMEDIATE), so registrations queue for the lock instead of racing: without it, a burst of web-form complaints all
    /// read the same last number, all but one failed, and the retries collided again until some ran out of attempts.
    /// On SQLite the registrations that queue meanwhile are then written together (<see cref="RegistrationBatches"/>).
    /// </summary>
    /// <param name="year">The reference year (the year of receipt in the business time zone).</param>
    /// <param name="create">Builds the complaint for a given reference; may run more than once (a retry), so it only builds.</param>
    /// <param name="actor">Who registers it.</param>
    /// <param name="now">The current time (UTC).</param>
    /// <param name="cancellationToken">Cancellation; on SQLite only until the registration is queued (then it is written).</param>
    /// <param name="alongside">Adds rows that must commit with the complaint or not at all (the mailbox's record of the e-mail it came from).</param>
    public async Task<Complaint> RegisterAsync(int year, Func<ComplaintReference, Complaint> create, Actor actor, DateTime now, CancellationToken cancellationToken,
        Action<PortalDbContext, Complaint>? alongside = null)
    {
        var registration = new PendingRegistration(year, create, actor, now, alongside);
        if ((Allocation ?? await ProviderAllocationAsync(cancellationToken)) == ReferenceAllocation.WriteLock)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return await Batches.RegisterAsync(registration);
        }

        return await RegisterAloneAsync(registration, ReferenceAllocation.UniqueIndexRetry, cancellationToken);
    }

    private async ValueTask<ReferenceAllocation> ProviderAllocationAsync(CancellationToken cancellationToken)
    {
        if (_providerAllocation is { } known)
        {
            return known;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (_providerAllocation = db.Database.IsSqlite() ? ReferenceAllocation.WriteLock : ReferenceAllocation.UniqueIndexRetry).Value;
    }

    /// <summary>
    /// Writes the registrations that queued together in one transaction (one write lock, one commit, one pass of the trend
    /// rollups); when that fails for any reason, each is written alone, so one bad registration fails only its own caller.
    /// </summary>
    private async Task WriteBatchAsync(IReadOnlyList<PendingRegistration> batch)
    {
        if (batch.Count > 1)
        {
            List<Added>? written = null;
            try
            {
                written = await RegisterTogetherAsync(batch);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "{Count} registrations could not be written together; writing each alone", batch.Count);
            }

            if (written is not null)
            {
                // Committed: from here on nothing may send a registration round again.
                foreach (var (registration, complaint, notifications, messages) in written)
                {
                    try
                    {
                        Registered(registration, complaint, notifications, messages);
                    }
                    finally
                    {
                        registration.Completion.TrySetResult(complaint);
                    }
                }

                return;
            }
        }

        foreach (var registration in batch)
        {
            try
            {
                // A queued registration belongs to whoever sent it, not to this writer: it is written even if its sender left.
                registration.Completion.SetResult(await RegisterAloneAsync(registration, ReferenceAllocation.WriteLock, CancellationToken.None));
            }
            catch (Exception ex)
            {
                registration.Completion.SetException(ex);
            }
        }
    }

    /// <summary>A complaint added to a context, with what its registration planned beside it.</summary>
    private sealed record Added(PendingRegistration Registration, Complaint Complaint, IReadOnlyList<UserNotification> Notifications, int Messages);

    /// <summary>Adds every registration of <paramref name="batch"/> to one context and commits them together (not yet published).</summary>
    private async Task<List<Added>> RegisterTogetherAsync(IReadOnlyList<PendingRegistration> batch)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var last = new Dictionary<int, int>();
        var added = new List<Added>(batch.Count);
        foreach (var registration in batch)
        {
            var sequence = last.TryGetValue(registration.Year, out var taken) ? taken : await LastSequenceAsync(db, registration.Year, CancellationToken.None);
            last[registration.Year] = sequence + 1;
            var (complaint, notifications, messages) = await AddAsync(db, registration, sequence + 1, CancellationToken.None);
            added.Add(new Added(registration, complaint, notifications, messages));
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return added;
    }

    private async Task<Complaint> RegisterAloneAsync(PendingRegistration registration, ReferenceAllocation allocation, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = allocation == ReferenceAllocation.WriteLock ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            var last = await LastSequenceAsync(db, registration.Year, cancellationToken);
            var (complaint, notifications, messages) = await AddAsync(db, registration, last + 1, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }
            }
            catch (DbUpdateException ex) when (attempt < ReferenceAttempts && DatabaseFault.Classify(ex) is null)
            {
                logger.LogWarning("Reference {Reference} was taken concurrently; retrying", complaint.Reference);
                continue;
            }
            catch (Exception ex) when (DatabaseFault.Classify(ex) is { } fault)
            {
                logger.LogWarning(ex, "Complaint {Reference}: database fault {Fault}; it was not registered", complaint.Reference, fault);
                throw DatabaseFaultException.For(fault);
            }

            Registered(registration, complaint, notifications, messages);
            return complaint;
        }
    }

    private static async Task<int> LastSequenceAsync(PortalDbContext db, int year, CancellationToken cancellationToken) =>
        await db.Complaints.Where(c => c.ReferenceYear == year).MaxAsync(c => (int?)c.ReferenceSequence, cancellationToken) ?? 0;

    /// <summary>Builds the complaint under reference number <paramref name="sequence"/> and adds it, its notifications, e-mails and alongside rows to <paramref name="db"/>.</summary>
    private async Task<(Complaint Complaint, IReadOnlyList<UserNotification> Notifications, int Messages)> AddAsync(
        PortalDbContext db, PendingRegistration registration, int sequence, CancellationToken cancellationToken)
    {
        var complaint = registration.Create(ComplaintReference.Create(registration.Year, sequence));
        if (await Products.ProductQueries.MatchAsync(db, complaint.Product, cancellationToken) is { } listedProduct)
        {
            complaint.LinkListedProduct(listedProduct);
        }

        db.Complaints.Add(complaint);
        var notifications = await NotificationPlanner.PlanAsync(db, complaint, registration.Actor, registration.Now, cancellationToken);
        var messages = await customerMessages.PlanAsync(db, complaint, cancellationToken);
        registration.Alongside?.Invoke(db, complaint);
        return (complaint, notifications, messages);
    }

    /// <summary>After the commit: the log line, the outbox's wake-up and the live update.</summary>
    private void Registered(PendingRegistration registration, Complaint complaint, IReadOnlyList<UserNotification> notifications, int messages)
    {
        logger.LogInformation("Complaint {Reference} registered by {UserId} via {Channel}", complaint.Reference, registration.Actor.Id, complaint.Channel);
        Signal(messages);
        publisher.Publish(complaint, registration.Actor, levelBefore: null, notifications);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the complaint. With <paramref name="expectedVersion"/> a change made since the
    /// caller read the complaint fails with <see cref="ComplaintConflictException"/>; a concurrent commit always does.
    /// </summary>
    /// <returns>Whether the change raised any event (and so was saved).</returns>
    /// <param name="id">The complaint.</param>
    /// <param name="expectedVersion">The version the user saw; null for the system and customers, whose change is retried on the latest version after a concurrent commit.</param>
    /// <param name="actor">Who changes it.</param>
    /// <param name="now">The current time (UTC).</param>
    /// <param name="change">The domain call.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <param name="emailCustomer">False for a change the customer must not be e-mailed about (ending a complaint for an erasure).</param>
    /// <param name="alongside">Adds or changes rows that must commit with the change or not at all (the mailbox's record of an e-mail).</param>
    public async Task<bool> ApplyAsync(Guid id, long? expectedVersion, Actor actor, DateTime now, Action<Complaint> change, CancellationToken cancellationToken, bool emailCustomer = true,
        Action<PortalDbContext, Complaint>? alongside = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ApplyOnceAsync(id, expectedVersion, actor, now, change, emailCustomer, alongside, cancellationToken);
            }
            catch (ComplaintConflictException) when (expectedVersion is null && attempt < 3)
            {
                // Nobody saw a version to conflict with (a job, a customer): apply the change to the latest one.
            }
        }
    }

    private async Task<bool> ApplyOnceAsync(Guid id, long? expectedVersion, Actor actor, DateTime now, Action<Complaint> change, bool emailCustomer,
        Action<PortalDbContext, Complaint>? alongside, CancellationToken cancellationToken)
    {
        // Every log line of this change names the complaint, so one case can be followed through the logs.
        using var idScope = logger.BeginScope(new Dictionary<string, object> { ["ComplaintId"] = id });
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var complaint = await db.Complaints.AsSplitQuery()
            .Include(c => c.Evidence).Include(c => c.Interviews).Include(c => c.Communications).Include(c => c.Escalations)
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new DomainException("The complaint no longer exists.");
        using var referenceScope = logger.BeginScope(new Dictionary<string, object> { ["ComplaintReference"] = complaint.Reference });

        var version = db.Entry(complaint).Property<long>(PortalDbContext.VersionProperty);
        if (expectedVersion is { } expected && version.CurrentValue != expected)
        {
            throw await ConflictAsync(db, id, expected, cancellationToken);
        }

        var levelBefore = complaint.EscalationLevel;
        change(complaint);
        if (complaint.DomainEvents.Count == 0)
        {
            return false;
        }

        var notifications = await NotificationPlanner.PlanAsync(db, complaint, actor, now, cancellationToken);
        var messages = emailCustomer ? await customerMessages.PlanAsync(db, complaint, cancellationToken) : 0;
        alongside?.Invoke(db, complaint);
        try
        {
            // The UPDATE carries "WHERE Version = expected": a change committed in between makes it affect no row.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            throw await ConflictAsync(fresh, id, expectedVersion ?? version.OriginalValue, cancellationToken);
        }
        catch (Exception ex) when (DatabaseFault.Classify(ex) is { } fault)
        {
            // The transaction rolled back as a whole: nothing of this change was written.
            logger.LogWarning(ex, "Complaint {Reference}: database fault {Fault}; the change was not saved", complaint.Reference, fault);
            throw DatabaseFaultException.For(fault);
        }

        logger.LogInformation("Complaint {Reference} changed by {UserId}: {Kinds}", complaint.Reference, actor.Id,
            string.Join(", ", complaint.DomainEvents.Select(e => e.GetType().Name)));
        Signal(messages);
        publisher.Publish(complaint, actor, levelBefore, notifications);
        return true;
    }

    /// <summary>The conflict with what was saved since <paramref name="expectedVersion"/>: the timeline entries of the later saves.</summary>
    private static async Task<ComplaintConflictException> ConflictAsync(PortalDbContext db, Guid id, long expectedVersion, CancellationToken cancellationToken)
    {
        var current = await db.Complaints.Where(c => c.Id == id)
            .Select(c => EF.Property<long>(c, PortalDbContext.VersionProperty)).SingleAsync(cancellationToken);
        var changes = await db.Set<ComplaintHistoryEntry>().AsNoTracking()
            .Where(h => EF.Property<Guid?>(h, PortalDbContext.HistoryComplaintIdProperty) == id && EF.Property<long>(h, PortalDbContext.VersionProperty) > expectedVersion)
            .OrderBy(h => h.Id)
            .ToListAsync(cancellationToken);
        return new ComplaintConflictException(changes, current);
    }

    private void Signal(int messages)
    {
        if (messages > 0)
        {
            outbox.Notify();
        }
    }

    /// <summary>Registrations queued for SQLite's writer and not yet taken into a batch (tests wait on it to build a batch).</summary>
    internal int QueuedRegistrations => _batches?.Queued ?? 0;

    /// <summary>SQLite's writer loop, started by the first registration (an updater on SQL Server never needs one).</summary>
    private RegistrationBatches Batches => LazyInitializer.EnsureInitialized(ref _batches, ref _batchesStart, () => new RegistrationBatches(WriteBatchAsync));

    public void Dispose() => _batches?.Dispose();
}
