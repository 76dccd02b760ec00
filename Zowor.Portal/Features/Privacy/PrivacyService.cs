using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Audit;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Retention;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Privacy;

/// <summary>
/// GDPR requests (P-91) for the CSM and the Admin: find a customer by e-mail or phone, export everything the portal
/// holds about them, or erase their personal data with the same erasure as retention (<see cref="PersonalDataEraser"/>).
/// A customer is every complaint with the same e-mail address or the same phone number. Each request is in the audit log.
/// </summary>
public sealed class PrivacyService(
    IDbContextFactory<PortalDbContext> contexts,
    CurrentUser currentUser,
    ComplaintUpdater updater,
    PersonalDataEraser eraser,
    AuditTrail audit,
    BusinessClock clock,
    ILogger<PrivacyService> logger)
{
    /// <summary>The note recorded when an open complaint is ended because its customer asked for erasure (blanked by the erasure itself).</summary>
    public const string ErasureNote = "Ended for the customer's request to erase their personal data (GDPR).";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The complaints of the customer with this e-mail address or phone number (at least one of them).</summary>
    public async Task<IReadOnlyList<CustomerComplaint>> FindAsync(string? email, string? phone, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireAsync(PortalRoles.Policies.Privacy);
        var key = CustomerKey.Normalise(email, phone) ?? throw new DomainException("Enter the customer's e-mail address or phone number.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.Complaints.AsNoTracking().Where(key.Matches()).OrderBy(c => c.ReceivedAt)
            .Select(c => new CustomerComplaint(c.Id, c.Reference, c.ReceivedAt, c.Status, c.Customer.Name, c.Customer.Email, c.Customer.Phone))
            .ToListAsync(cancellationToken);
        // The search term is personal data: the log keeps only how the customer was looked up and what was found.
        await audit.RecordAsync(actor, AuditActions.SearchedCustomer, null, null,
            $"by {(key.Email is not null ? "e-mail" : "phone")}: {found.Count} complaint(s)", cancellationToken);
        return found;
    }

    /// <summary>Everything about the customer of <paramref name="complaintId"/> as a JSON document (GDPR right of access).</summary>
    public async Task<CustomerExport> ExportAsync(IReadOnlyCollection<Guid> complaintIds, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireAsync(PortalRoles.Policies.Privacy);
        var requested = Checked(complaintIds);
        var complaintId = requested[0];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var complaints = await db.Complaints.AsNoTracking().AsSplitQuery()
            .Include(c => c.Evidence).Include(c => c.Interviews).Include(c => c.Communications)
            .Include(c => c.Escalations).Include(c => c.History)
            .Where(c => requested.Contains(c.Id))
            .OrderBy(c => c.ReceivedAt)
            .ToListAsync(cancellationToken);
        if (complaints.Count != requested.Count)
        {
            throw new DomainException("A complaint in the list no longer exists.");
        }

        var ids = complaints.Select(c => c.Id).ToList();
        var emails = (await db.OutboxMessages.AsNoTracking().Where(m => m.ComplaintId != null && ids.Contains(m.ComplaintId.Value)).ToListAsync(cancellationToken))
            .ToLookup(m => m.ComplaintId!.Value);
        var surveys = await db.SatisfactionSurveys.AsNoTracking().Where(s => ids.Contains(s.ComplaintId)).ToDictionaryAsync(s => s.ComplaintId, cancellationToken);
        var document = new
        {
            ExportedAt = clock.UtcNow,
            ExportedBy = actor.Name,
            Customer = new { complaints[0].Customer.Name, complaints[0].Customer.Email, complaints[0].Customer.Phone },
            Complaints = complaints.Select(c => new
            {
                c.Id, c.Reference, c.Channel, c.ReceivedAt, c.Status,
                Customer = new { c.Customer.Name, c.Customer.Email, c.Customer.Phone, c.Customer.PreferredContact },
                c.Subject, c.Description, c.CategoryCode, c.Severity, c.PreferredResolution, c.OrderNumber, c.Product,
                c.EscalationLevel, c.OwnerName, c.Acknowledgement, c.RootCause, c.Resolution, c.Closure, c.EndedAt,
                Communications = c.Communications.OrderBy(x => x.At).Select(x => new { x.At, x.Direction, x.Channel, x.ByName, x.Summary }),
                // What the portal e-mailed the customer, as sent.
                Emails = emails[c.Id].OrderBy(m => m.CreatedAt).Select(m => new { m.CreatedAt, m.SentAt, m.ToAddress, m.Subject, m.Body }),
                // Evidence, with each stored file named (the files themselves stay in the portal; staff send them on request).
                Evidence = c.Evidence.OrderBy(x => x.AddedAt).Select(x => new { x.AddedAt, x.Kind, x.Description, x.AddedByName, x.FromCustomer, File = x.File is { } f ? new { f.FileName, f.ContentType, f.Size, f.Sha256 } : null }),
                Survey = surveys.TryGetValue(c.Id, out var survey) && survey.IsAnswered ? new { survey.AnsweredAt, survey.OutcomeScore, survey.HandlingScore, survey.Comment } : null,
                Interviews = c.Interviews.OrderBy(x => x.InterviewedAt).Select(x => new { x.InterviewedAt, x.StaffName, x.StaffRole, x.Summary }),
                Escalations = c.Escalations.OrderBy(x => x.At).Select(x => new { x.At, x.FromLevel, x.ToLevel, x.Automatic, x.ByName, x.Reason }),
                // Internal notes are staff's working notes and never leave the portal for the customer (issue 15).
                Timeline = c.History.Where(x => x.Kind != ComplaintHistoryKinds.InternalNote).OrderBy(x => x.At).ThenBy(x => x.Id).Select(x => new { x.At, x.Kind, x.ActorName, x.Before, x.After, x.Details }),
            }),
        };

        var references = string.Join(", ", complaints.Select(c => c.Reference));
        await audit.RecordAsync(actor, AuditActions.ExportedCustomer, complaintId, complaints.FirstOrDefault(c => c.Id == complaintId)?.Reference,
            Truncate($"{complaints.Count} complaint(s): {references}"), cancellationToken);
        logger.LogInformation("Customer data of {Count} complaints exported by {UserId}", complaints.Count, actor.Id);
        return new CustomerExport($"zowor-customer-{clock.UtcNow:yyyyMMdd-HHmmss}.json", JsonSerializer.SerializeToUtf8Bytes(document, Json));
    }

    /// <summary>
    /// Erases the personal data of the customer of <paramref name="complaintId"/> from every one of their complaints
    /// (GDPR right to erasure). An open complaint is withdrawn first (a resolved one closed): the customer no longer
    /// wants it handled, and only an ended complaint can be anonymised. Returns the references erased.
    /// </summary>
    public async Task<IReadOnlyList<string>> EraseAsync(IReadOnlyCollection<Guid> complaintIds, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireAsync(PortalRoles.Policies.Privacy);
        var requested = Checked(complaintIds);
        var complaintId = requested[0];
        List<(Guid Id, string Reference, ComplaintStatus Status)> targets;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            targets = (await db.Complaints.AsNoTracking().Where(c => requested.Contains(c.Id)).Where(c => c.AnonymisedAt == null)
                    .Select(c => new { c.Id, c.Reference, c.Status }).ToListAsync(cancellationToken))
                .Select(c => (c.Id, c.Reference, c.Status)).ToList();
        }

        var erased = new List<string>();
        try
        {
            await EraseEachAsync(targets, erased, actor, cancellationToken);
        }
        finally
        {
            // Recorded even when a later complaint fails: what was erased is in the log.
            await audit.RecordAsync(actor, AuditActions.ErasedCustomer, complaintId, erased.FirstOrDefault(),
                Truncate($"{erased.Count} complaint(s): {string.Join(", ", erased)}"), CancellationToken.None);
        }

        logger.LogInformation("Customer data of {Count} complaints erased on request by {UserId}", erased.Count, actor.Id);
        return erased;
    }

    private async Task EraseEachAsync(List<(Guid Id, string Reference, ComplaintStatus Status)> targets, List<string> erased, Domain.Common.Actor actor, CancellationToken cancellationToken)
    {
        foreach (var (id, reference, status) in targets)
        {
            var now = clock.UtcNow;
            if (ComplaintWorkflow.Allows(status, ComplaintAction.Withdraw))
            {
                await updater.ApplyAsync(id, null, actor, now, c => c.Withdraw(ErasureNote, actor, now), cancellationToken, emailCustomer: false);
            }
            else if (status == ComplaintStatus.Resolved)
            {
                // No closure e-mail or survey: the customer asked to be forgotten, not to be told the complaint is closed.
                await updater.ApplyAsync(id, null, actor, now, c => c.Close(ErasureNote, null, actor, now), cancellationToken, emailCustomer: false);
            }

            await eraser.EraseAsync(id, c => c.EndedAt != null, clock.UtcNow, cancellationToken);
            erased.Add(reference);
        }

        await eraser.ScrubAsync(cancellationToken);
    }

    // Exactly the complaints the search listed and the user confirmed: never more than they saw.
    private static List<Guid> Checked(IReadOnlyCollection<Guid> complaintIds)
    {
        var ids = complaintIds.Distinct().ToList();
        return ids.Count is > 0 and <= 500 ? ids : throw new DomainException("Search for the customer first; export and erasure act on the complaints listed.");
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..497] + "...";

    /// <summary>How complaints are matched to one customer: the same (normalised) e-mail address or phone number.</summary>
    private sealed record CustomerKey(string? Email, string? Phone)
    {
        public static CustomerKey? Normalise(string? email, string? phone)
        {
            var e = string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();
            var digits = string.IsNullOrWhiteSpace(phone) ? null : new string(phone.Where(char.IsAsciiDigit).ToArray());
            var p = string.IsNullOrEmpty(digits) ? null : (phone!.TrimStart().StartsWith('+') ? "+" + digits : digits);
            return e is null && p is null ? null : new CustomerKey(e, p);
        }

        public Expression<Func<Complaint, bool>> Matches()
        {
            var email = Email;
            var phone = Phone;
            return c => (email != null && c.Customer.Email == email) || (phone != null && c.Customer.Phone == phone);
        }
    }
}
