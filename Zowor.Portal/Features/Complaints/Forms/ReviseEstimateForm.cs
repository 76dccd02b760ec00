using System.ComponentModel.DataAnnotations;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Complaints;

// Form models: what a user types, validated in the browser circuit with data annotations for quick feedback.
// The domain validates again on save, so a form that skips these checks still cannot store bad data.
// Messages are English text that doubles as the localization key.

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
