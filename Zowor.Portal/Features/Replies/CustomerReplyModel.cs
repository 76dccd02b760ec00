using System.ComponentModel.DataAnnotations;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Replies;

/// <summary>A reply to the customer, or an internal note, as staff write it on the case page.</summary>
public sealed class CustomerReplyModel
{
    /// <summary>The template it started from, if any (for the record only: the text is what staff edited).</summary>
    public int? TemplateId { get; set; }

    [StringLength(ComplaintLimits.Subject, ErrorMessage = "The subject is too long (at most 200 characters).")]
    [PlainText(MultiLine = false)]
    public string? Subject { get; set; }

    [Required(ErrorMessage = "Write the text.")]
    [StringLength(ComplaintLimits.Note, ErrorMessage = "The text is too long (at most 2000 characters).")]
    [PlainText]
    public string? Text { get; set; }
}
