using System.ComponentModel.DataAnnotations;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Complaints;

// Form models: what a user types, validated in the browser circuit with data annotations for quick feedback.
// The domain validates again on save, so a form that skips these checks still cannot store bad data.
// Messages are English text that doubles as the localization key.

public sealed class ResolutionForm : IValidatableObject
{
    public ResolutionKind Kind { get; set; } = ResolutionKind.Replacement;

    public decimal? Amount { get; set; }

    [StringLength(3, ErrorMessage = "Use a three-letter currency code.")]
    public string? Currency { get; set; } = "EUR";

    public CompensationKind? Compensation { get; set; }

    [Required(ErrorMessage = "Describe what is offered.")]
    [StringLength(ComplaintLimits.Note, ErrorMessage = "The text is too long (at most 2000 characters).")]
    [PlainText]
    public string? Details { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Kind == ResolutionKind.PartialRefund && Amount is not > 0m)
        {
            yield return new ValidationResult("A partial refund needs a positive amount.", [nameof(Amount)]);
        }

        if (Kind == ResolutionKind.Compensation && Compensation is null)
        {
            yield return new ValidationResult("Choose the form of compensation: extended warranty, discount or goodwill.", [nameof(Compensation)]);
        }
    }
}
