using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Customers;

/// <summary>
/// What customers do without an account: complain through the web form (P-10), look their complaint up, add
/// information (P-41), ask for the CEO (P-73) and answer the satisfaction survey (P-01). Every method validates its
/// input itself, so a request that skips the page's checks still changes nothing.
/// </summary>
public sealed class PublicComplaintService(
    IDbContextFactory<PortalDbContext> contexts,
    ComplaintUpdater updater,
    BusinessClock clock,
    IDataProtectionProvider protection,
    CustomerFileIntake files,
    Evidence.EvidenceStore evidenceStore,
    ILogger<PublicComplaintService> logger)
{
    private static readonly TimeSpan AccessLifetime = TimeSpan.FromMinutes(30);

    /// <summary>Registers a web-form complaint and returns its reference.</summary>
    /// <param name="form">The customer's form.</param>
    /// <param name="language">The language the customer used the form in; their e-mails follow it.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public Task<string> SubmitAsync(PublicComplaintForm form, string language, CancellationToken cancellationToken = default) =>
        SubmitAsync(form, language, [], cancellationToken);

    /// <summary>
    /// Registers a web-form complaint with the photos or PDFs the customer attached, and returns its reference. The files
    /// are checked first; one refused file stores nothing (<see cref="CustomerFilesRefusedException"/>).
    /// </summary>
    public async Task<string> SubmitAsync(PublicComplaintForm form, string language, IReadOnlyList<CustomerUpload> uploads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        ArgumentNullException.ThrowIfNull(form);
        EnsureValid(form);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Categories.AnyAsync(c => c.Code == form.CategoryCode && c.IsActive, cancellationToken))
            {
                throw new DomainException("Choose what the complaint is about.");
            }
        }

        var email = string.IsNullOrWhiteSpace(form.Email) ? null : form.Email;
        var customer = CustomerContact.Create(form.Name, email, form.Phone, email is null ? ContactMethod.Phone : ContactMethod.Email);
        var details = ComplaintDetails.Create(SubjectFrom(form.Description!), form.Description, form.CategoryCode, ComplaintSeverity.Normal,
            form.Preference, string.IsNullOrWhiteSpace(form.OrderNumber) ? null : form.OrderNumber.Trim().ToUpperInvariant(), form.Product);
        var now = clock.UtcNow;
        // The complaint's id exists only once it is registered: the files are checked in a staging folder and moved to
        // the complaint's folder right after the commit (a crash in between leaves them in evidence/incoming).
        var staging = files.NewStagingFolder();
        var stored = uploads.Count == 0 ? [] : await files.StoreAllAsync(staging, uploads, cancellationToken);
        Complaint complaint;
        try
        {
            complaint = await updater.RegisterAsync(clock.ToLocal(now).Year,
                reference =>
                {
                    var registered = Complaint.Register(reference, ComplaintChannel.WebForm, customer, details, now, Actor.Customer, now, language, clock.ToLocal(now));
                    registered.AddCustomerFiles(stored, now);
                    return registered;
                },
                Actor.Customer, now, cancellationToken);
        }
        catch
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            throw;
        }

        files.MoveToComplaint(staging, complaint.Id);
        if (stored.Count > 0)
        {
            logger.LogInformation("Web complaint {Reference} came with {Count} file(s)", complaint.Reference, stored.Count);
        }

        return complaint.Reference;
    }

    /// <summary>
    /// Finds a complaint by its reference and the e-mail address or phone number it was registered with. A wrong
    /// reference and a wrong contact both give null, so the answer never tells which one was wrong.
    /// </summary>
    public async Task<CustomerCaseView?> LookUpAsync(StatusLookupForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var reference = form.Reference?.Trim().ToUpperInvariant();
        var contact = form.Contact?.Trim();
        if (string.IsNullOrEmpty(reference) || string.IsNullOrEmpty(contact) || reference.Length > 20 || contact.Length > ComplaintLimits.Email)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidate = await db.Complaints.AsNoTracking()
            .Where(c => c.Reference == reference && c.AnonymisedAt == null)
            .Select(c => new { c.Id, c.Customer.Email, c.Customer.Phone })
            .SingleOrDefaultAsync(cancellationToken);
        if (candidate is null || !Matches(contact, candidate.Email, candidate.Phone))
        {
            logger.LogInformation("Status lookup found nothing");
            return null;
        }

        return await ViewAsync(db, candidate.Id, cancellationToken);
    }

    /// <summary>The complaint behind a signed access token from an earlier lookup; null when the token is invalid or expired.</summary>
    public async Task<CustomerCaseView?> GetByAccessAsync(string? access, CancellationToken cancellationToken = default)
    {
        if (ReadAccess(access) is not { } id)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ViewAsync(db, id, cancellationToken);
    }

    /// <summary>Adds the customer's information to the complaint (P-41).</summary>
    public Task<CustomerCaseView> AddInformationAsync(string? access, string? text, CancellationToken cancellationToken = default) =>
        AddInformationAsync(access, text, [], cancellationToken);

    /// <summary>
    /// Adds the customer's information and the photos or PDFs they attached (P-41); one refused file stores nothing
    /// (<see cref="CustomerFilesRefusedException"/>).
    /// </summary>
    public async Task<CustomerCaseView> AddInformationAsync(string? access, string? text, IReadOnlyList<CustomerUpload> uploads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        // The same rules as the page's form (the one input policy), whoever calls.
        EnsureValid(new CustomerMessageForm { Access = access, Text = text });
        var id = ReadAccess(access) ?? throw new DomainException(AccessExpired);
        var now = clock.UtcNow;
        var folder = evidenceStore.FolderOf(id);
        var stored = uploads.Count == 0 ? [] : await files.StoreAllAsync(folder, uploads, cancellationToken);
        try
        {
            await updater.ApplyAsync(id, null, Actor.Customer, now, c =>
            {
                c.AddCustomerInformation(text ?? string.Empty, now);
                c.AddCustomerFiles(stored, now);
            }, cancellationToken);
        }
        catch
        {
            // Nothing half-stored: without the database rows, the files go too.
            CustomerFileIntake.Delete(folder, stored);
            throw;
        }

        return await GetByAccessAsync(access, cancellationToken) ?? throw new DomainException(AccessExpired);
    }

    /// <summary>The customer escalates the complaint to the CEO (P-73).</summary>
    public async Task<CustomerCaseView> RequestCeoReviewAsync(string? access, string? reason, CancellationToken cancellationToken = default)
    {
        EnsureValid(new CustomerMessageForm { Access = access, Text = reason });
        var id = ReadAccess(access) ?? throw new DomainException(AccessExpired);
        var now = clock.UtcNow;
        await updater.ApplyAsync(id, null, Actor.Customer, now, c => c.RequestCeoReview(reason ?? string.Empty, now), cancellationToken);
        logger.LogInformation("Customer escalated complaint {ComplaintId} to the CEO", id);
        return await GetByAccessAsync(access, cancellationToken) ?? throw new DomainException(AccessExpired);
    }

    /// <summary>The survey behind a link token; null for an unknown token.</summary>
    public async Task<SurveyView?> GetSurveyAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = CustomerMessagePlanner.HashToken(token);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await (from survey in db.SatisfactionSurveys.AsNoTracking()
                      join complaint in db.Complaints on survey.ComplaintId equals complaint.Id
                      where survey.TokenHash == hash && complaint.AnonymisedAt == null
                      select new SurveyView(complaint.Reference, survey.AnsweredAt != null))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Records the survey answer once (P-01).</summary>
    public async Task<SurveyOutcome> AnswerSurveyAsync(string? token, SurveyForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return SurveyOutcome.NotFound;
        }

        EnsureValid(form);
        var hash = CustomerMessagePlanner.HashToken(token);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // A link to an erased complaint (P-51) is as unknown as a wrong one: nothing new is stored about that customer.
        var survey = await db.SatisfactionSurveys
            .Where(s => s.TokenHash == hash && db.Complaints.Any(c => c.Id == s.ComplaintId && c.AnonymisedAt == null))
            .SingleOrDefaultAsync(cancellationToken);
        if (survey is null)
        {
            return SurveyOutcome.NotFound;
        }

        if (survey.IsAnswered)
        {
            return SurveyOutcome.AlreadyAnswered;
        }

        survey.Answer(form.Outcome, form.Handling, form.Comment, clock.UtcNow);
        try
        {
            // A concurrent second submit finds AnsweredAt set (the row is re-read in the update's WHERE). The trend
            // rollups' survey figures change in the same transaction (issue 21).
            var saved = await Trends.Rollups.TrendRollupWriter.RunAsync(db, [survey.ComplaintId], () => db.SatisfactionSurveys
                .Where(s => s.Id == survey.Id && s.AnsweredAt == null)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(s => s.AnsweredAt, survey.AnsweredAt)
                    .SetProperty(s => s.OutcomeScore, survey.OutcomeScore)
                    .SetProperty(s => s.HandlingScore, survey.HandlingScore)
                    .SetProperty(s => s.Comment, survey.Comment), cancellationToken), null, cancellationToken);
            return saved == 1 ? SurveyOutcome.Saved : SurveyOutcome.AlreadyAnswered;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The message for an expired or forged access token.</summary>
    public const string AccessExpired = "For your security the page has expired. Please look your complaint up again.";

    private IDataProtector Protector => protection.CreateProtector("Zowor.Portal.StatusLookup");

    private string IssueAccess(Guid id) => Protector.ToTimeLimitedDataProtector().Protect(id.ToString("N"), AccessLifetime);

    private Guid? ReadAccess(string? access)
    {
        if (string.IsNullOrEmpty(access) || access.Length > 1000)
        {
            return null;
        }

        try
        {
            return Guid.TryParseExact(Protector.ToTimeLimitedDataProtector().Unprotect(access), "N", out var id) ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private async Task<CustomerCaseView?> ViewAsync(PortalDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.AsNoTracking().AsSplitQuery()
            .Include(c => c.Communications).Include(c => c.History)
            .SingleOrDefaultAsync(c => c.Id == id && c.AnonymisedAt == null, cancellationToken);
        if (complaint is null)
        {
            return null;
        }

        var emails = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.ComplaintId == id && m.FailedAt == null)
            .Select(m => new { m.CreatedAt, m.Subject, m.Body })
            .ToListAsync(cancellationToken);

        // Only what the customer was told or told us: e-mails, their own messages and the status milestones —
        // never internal notes, evidence, interviews or root causes.
        var updates = emails.Select(m => new CustomerUpdate(m.CreatedAt, CustomerUpdateKind.Email, m.Subject, CoreOf(m.Body)))
            .Concat(complaint.Communications
                .Where(c => c.Direction == CommunicationDirection.Inbound && c.Channel == CommunicationChannel.StatusPage)
                .Select(c => new CustomerUpdate(c.At, CustomerUpdateKind.FromCustomer, null, c.Summary)))
            .Concat(complaint.History
                .Where(h => h.Kind == ComplaintHistoryKinds.CustomerSentFiles && h.Details is not null)
                .Select(h => new CustomerUpdate(h.At, CustomerUpdateKind.Files, null, h.Details)))
            .Concat(complaint.History
                .Where(h => h.Kind == ComplaintHistoryKinds.StatusChanged && h.After is not null)
                .Select(h => new CustomerUpdate(h.At, CustomerUpdateKind.Status, h.After, null)))
            .OrderByDescending(u => u.At)
            .ToList();

        return new CustomerCaseView(
            complaint.Reference,
            complaint.Status,
            complaint.ReceivedAt,
            complaint.Acknowledgement?.At,
            complaint.Acknowledgement?.EstimatedResolutionDate,
            complaint.EscalationLevel,
            CanAddInformation: complaint.Status is not (ComplaintStatus.Closed or ComplaintStatus.Withdrawn),
            CanAskForCeo: complaint.IsUnresolved && complaint.EscalationLevel != EscalationLevel.ChiefExecutive,
            updates,
            IssueAccess(complaint.Id),
            EstimateHistoryOf(complaint.History),
            complaint.DuplicateOfReference);
    }

    // P-21: every earlier estimate and when it changed, newest first; the staff's reason (Details) stays internal.
    private static List<EstimateChange> EstimateHistoryOf(IEnumerable<ComplaintHistoryEntry> history) =>
        history
            .Where(h => h.Kind == ComplaintHistoryKinds.EstimateRevised && h.Before is not null && h.After is not null)
            .OrderByDescending(h => h.At)
            .Select(h => new EstimateChange(h.At, IsoDate(h.Before!), IsoDate(h.After!)))
            .ToList();

    private static DateOnly IsoDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    // The page shows what an e-mail said, without the greeting and the tracking/signature footer every one of them has.
    private static string CoreOf(string body)
    {
        var paragraphs = System.Text.RegularExpressions.Regex.Split(body.Trim(), @"\r?\n\s*\r?\n");
        return paragraphs.Length > 3 ? string.Join("\n\n", paragraphs[1..^2]) : body;
    }

    private static bool Matches(string contact, string? email, string? phone)
    {
        if (contact.Contains('@', StringComparison.Ordinal))
        {
            return email is not null && string.Equals(contact.ToLowerInvariant(), email, StringComparison.Ordinal);
        }

        var digits = new string(contact.Where(char.IsAsciiDigit).ToArray());
        var stored = phone is null ? string.Empty : new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= 7 && digits == stored;
    }

    private static void EnsureValid(object form)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true);
        if (form is IValidatableObject validatable && results.Count == 0)
        {
            results.AddRange(validatable.Validate(new ValidationContext(form)));
        }

        if (results.Count > 0)
        {
            throw new DomainException(results[0].ErrorMessage ?? "The form is not valid.");
        }
    }

    // The web form has no subject field: the first line of the description, shortened, serves staff as one.
    internal static string SubjectFrom(string description)
    {
        var firstLine = description.Trim().Split('\n', 2)[0].Trim();
        return firstLine.Length <= 80 ? firstLine : firstLine[..77].TrimEnd() + "…";
    }
}
