using System.ComponentModel.DataAnnotations;
using Zowor.Portal.Domain.Memos;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Memos;

/// <summary>A new memo as its author types it (P-81). The domain checks again on publish.</summary>
public sealed class MemoForm : IValidatableObject
{
    [Required(ErrorMessage = "Enter a title.")]
    [StringLength(MemoLimits.Title, ErrorMessage = "The title is too long.")]
    [PlainText(MultiLine = false)]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Write the memo text.")]
    [StringLength(MemoLimits.Body, ErrorMessage = "The memo text is too long (at most 20000 characters).")]
    [MarkdownText]
    public string? Body { get; set; }

    [Required(ErrorMessage = "Choose the effective date.")]
    public DateTime? EffectiveOn { get; set; }

    public HashSet<string> AudienceRoles { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AudienceRoles.Count == 0)
        {
            yield return new ValidationResult("Choose at least one role to send the memo to.", [nameof(AudienceRoles)]);
        }
    }
}
