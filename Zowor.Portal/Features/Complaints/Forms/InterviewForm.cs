using System.ComponentModel.DataAnnotations;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Complaints;

// Form models: what a user types, validated in the browser circuit with data annotations for quick feedback.
// The domain validates again on save, so a form that skips these checks still cannot store bad data.
// Messages are English text that doubles as the localization key.

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
