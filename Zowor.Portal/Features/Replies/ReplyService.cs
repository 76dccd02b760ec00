using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Localization;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Replies;

/// <summary>
/// Replies to the customer and internal notes from the case page (P-41), and the admin-managed reply templates.
/// A reply is an outbound e-mail contact: the e-mail goes into the outbox in the same transaction (ComplaintUpdater),
/// shows on the case and on the customer's status page. An internal note is a timeline entry of its own kind that no
/// customer-facing path reads.
/// </summary>
public sealed class ReplyService(
    IDbContextFactory<PortalDbContext> contexts,
    ComplaintUpdater updater,
    CurrentUser currentUser,
    BusinessClock clock,
    CustomerMailTemplates mailTemplates,
    IStringLocalizer<SharedResource> L)
{
    /// <summary>The active templates, by name, for staff to choose from.</summary>
    public async Task<IReadOnlyList<ReplyTemplate>> GetActiveTemplatesAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.HandleComplaints);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ReplyTemplates.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.Name).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The template in the customer's language with the complaint's placeholders filled in, for staff to edit before
    /// sending. Null when the template is gone or inactive.
    /// </summary>
    public async Task<FilledReply?> FillTemplateAsync(ComplaintCase complaintCase, int templateId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(complaintCase);
        var actor = await currentUser.RequireAsync(PortalRoles.Policies.HandleComplaints);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var template = await db.ReplyTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == templateId && t.IsActive, cancellationToken);
        if (template is null)
        {
            return null;
        }

        var complaint = complaintCase.Complaint;
        var (subject, body) = template.In(complaint.CustomerLanguage);
        var values = PlaceholderValues(complaint, actor);
        return new FilledReply(ReplyPlaceholders.Fill(subject, values), ReplyPlaceholders.Fill(body, values), complaint.CustomerLanguage);
    }

    /// <summary>E-mails a reply to the customer (placeholders still in the text are filled in; unknown ones are refused).</summary>
    public async Task ReplyAsync(Guid complaintId, long version, CustomerReplyModel reply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var actor = await currentUser.RequireAsync(ComplaintActionPolicies.For(ComplaintAction.LogCommunication));
        EnsureValid(reply);
        var now = clock.UtcNow;
        await updater.ApplyAsync(complaintId, version, actor, now, complaint =>
        {
            var values = PlaceholderValues(complaint, actor);
            var subject = string.IsNullOrWhiteSpace(reply.Subject) ? null : ReplyPlaceholders.Fill(reply.Subject.Trim(), values);
            complaint.ReplyToCustomer(subject, ReplyPlaceholders.Fill(reply.Text!.Trim(), values), actor, now);
        }, cancellationToken);
    }

    /// <summary>Adds an internal note: staff only, never e-mailed or shown to the customer.</summary>
    public async Task AddInternalNoteAsync(Guid complaintId, long version, string? text, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireAsync(PortalRoles.Policies.HandleComplaints);
        var now = clock.UtcNow;
        await updater.ApplyAsync(complaintId, version, actor, now, complaint => complaint.AddInternalNote(text ?? string.Empty, actor, now), cancellationToken);
    }

    /// <summary>Every template, active or not, for the admin page.</summary>
    public async Task<IReadOnlyList<ReplyTemplate>> GetAllTemplatesAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ReplyTemplates.AsNoTracking().OrderByDescending(t => t.IsActive).ThenBy(t => t.Name).ToListAsync(cancellationToken);
    }

    /// <summary>Creates or updates a template (Admin); refuses unknown placeholders and a name already in use.</summary>
    public async Task<int> SaveTemplateAsync(ReplyTemplateForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await currentUser.RequireAsync(PortalRoles.Policies.Admin);
        EnsureValid(form);
        foreach (var text in new[] { form.SubjectEn, form.BodyEn, form.SubjectRu, form.BodyRu })
        {
            ReplyPlaceholders.EnsureKnown(text);
        }

        var name = form.Name!.Trim();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.ReplyTemplates.AnyAsync(t => t.Name == name && t.Id != form.Id, cancellationToken))
        {
            throw new DomainException("A template with this name already exists.");
        }

        ReplyTemplate template;
        if (form.Id is { } id)
        {
            template = await db.ReplyTemplates.SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
                ?? throw new DomainException("The template no longer exists.");
        }
        else
        {
            template = new ReplyTemplate { Name = name, SubjectEn = string.Empty, BodyEn = string.Empty, SubjectRu = string.Empty, BodyRu = string.Empty };
            db.ReplyTemplates.Add(template);
        }

        template.Name = name;
        template.SubjectEn = form.SubjectEn!.Trim();
        template.BodyEn = form.BodyEn!.Trim();
        template.SubjectRu = form.SubjectRu!.Trim();
        template.BodyRu = form.BodyRu!.Trim();
        template.IsActive = form.IsActive;
        template.UpdatedAt = clock.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        return template.Id;
    }

    // The values are written in the customer's language: the date in their format, "to be confirmed" in their words.
    private Dictionary<string, string> PlaceholderValues(Complaint complaint, Actor staff) =>
        CustomerMailTemplates.InCustomerCulture(complaint.CustomerLanguage, culture => new Dictionary<string, string>
        {
            [ReplyPlaceholders.Reference] = complaint.Reference,
            [ReplyPlaceholders.CustomerName] = complaint.Customer.Name,
            [ReplyPlaceholders.EstimatedResolutionDate] = complaint.Acknowledgement?.EstimatedResolutionDate.ToString(Dates.DatePattern, culture)
                ?? L["to be confirmed"].Value,
            [ReplyPlaceholders.TrackingLink] = mailTemplates.TrackUrl(complaint.Reference),
            [ReplyPlaceholders.StaffName] = staff.Name,
        });

    private static void EnsureValid(object form)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true))
        {
            throw new DomainException(results[0].ErrorMessage ?? "The form is not valid.");
        }
    }
}
