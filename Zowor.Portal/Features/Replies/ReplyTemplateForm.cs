using System.ComponentModel.DataAnnotations;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Replies;

/// <summary>A reply template as the admin page edits it.</summary>
public sealed class ReplyTemplateForm
{
    /// <summary>The template being edited; null for a new one.</summary>
    public int? Id { get; set; }

    [Required(ErrorMessage = "Give the template a name.")]
    [StringLength(ReplyTemplate.MaxNameLength, ErrorMessage = "The name is too long (at most 100 characters).")]
    [PlainText(MultiLine = false)]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Write the English subject.")]
    [StringLength(ComplaintLimits.Subject, ErrorMessage = "The subject is too long (at most 200 characters).")]
    [PlainText(MultiLine = false)]
    public string? SubjectEn { get; set; }

    [Required(ErrorMessage = "Write the English text.")]
    [StringLength(ComplaintLimits.Note, ErrorMessage = "The text is too long (at most 2000 characters).")]
    [PlainText]
    public string? BodyEn { get; set; }

    [Required(ErrorMessage = "Write the Russian subject.")]
    [StringLength(ComplaintLimits.Subject, ErrorMessage = "The subject is too long (at most 200 characters).")]
    [PlainText(MultiLine = false)]
    public string? SubjectRu { get; set; }

    [Required(ErrorMessage = "Write the Russian text.")]
    [StringLength(ComplaintLimits.Note, ErrorMessage = "The text is too long (at most 2000 characters).")]
    [PlainText]
    public string? BodyRu { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>A form holding a stored template.</summary>
    public static ReplyTemplateForm From(ReplyTemplate template) => new()
    {
        Id = template.Id,
        Name = template.Name,
        SubjectEn = template.SubjectEn,
        BodyEn = template.BodyEn,
        SubjectRu = template.SubjectRu,
        BodyRu = template.BodyRu,
        IsActive = template.IsActive,
    };
}
