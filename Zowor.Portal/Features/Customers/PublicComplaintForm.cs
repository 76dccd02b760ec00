using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Customers;

/// <summary>
/// The public complaint form (P-10, P-11). Everything here comes from the internet: lengths are bounded, markup and
/// invisible control characters are refused with a message, and the domain checks again when the complaint is built.
/// Error messages are English keys, translated by the validator.
/// </summary>
public sealed partial class PublicComplaintForm : IValidatableObject
{
    /// <summary>Shortest description that can describe a problem.</summary>
    public const int MinDescription = 10;

    [Required(ErrorMessage = "Enter your name.")]
    [StringLength(ComplaintLimits.Name, ErrorMessage = "The name is too long (at most 200 characters).")]
    [PlainText(MultiLine = false)]
    public string? Name { get; set; }

    /// <summary>E-mail address.</summary>
    [StringLength(ComplaintLimits.Email, ErrorMessage = "The e-mail address is too long.")]
    public string? Email { get; set; }

    [StringLength(ComplaintLimits.Phone, ErrorMessage = "The phone number is too long.")]
    public string? Phone { get; set; }

    [StringLength(ComplaintLimits.OrderNumber, ErrorMessage = "The order number is too long.")]
    public string? OrderNumber { get; set; }

    [StringLength(ComplaintLimits.Product, ErrorMessage = "The product name is too long (at most 200 characters).")]
    [PlainText(MultiLine = false)]
    public string? Product { get; set; }

    [Required(ErrorMessage = "Choose what the complaint is about.")]
    [StringLength(ComplaintLimits.Category, ErrorMessage = "Choose what the complaint is about.")]
    public string? CategoryCode { get; set; }

    /// <summary>The problem in the customer's words.</summary>
    [Required(ErrorMessage = "Describe the problem.")]
    [StringLength(ComplaintLimits.Description, MinimumLength = MinDescription, ErrorMessage = "Describe the problem in 10 to 4000 characters.")]
    [PlainText]
    public string? Description { get; set; }

    /// <summary>What the customer would like, as posted (a name of <see cref="Domain.Complaints.PreferredResolution"/>).</summary>
    /// <remarks>Text rather than the enum, so that a forged value is a validation error instead of a silent default.</remarks>
    public string? PreferredResolution { get; set; } = nameof(Domain.Complaints.PreferredResolution.NoPreference);

    /// <summary>The parsed preference; valid once <see cref="Validate"/> has passed.</summary>
    public Domain.Complaints.PreferredResolution Preference =>
        !string.IsNullOrEmpty(PreferredResolution) && !char.IsAsciiDigit(PreferredResolution[0])
            && Enum.TryParse<Domain.Complaints.PreferredResolution>(PreferredResolution, ignoreCase: false, out var value) && Enum.IsDefined(value)
            ? value
            : (Domain.Complaints.PreferredResolution)(-1);

    /// <summary>Consent to the processing of personal data (P-91).</summary>
    public bool Consent { get; set; }

    /// <summary>Honeypot: hidden from people, filled in by bots.</summary>
    public string? Website { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(Phone))
        {
            yield return new ValidationResult("Give your e-mail address or phone number so that we can reply.", [nameof(Email), nameof(Phone)]);
        }

        if (!string.IsNullOrWhiteSpace(Email) && !CustomerContact.IsValidEmail(Email))
        {
            yield return new ValidationResult("Enter a valid e-mail address, such as name@example.com.", [nameof(Email)]);
        }

        if (!string.IsNullOrWhiteSpace(Phone) && !CustomerContact.IsValidPhone(Phone))
        {
            yield return new ValidationResult("Enter a valid phone number: 7 to 15 digits, optionally starting with +.", [nameof(Phone)]);
        }

        if (!string.IsNullOrWhiteSpace(OrderNumber) && !OrderNumberShape().IsMatch(OrderNumber.Trim()))
        {
            yield return new ValidationResult("An order number has only letters, digits and dashes, such as ZW-100234.", [nameof(OrderNumber)]);
        }

        if (string.IsNullOrEmpty(PreferredResolution) || !Enum.IsDefined(Preference))
        {
            yield return new ValidationResult("Choose what you would like us to do.", [nameof(PreferredResolution)]);
        }

        if (!Consent)
        {
            yield return new ValidationResult("Please agree to the processing of your personal data so that we can handle your complaint.", [nameof(Consent)]);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex OrderNumberShape();
}
