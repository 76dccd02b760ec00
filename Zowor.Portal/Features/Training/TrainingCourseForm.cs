using System.ComponentModel.DataAnnotations;
using Zowor.Portal.Domain.Training;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Training;

/// <summary>A course an Admin adds.</summary>
public sealed class TrainingCourseForm
{
    [Required(ErrorMessage = "Enter the course name.")]
    [StringLength(TrainingLimits.Name, ErrorMessage = "The course name is too long.")]
    [PlainText(MultiLine = false)]
    public string? Name { get; set; }

    [StringLength(TrainingLimits.Description, ErrorMessage = "The description is too long.")]
    [PlainText]
    public string? Description { get; set; }

    [Range(1, TrainingLimits.MaxValidityMonths, ErrorMessage = "A course stays valid for 1 to 60 months, or does not expire.")]
    public int? ValidityMonths { get; set; } = 12;

    public bool IsMandatory { get; set; } = true;
}
