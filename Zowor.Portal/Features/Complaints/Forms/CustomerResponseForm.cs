using System.ComponentModel.DataAnnotations;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Complaints;

// Form models: what a user types, validated in the browser circuit with data annotations for quick feedback.
// The domain validates again on save, so a form that skips these checks still cannot store bad data.
// Messages are English text that doubles as the localization key.

public sealed class CustomerResponseForm
{
    public bool Accepted { get; set; } = true;

    [StringLength(ComplaintLimits.Note, ErrorMessage = "The text is too long (at most 2000 characters).")]
    [PlainText]
    public string? Note { get; set; }
}
