using System.ComponentModel.DataAnnotations;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Complaints;

// Form models: what a user types, validated in the browser circuit with data annotations for quick feedback.
// The domain validates again on save, so a form that skips these checks still cannot store bad data.
// Messages are English text that doubles as the localization key.

public sealed class MarkDuplicateForm
{
    [Required(ErrorMessage = "Enter the reference of the complaint that carries on, e.g. ZW-2026-000123.")]
    [StringLength(20, ErrorMessage = "Enter the reference of the complaint that carries on, e.g. ZW-2026-000123.")]
    [PlainText(MultiLine = false)]
    public string? PrimaryReference { get; set; }
}
