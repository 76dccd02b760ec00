using System.ComponentModel.DataAnnotations;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Complaints;

// Form models: what a user types, validated in the browser circuit with data annotations for quick feedback.
// The domain validates again on save, so a form that skips these checks still cannot store bad data.
// Messages are English text that doubles as the localization key.

/// <summary>Staff registration of a phone or e-mail complaint (P-10, P-11).</summary>
public sealed class RegisterComplaintForm : IValidatableObject
{
    public ComplaintChannel Channel { get; set; } = ComplaintChannel.Phone;

    [Required(ErrorMessage = "Enter the date received.")]
    public DateTime? ReceivedOn { get; set; }

    [Required(ErrorMessage = "Enter the time received.")]
    public TimeSpan? ReceivedTime { get; set; }

    [Required(ErrorMessage = "Enter the customer's name.")]
    [StringLength(ComplaintLimits.Name, ErrorMessage = "The name is too long.")]
    [PlainText(MultiLine = false)]
    public string? CustomerName { get; set; }

    [StringLength(ComplaintLimits.Email, ErrorMessage = "The e-mail address is too long.")]
    public string? Email { get; set; }

    [StringLength(ComplaintLimits.Phone, ErrorMessage = "The phone number is too long.")]
    public string? Phone { get; set; }

    public ContactMethod PreferredContact { get; set; } = ContactMethod.Phone;

    /// <summary>The language the customer is written to in (<c>en</c> or <c>ru</c>).</summary>
    public string CustomerLanguage { get; set; } = "en";

    [StringLength(ComplaintLimits.OrderNumber, ErrorMessage = "The order number is too long.")]
    public string? OrderNumber { get; set; }

    [StringLength(ComplaintLimits.Product, ErrorMessage = "The product name is too long.")]
    [PlainText(MultiLine = false)]
    public string? Product { get; set; }

    [Required(ErrorMessage = "Enter a subject.")]
    [StringLength(ComplaintLimits.Subject, ErrorMessage = "The subject is too long.")]
    [PlainText(MultiLine = false)]
    public string? Subject { get; set; }

    [Required(ErrorMessage = "Describe the problem.")]
    [StringLength(ComplaintLimits.Description, ErrorMessage = "The description is too long (at most 4000 characters).")]
    [PlainText]
    public string? Description { get; set; }

    [Required(ErrorMessage = "Choose a category.")]
    public string? CategoryCode { get; set; }

    public ComplaintSeverity Severity { get; set; } = ComplaintSeverity.Normal;

    public PreferredResolution PreferredResolution { get; set; } = PreferredResolution.NoPreference;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var hasEmail = !string.IsNullOrWhiteSpace(Email);
        var hasPhone = !string.IsNullOrWhiteSpace(Phone);
        if (!hasEmail && !hasPhone)
        {
            yield return new ValidationResult("Give the customer's e-mail address or phone number (at least one).", [nameof(Email), nameof(Phone)]);
        }

        if (hasEmail && !CustomerContact.IsValidEmail(Email))
        {
            yield return new ValidationResult("The e-mail address is not valid.", [nameof(Email)]);
        }

        if (hasPhone && !CustomerContact.IsValidPhone(Phone))
        {
            yield return new ValidationResult("The phone number is not valid: use 7 to 15 digits, optionally starting with +.", [nameof(Phone)]);
        }

        if (PreferredContact == ContactMethod.Email && !hasEmail)
        {
            yield return new ValidationResult("The customer prefers e-mail, but no e-mail address is given.", [nameof(PreferredContact)]);
        }

        if (PreferredContact == ContactMethod.Phone && !hasPhone)
        {
            yield return new ValidationResult("The customer prefers phone, but no phone number is given.", [nameof(PreferredContact)]);
        }
    }
}
