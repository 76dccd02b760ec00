using System.ComponentModel.DataAnnotations;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Capa;

/// <summary>
/// A memo action (P-81): the memo published from the CAPA (title, text, audience, effective date) and the action's owner
/// and due date. The memo feature and the domain check again.
/// </summary>
public sealed class CapaMemoActionForm : IValidatableObject
{
    [Required(ErrorMessage = "Enter a title.")]
    [StringLength(Domain.Memos.MemoLimits.Title, ErrorMessage = "The title is too long.")]
    [PlainText(MultiLine = false)]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Write the memo text.")]
    [StringLength(Domain.Memos.MemoLimits.Body, ErrorMessage = "The memo text is too long (at most 20000 characters).")]
    [MarkdownText]
    public string? Body { get; set; }

    [Required(ErrorMessage = "Choose the effective date.")]
    public DateTime? EffectiveOn { get; set; }

    /// <summary>The roles the memo is for; everyone in them must acknowledge it.</summary>
    public HashSet<string> AudienceRoles { get; set; } = [];

    [Required(ErrorMessage = "Choose the owner of the action.")]
    public string? OwnerId { get; set; }

    [Required(ErrorMessage = "Enter the due date of the action.")]
    public DateTime? DueOn { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AudienceRoles.Count == 0)
        {
            yield return new ValidationResult("Choose at least one role to send the memo to.", [nameof(AudienceRoles)]);
        }
    }
}
