using System.ComponentModel.DataAnnotations;
using Zowor.Portal.Domain.Training;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Training;

/// <summary>A training session that took place, with who attended (P-80). The domain checks again on save.</summary>
public sealed class TrainingSessionForm : IValidatableObject
{
    [Required(ErrorMessage = "Choose a course.")]
    public int? CourseId { get; set; }

    [Required(ErrorMessage = "Enter the date of the session.")]
    public DateTime? HeldOn { get; set; }

    [Required(ErrorMessage = "Enter the trainer.")]
    [StringLength(TrainingLimits.Trainer, ErrorMessage = "The trainer's name is too long.")]
    [PlainText(MultiLine = false)]
    public string? Trainer { get; set; }

    [StringLength(TrainingLimits.Notes, ErrorMessage = "The notes are too long.")]
    [PlainText]
    public string? Notes { get; set; }

    public IReadOnlyCollection<string> AttendeeIds { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AttendeeIds.Count == 0)
        {
            yield return new ValidationResult("Choose at least one attendee.", [nameof(AttendeeIds)]);
        }
    }
}
