using System.ComponentModel.DataAnnotations;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
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

public sealed class AcknowledgeForm
{
    public ContactMethod Method { get; set; } = ContactMethod.Email;

    [Required(ErrorMessage = "Enter the estimated resolution date.")]
    public DateTime? EstimatedResolutionDate { get; set; }

    /// <summary>What was said on the call, for a phone acknowledgement; logged as a contact with the customer.</summary>
    [StringLength(ComplaintLimits.Note, ErrorMessage = "The summary is too long.")]
    [PlainText]
    public string? CallSummary { get; set; }
}

/// <summary>A new estimated resolution date for the customer (P-21), with the staff's reason.</summary>
public sealed class ReviseEstimateForm
{
    [Required(ErrorMessage = "Enter the new estimated resolution date.")]
    public DateTime? EstimatedResolutionDate { get; set; }

    [Required(ErrorMessage = "Say why the estimate changes.")]
    [StringLength(ComplaintLimits.Note, ErrorMessage = "The text is too long (at most 2000 characters).")]
    [PlainText]
    public string? Reason { get; set; }
}

public sealed class EvidenceForm
{
    public EvidenceKind Kind { get; set; } = EvidenceKind.OrderDetails;

    [Required(ErrorMessage = "Describe the evidence.")]
    [StringLength(ComplaintLimits.Note, ErrorMessage = "The text is too long (at most 2000 characters).")]
    [PlainText]
    public string? Description { get; set; }
}

public sealed class InterviewForm
{
    [Required(ErrorMessage = "Enter the staff member's name.")]
    [StringLength(ComplaintLimits.Person, ErrorMessage = "The name is too long.")]
    [PlainText(MultiLine = false)]
    public string? StaffName { get; set; }

    [Required(ErrorMessage = "Enter the staff member's role.")]
    [StringLength(ComplaintLimits.Person, ErrorMessage = "The role is too long.")]
    [PlainText(MultiLine = false)]
    public string? StaffRole { get; set; }

    [Required(ErrorMessage = "Enter the interview date.")]
    public DateTime? InterviewedOn { get; set; }

    [Required(ErrorMessage = "Summarise the interview.")]
    [StringLength(ComplaintLimits.Note, ErrorMessage = "The text is too long (at most 2000 characters).")]
    [PlainText]
    public string? Summary { get; set; }
}

public sealed class RootCauseForm
{
    public RootCauseCategory Category { get; set; } = RootCauseCategory.ProductDefect;

    [Required(ErrorMessage = "Describe the root cause.")]
    [StringLength(ComplaintLimits.Note, ErrorMessage = "The text is too long (at most 2000 characters).")]
    [PlainText]
    public string? Description { get; set; }

    [StringLength(ComplaintLimits.Note, ErrorMessage = "The text is too long (at most 2000 characters).")]
    [PlainText]
    public string? ContributingFactors { get; set; }
}

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

public sealed class CustomerResponseForm
{
    public bool Accepted { get; set; } = true;

    [StringLength(ComplaintLimits.Note, ErrorMessage = "The text is too long (at most 2000 characters).")]
    [PlainText]
    public string? Note { get; set; }
}

/// <summary>The customer did not answer the offer within the waiting period (P-40): how Zowor tried to reach them.</summary>
public sealed class NoAnswerForm
{
    [Required(ErrorMessage = "Say how you tried to reach the customer.")]
    [StringLength(ComplaintLimits.Note, ErrorMessage = "The text is too long (at most 2000 characters).")]
    [PlainText]
    public string? Note { get; set; }
}

public sealed class ResolveForm
{
    [Required(ErrorMessage = "Enter the date the resolution was implemented.")]
    public DateTime? ImplementedOn { get; set; }

    [StringLength(ComplaintLimits.Note, ErrorMessage = "The text is too long (at most 2000 characters).")]
    [PlainText]
    public string? Note { get; set; }
}

public sealed class CloseForm
{
    [Required(ErrorMessage = "Enter a closing note.")]
    [StringLength(ComplaintLimits.Note, ErrorMessage = "The text is too long (at most 2000 characters).")]
    [PlainText]
    public string? Note { get; set; }

    [Range(1, 5, ErrorMessage = "Satisfaction is a score from 1 to 5.")]
    public int? Satisfaction { get; set; }
}

/// <summary>Withdraw, reopen and return-to-investigation: a reason is all they need.</summary>
public sealed class ReasonForm
{
    [Required(ErrorMessage = "Give a reason.")]
    [StringLength(ComplaintLimits.Note, ErrorMessage = "The text is too long (at most 2000 characters).")]
    [PlainText]
    public string? Reason { get; set; }
}

public sealed class EscalateForm
{
    public EscalationLevel Level { get; set; } = EscalationLevel.ChiefCustomerOfficer;

    [Required(ErrorMessage = "Give a reason.")]
    [StringLength(ComplaintLimits.Note, ErrorMessage = "The text is too long (at most 2000 characters).")]
    [PlainText]
    public string? Reason { get; set; }
}

public sealed class AssignForm
{
    [Required(ErrorMessage = "Choose an owner.")]
    public string? OwnerId { get; set; }
}

public sealed class CommunicationForm
{
    public CommunicationDirection Direction { get; set; } = CommunicationDirection.Outbound;

    public CommunicationChannel Channel { get; set; } = CommunicationChannel.Phone;

    [Required(ErrorMessage = "Summarise the contact.")]
    [StringLength(ComplaintLimits.Note, ErrorMessage = "The text is too long (at most 2000 characters).")]
    [PlainText]
    public string? Summary { get; set; }
}

public sealed class MarkDuplicateForm
{
    [Required(ErrorMessage = "Enter the reference of the complaint that carries on, e.g. ZW-2026-000123.")]
    [StringLength(20, ErrorMessage = "Enter the reference of the complaint that carries on, e.g. ZW-2026-000123.")]
    [PlainText(MultiLine = false)]
    public string? PrimaryReference { get; set; }
}
