using System.ComponentModel.DataAnnotations;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Complaints;

// Form models: what a user types, validated in the browser circuit with data annotations for quick feedback.
// The domain validates again on save, so a form that skips these checks still cannot store bad data.
// Messages are English text that doubles as the localization key.

/// <summary>The customer did not answer the offer within the waiting period (P-40): how Zowor tried to reach them.</summary>
public sealed class NoAnswerForm
{
    [Required(ErrorMessage = "Say how you tried to reach the customer.")]
    [StringLength(ComplaintLimits.Note, ErrorMessage = "The text is too long (at most 2000 characters).")]
    [PlainText]
    public string? Note { get; set; }
}
