using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Evidence;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Platform.Storage;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Mailbox;

/// <summary>
/// Handles one message from the complaints mailbox, exactly once: the <see cref="InboundMail"/> row commits in the same
/// transaction as the complaint, the reply or the delivery report it causes (through <see cref="ComplaintUpdater"/>, so
/// the receipt, the live updates and the owner's notification happen as for any other change). A message already recorded
/// — the same UID, or the same Message-ID delivered again — changes nothing.
/// </summary>
public sealed class InboundMailProcessor(
    IDbContextFactory<PortalDbContext> contexts,
    ComplaintUpdater updater,
    BusinessClock clock,
    IServiceScopeFactory scopes,
    EvidenceStore evidenceStore,
    DataFolders folders,
    IOptions<MailOptions> mail,
    ILogger<InboundMailProcessor> logger)
{
    /// <summary>The folder (under the data folder) where quarantined messages are kept whole.</summary>
    public const string QuarantineFolder = "mail-quarantine";

    /// <summary>Customer category for complaints that arrive by e-mail; staff re-categorise them.</summary>
    public const string EmailCategory = "other";

    private const string NoText = "(The e-mail had no text.)";
    private const string NoSubject = "(no subject)";

    /// <summary>The record of a message already handled, or null.</summary>
    public async Task<InboundMail?> FindAsync(MailboxMessageSource source, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<InboundMail>().AsNoTracking()
            .SingleOrDefaultAsync(m => m.Mailbox == source.Mailbox && m.UidValidity == source.UidValidity && m.Uid == source.Uid, cancellationToken);
    }

    /// <summary>Handles a message; returns its record (the existing one when it was handled before).</summary>
    public async Task<InboundMail> ProcessAsync(MailboxMessageSource source, Stream raw, CancellationToken cancellationToken)
    {
        if (await FindAsync(source, cancellationToken) is { } done)
        {
            return done;
        }

        var buffer = new MemoryStream();
        await raw.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        var incoming = IncomingMessage.TryParse(buffer);
        if (incoming is null)
        {
            buffer.Position = 0;
            return await QuarantineAsync(source, buffer, "The message could not be parsed (no readable header with a From address).", null, cancellationToken);
        }

        if (incoming.MessageId is { } messageId)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var earlier = await db.Set<InboundMail>().AsNoTracking()
                .Where(m => m.MessageId == messageId && m.Outcome != InboundOutcomes.Duplicate)
                .Select(m => new { m.Id, m.ComplaintId })
                .FirstOrDefaultAsync(cancellationToken);
            if (earlier is not null)
            {
                return await RecordAsync(Record(source, incoming, InboundOutcomes.Duplicate, $"Same Message-ID as message {earlier.Id:N}.", earlier.ComplaintId), cancellationToken);
            }
        }

        var kind = incoming.Classify(mail.Value.FromAddress, out var reason);
        switch (kind)
        {
            case IncomingKind.OwnMail:
                return await RecordAsync(Record(source, incoming, InboundOutcomes.OwnMail, null, null), cancellationToken);
            case IncomingKind.AutoReply:
                logger.LogInformation("Mailbox message {Uid}: automatic reply ({Reason}); nothing created", source.Uid, reason);
                return await RecordAsync(Record(source, incoming, InboundOutcomes.AutoReply, reason, null), cancellationToken);
            case IncomingKind.SuspectSender:
                buffer.Position = 0;
                return await QuarantineAsync(source, buffer, reason!, incoming, cancellationToken);
            case IncomingKind.DeliveryReport:
                return await DeliveryReportAsync(source, buffer, incoming, cancellationToken);
        }

        var threaded = await ThreadAsync(incoming, cancellationToken);
        buffer.Position = 0;
        return threaded is { } complaintId
            ? await ReplyAsync(source, buffer, incoming, complaintId, cancellationToken)
            : await NewComplaintAsync(source, buffer, incoming, cancellationToken);
    }

    /// <summary>Keeps the whole message as an .eml under the data folder and lists it for an Admin.</summary>
    /// <param name="source">Where the message is.</param>
    /// <param name="raw">The whole message.</param>
    /// <param name="reason">Why it is quarantined, for the Admin.</param>
    /// <param name="incoming">The parsed message, when it could be parsed.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <param name="envelope">The server's envelope (sender, subject) of a message too large to parse.</param>
    public async Task<InboundMail> QuarantineAsync(MailboxMessageSource source, Stream raw, string reason, IncomingMessage? incoming, CancellationToken cancellationToken,
        MailKit.Envelope? envelope = null)
    {
        var from = incoming?.From ?? envelope?.From.Mailboxes.FirstOrDefault();
        var record = new InboundMail
        {
            Mailbox = source.Mailbox,
            UidValidity = source.UidValidity,
            Uid = source.Uid,
            MessageId = Limit(incoming?.MessageId ?? envelope?.MessageId, 500),
            FromAddress = Limit(from?.Address, ComplaintLimits.Email),
            Subject = Limit(incoming?.Subject ?? envelope?.Subject, 300),
            ReceivedAt = source.ReceivedAt,
            ProcessedAt = clock.UtcNow,
            Size = source.Size,
            Outcome = InboundOutcomes.Quarantined,
            Detail = Limit(reason, 2000),
            RawPath = Path.Combine(QuarantineFolder, $"{Guid.NewGuid():N}.eml"),
        };
        var path = folders.Resolve(record.RawPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await raw.CopyToAsync(file, cancellationToken);
        }

        try
        {
            logger.LogWarning("Mailbox message {Uid} quarantined: {Reason}", source.Uid, reason);
            return await RecordAsync(record, cancellationToken);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Registers a complaint from a message (also an Admin's release from quarantine); returns the complaint.</summary>
    public async Task<Complaint> RegisterAsync(IncomingMessage incoming, Stream raw, DateTime receivedAt, Action<PortalDbContext, Complaint> alongside, CancellationToken cancellationToken)
    {
        var from = incoming.From ?? throw new DomainException("The message has no single From address.");
        var now = clock.UtcNow;
        receivedAt = receivedAt > now ? now : receivedAt;
        var text = incoming.Text();
        var subject = incoming.Subject.Length == 0 ? NoSubject : incoming.Subject;
        var staging = Guid.NewGuid();
        var (files, note) = await StoreAttachmentsAsync(staging, incoming, raw, text, ComplaintLimits.Description, cancellationToken);
        try
        {
            var description = Fit(text.Length == 0 ? NoText : text, note, ComplaintLimits.Description);
            var customer = CustomerContact.Create(incoming.SenderName, from.Address.ToLowerInvariant(), null, ContactMethod.Email);
            var details = ComplaintDetails.Create(Fit(subject, null, ComplaintLimits.Subject), description, EmailCategory, ComplaintSeverity.Normal,
                PreferredResolution.NoPreference, null, null);
            var language = IncomingMessage.GuessLanguage(subject + " " + text);
            return await updater.RegisterAsync(clock.ToLocal(receivedAt).Year, reference =>
                {
                    var complaint = Complaint.Register(reference, ComplaintChannel.Email, customer, details, receivedAt, Actor.Customer, now, language, clock.ToLocal(receivedAt));
                    complaint.AddCustomerFiles(files, now);
                    return complaint;
                },
                Actor.Customer, now, cancellationToken,
                (db, complaint) =>
                {
                    // The files move into the complaint's own folder before the commit; a failed commit leaves only copies.
                    var target = evidenceStore.FolderOf(complaint.Id);
                    Directory.CreateDirectory(target);
                    foreach (var file in files)
                    {
                        File.Copy(Path.Combine(evidenceStore.FolderOf(staging), file.StoredName), Path.Combine(target, file.StoredName), overwrite: true);
                    }

                    alongside(db, complaint);
                });
        }
        finally
        {
            evidenceStore.DeleteAll(staging);
        }
    }

    private async Task<InboundMail> NewComplaintAsync(MailboxMessageSource source, Stream raw, IncomingMessage incoming, CancellationToken cancellationToken)
    {
        InboundMail? record = null;
        try
        {
            var complaint = await RegisterAsync(incoming, raw, source.ReceivedAt, (db, c) =>
            {
                record = Record(source, incoming, InboundOutcomes.Complaint, null, c.Id);
                db.Add(record);
            }, cancellationToken);
            logger.LogInformation("Mailbox message {Uid} became complaint {Reference}", source.Uid, complaint.Reference);
            return record!;
        }
        catch (DomainException ex)
        {
            // The message cannot make a valid complaint (e.g. an address the portal cannot accept): an Admin decides.
            raw.Position = 0;
            return await QuarantineAsync(source, raw, ex.Message, incoming, cancellationToken);
        }
    }

    private async Task<InboundMail> ReplyAsync(MailboxMessageSource source, Stream raw, IncomingMessage incoming, Guid complaintId, CancellationToken cancellationToken)
    {
        var text = incoming.Text();
        var customerEmail = await CustomerEmailOfAsync(complaintId, cancellationToken);
        if (!string.Equals(incoming.From!.Address, customerEmail, StringComparison.OrdinalIgnoreCase))
        {
            // Someone other than the customer answered (a colleague, a forwarded thread): staff should see who.
            text = $"From: {incoming.From}\n\n{text}";
        }

        var (files, note) = await StoreAttachmentsAsync(complaintId, incoming, raw, text, ComplaintLimits.Note, cancellationToken);
        var receivedAt = source.ReceivedAt > clock.UtcNow ? clock.UtcNow : source.ReceivedAt;
        InboundMail? record = null;
        try
        {
            var body = Fit(text.Length == 0 ? NoText : text, note, ComplaintLimits.Note);
            await updater.ApplyAsync(complaintId, null, Actor.Customer, clock.UtcNow, c => c.ReceiveCustomerEmail(body, files, receivedAt), cancellationToken,
                alongside: (db, c) =>
                {
                    record = Record(source, incoming, InboundOutcomes.Reply, note, c.Id);
                    db.Add(record);
                });
            logger.LogInformation("Mailbox message {Uid} threaded into complaint {ComplaintId}", source.Uid, complaintId);
            return record!;
        }
        catch
        {
            foreach (var file in files)
            {
                File.Delete(Path.Combine(evidenceStore.FolderOf(complaintId), file.StoredName));
            }

            throw;
        }
    }

    private async Task<InboundMail> DeliveryReportAsync(MailboxMessageSource source, Stream raw, IncomingMessage incoming, CancellationToken cancellationToken)
    {
        var (originalId, failed, diagnosis) = incoming.DeliveryReport();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var outboxId = OutboxMessage.IdFromMessageId(originalId);
        var sent = outboxId is { } id ? await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken) : null;
        if (sent is null)
        {
            raw.Position = 0;
            return await QuarantineAsync(source, raw, "A delivery report about a message the portal did not send.", incoming, cancellationToken);
        }

        if (!failed)
        {
            // Delayed, relayed or delivered: nothing for staff to do.
            return await RecordAsync(Record(source, incoming, InboundOutcomes.DeliveryReport, diagnosis, sent.ComplaintId), cancellationToken);
        }

        var now = clock.UtcNow;
        void MarkAndRecord(PortalDbContext context)
        {
            var outbox = context.OutboxMessages.Local.FirstOrDefault(m => m.Id == sent.Id) ?? context.OutboxMessages.Attach(Copy(sent)).Entity;
            outbox.NotDeliveredAt = now;
            outbox.NotDeliveredReason = diagnosis;
            context.Add(Record(source, incoming, InboundOutcomes.DeliveryReport, diagnosis, sent.ComplaintId));
        }

        if (sent.ComplaintId is { } complaintId)
        {
            await updater.ApplyAsync(complaintId, null, Actor.System, now, c => c.RecordEmailNotDelivered(sent.Subject, diagnosis, now), cancellationToken,
                emailCustomer: false, alongside: (context, _) => MarkAndRecord(context));
        }
        else
        {
            MarkAndRecord(db);
            await db.SaveChangesAsync(cancellationToken);
        }

        logger.LogWarning("E-mail {MessageId} to a customer was not delivered: {Diagnosis}", sent.Id, diagnosis);
        return await FindAsync(source, cancellationToken) ?? throw new InvalidOperationException("The delivery report was not recorded.");
    }

    private async Task<Guid?> ThreadAsync(IncomingMessage incoming, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var outboxIds = incoming.ReferencedIds().Select(OutboxMessage.IdFromMessageId).OfType<Guid>().ToList();
        if (outboxIds.Count > 0)
        {
            var byHeader = await db.OutboxMessages.AsNoTracking()
                .Where(m => outboxIds.Contains(m.Id) && m.ComplaintId != null && db.Complaints.Any(c => c.Id == m.ComplaintId && c.AnonymisedAt == null))
                .Select(m => m.ComplaintId)
                .FirstOrDefaultAsync(cancellationToken);
            if (byHeader is not null)
            {
                return byHeader;
            }
        }

        if (incoming.ReferenceInSubject() is { } reference)
        {
            return await db.Complaints.AsNoTracking()
                .Where(c => c.Reference == reference && c.AnonymisedAt == null)
                .Select(c => (Guid?)c.Id)
                .SingleOrDefaultAsync(cancellationToken);
        }

        return null;
    }

    private async Task<string?> CustomerEmailOfAsync(Guid complaintId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Complaints.AsNoTracking().Where(c => c.Id == complaintId).Select(c => c.Customer.Email).SingleAsync(cancellationToken);
    }

    // Attachments go through the evidence checks (type list, content signature, size). A refused one is named in the text;
    // when something is refused or the text is too long, the original message is kept as an .eml evidence file, so
    // nothing the customer sent is lost.
    private async Task<(IReadOnlyList<EvidenceFile> Files, string? Note)> StoreAttachmentsAsync(Guid folderId, IncomingMessage incoming, Stream raw, string text, int textLimit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var evidence = scope.ServiceProvider.GetRequiredService<EvidenceFileService>();
        var files = new List<EvidenceFile>();
        var refused = new List<string>();
        foreach (var part in incoming.Attachments())
        {
            var name = part.FileName ?? $"attachment{MimeTypes.TryGetExtension(part.ContentType.MimeType, out var extension) switch { true => extension, _ => string.Empty }}";
            using var content = new MemoryStream();
            if (part.Content is not null)
            {
                await part.Content.DecodeToAsync(content, cancellationToken);
            }

            content.Position = 0;
            try
            {
                files.Add(await evidence.StoreCheckedAsync(folderId, name, content, cancellationToken));
            }
            catch (DomainException ex)
            {
                refused.Add($"“{EvidenceFileService.SafeFileName(name)}”: {ex.Message}");
            }
        }

        // A forwarded or attached e-mail (message/rfc822) is kept as an .eml file of its own.
        foreach (var attached in incoming.Message.BodyParts.OfType<MessagePart>())
        {
            if (attached.Message is not { } forwarded)
            {
                continue;
            }

            using var content = new MemoryStream();
            await forwarded.WriteToAsync(content, cancellationToken);
            content.Position = 0;
            var name = attached.ContentDisposition?.FileName is { Length: > 0 } given ? Path.ChangeExtension(given, ".eml") : "attached-message.eml";
            try
            {
                files.Add(await evidence.StoreCheckedAsync(folderId, name, content, cancellationToken));
            }
            catch (DomainException ex)
            {
                refused.Add($"“{EvidenceFileService.SafeFileName(name)}”: {ex.Message}");
            }
        }

        var note = refused.Count == 0 ? null : "Attachments not accepted (the original e-mail is kept as evidence): " + string.Join("; ", refused);
        if (refused.Count > 0 || text.Length + (note?.Length ?? 0) + 2 > textLimit)
        {
            raw.Position = 0;
            try
            {
                files.Add(await evidence.StoreCheckedAsync(folderId, "original-message.eml", raw, cancellationToken));
            }
            catch (DomainException ex)
            {
                // Too large even for evidence: it stays in the mailbox, which the portal never deletes from.
                note = (note is null ? string.Empty : note + " ") + $"The original e-mail stays in the mailbox ({ex.Message}).";
            }
        }

        return (files, note);
    }

    private async Task<InboundMail> RecordAsync(InboundMail record, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return record;
    }

    private InboundMail Record(MailboxMessageSource source, IncomingMessage incoming, string outcome, string? detail, Guid? complaintId) => new()
    {
        Mailbox = source.Mailbox,
        UidValidity = source.UidValidity,
        Uid = source.Uid,
        MessageId = Limit(incoming.MessageId, 500),
        FromAddress = Limit(incoming.From?.Address, ComplaintLimits.Email),
        Subject = Limit(incoming.Subject, 300),
        ReceivedAt = source.ReceivedAt,
        ProcessedAt = clock.UtcNow,
        Size = source.Size,
        Outcome = outcome,
        Detail = Limit(detail, 2000),
        ComplaintId = complaintId,
    };

    private static OutboxMessage Copy(OutboxMessage m) => new()
    {
        Id = m.Id, ComplaintId = m.ComplaintId, Kind = m.Kind, ToAddress = m.ToAddress, ToName = m.ToName, Subject = m.Subject, Body = m.Body,
        Culture = m.Culture, CreatedAt = m.CreatedAt, NextAttemptAt = m.NextAttemptAt, Attempts = m.Attempts, ClaimedUntil = m.ClaimedUntil,
        SentAt = m.SentAt, FailedAt = m.FailedAt, LastError = m.LastError, NotDeliveredAt = m.NotDeliveredAt, NotDeliveredReason = m.NotDeliveredReason,
    };

    private static string Fit(string text, string? note, int limit)
    {
        const string Cut = "\n[…] (shortened; the whole e-mail is kept as evidence)";
        var tail = note is null ? string.Empty : "\n\n" + note;
        if (tail.Length > limit / 2)
        {
            tail = tail[..(limit / 2)];
        }

        return text.Length + tail.Length <= limit ? text + tail : text[..(limit - tail.Length - Cut.Length)].TrimEnd() + Cut + tail;
    }

    private static string? Limit(string? text, int length) => text is null ? null : text.Length <= length ? text : text[..length];
}
