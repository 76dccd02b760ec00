using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Security;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Features.Complaints;

/// <summary>
/// One action on many complaints from the queue: assign, escalate with one reason, or log a contact. Each complaint goes
/// through the same <see cref="ComplaintService"/> method as the case page, on the version the user's list showed, so
/// each row is its own transaction with its own timeline entry, notifications and e-mails, and a complaint someone else
/// changed meanwhile is reported as a conflict instead of being overwritten. Live updates of the whole action go out as
/// one batch (<see cref="LivePublisher.BeginBatch"/>): open pages reload once, not once per complaint.
/// </summary>
public sealed class BulkActionService(ComplaintService complaints, CurrentUser currentUser, LivePublisher live, ILogger<BulkActionService> logger)
{
    /// <summary>The most complaints one bulk action covers (a select-all beyond it is refused, never cut short silently).</summary>
    public const int MaxComplaints = 500;

    public async Task<BulkResult> AssignAsync(IReadOnlyList<BulkTarget> targets, AssignForm form, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(ComplaintActionPolicies.For(ComplaintAction.Assign));
        // The owner is checked once, before anything changes: a wrong owner refuses the whole action, not each row.
        var staff = await complaints.GetAssignableStaffAsync(cancellationToken);
        if (!staff.Any(s => s.Id == form.OwnerId))
        {
            throw new DomainException("Choose an owner from the list of complaint handlers.");
        }

        return await RunAsync(targets, ComplaintAction.Assign, (target, ct) => complaints.AssignAsync(target.Id, target.Version, form, ct), cancellationToken);
    }

    public async Task<BulkResult> EscalateAsync(IReadOnlyList<BulkTarget> targets, EscalateForm form, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(ComplaintActionPolicies.For(ComplaintAction.Escalate));
        PlainText.Ensure(form);
        Guard.Text(form.Reason, "Reason", ComplaintLimits.Note);
        return await RunAsync(targets, ComplaintAction.Escalate, (target, ct) => complaints.EscalateAsync(target.Id, target.Version, form, ct), cancellationToken);
    }

    public async Task<BulkResult> LogContactAsync(IReadOnlyList<BulkTarget> targets, CommunicationForm form, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(ComplaintActionPolicies.For(ComplaintAction.LogCommunication));
        PlainText.Ensure(form);
        Guard.Text(form.Summary, "Summary", ComplaintLimits.Note);
        return await RunAsync(targets, ComplaintAction.LogCommunication, (target, ct) => complaints.LogCommunicationAsync(target.Id, target.Version, form, ct), cancellationToken);
    }

    private async Task<BulkResult> RunAsync(IReadOnlyList<BulkTarget> targets, ComplaintAction action, Func<BulkTarget, CancellationToken, Task> change,
        CancellationToken cancellationToken)
    {
        var distinct = targets.DistinctBy(t => t.Id).ToList();
        if (distinct.Count == 0)
        {
            throw new DomainException("Select at least one complaint.");
        }

        if (distinct.Count > MaxComplaints)
        {
            throw new DomainException("A bulk action covers at most {0} complaints; narrow the selection.", MaxComplaints);
        }

        var rows = new List<BulkRowResult>(distinct.Count);
        using (live.BeginBatch())
        {
            foreach (var target in distinct)
            {
                // Once started, every row runs: stopping half-way would leave the user guessing which ones changed.
                try
                {
                    await change(target, CancellationToken.None);
                    rows.Add(new BulkRowResult(target, BulkOutcome.Done, null));
                }
                catch (ComplaintConflictException)
                {
                    rows.Add(new BulkRowResult(target, BulkOutcome.Conflict, null));
                }
                catch (DomainException refusal)
                {
                    rows.Add(new BulkRowResult(target, BulkOutcome.Refused, refusal));
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        logger.LogInformation("Bulk {Action} on {Count} complaints: {Done} done, {Conflicts} conflicts, {Refused} refused", action, rows.Count,
            rows.Count(r => r.Outcome == BulkOutcome.Done), rows.Count(r => r.Outcome == BulkOutcome.Conflict), rows.Count(r => r.Outcome == BulkOutcome.Refused));
        return new BulkResult(action, rows);
    }
}
