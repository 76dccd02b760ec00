using System.ComponentModel.DataAnnotations;

namespace Zowor.Portal.Features.Complaints;

// Form models: what a user types, validated in the browser circuit with data annotations for quick feedback.
// The domain validates again on save, so a form that skips these checks still cannot store bad data.
// Messages are English text that doubles as the localization key.

public sealed class AssignForm
{
    [Required(ErrorMessage = "Choose an owner.")]
    public string? OwnerId { get; set; }
}
