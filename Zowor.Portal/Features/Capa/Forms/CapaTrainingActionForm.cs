using System.ComponentModel.DataAnnotations;

namespace Zowor.Portal.Features.Capa;

/// <summary>A training action (P-80): the course, the roles whose members must complete it, the owner and due date.</summary>
public sealed class CapaTrainingActionForm : IValidatableObject
{
    [Required(ErrorMessage = "Choose the course.")]
    public int? CourseId { get; set; }

    /// <summary>The roles whose members must complete the course.</summary>
    public HashSet<string> RequiredRoles { get; set; } = [];

    [Required(ErrorMessage = "Choose the owner of the action.")]
    public string? OwnerId { get; set; }

    [Required(ErrorMessage = "Enter the due date of the action.")]
    public DateTime? DueOn { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RequiredRoles.Count == 0)
        {
            yield return new ValidationResult("Choose at least one role that must take the course.", [nameof(RequiredRoles)]);
        }
    }
}
