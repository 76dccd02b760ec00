using System.ComponentModel.DataAnnotations;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Complaints;

// Form models: what a user types, validated in the browser circuit with data annotations for quick feedback.
// The domain validates again on save, so a form that skips these checks still cannot store bad data.
// Messages are English text that doubles as the localization key.

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
