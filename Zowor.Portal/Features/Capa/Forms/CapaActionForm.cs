using System.ComponentModel.DataAnnotations;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Capa;

/// <summary>A new action: what, who and by when.</summary>
public sealed class CapaActionForm
{
    [Required(ErrorMessage = "Describe the action.")]
    [StringLength(CapaLimits.ActionDescription, ErrorMessage = "The action is too long.")]
    [PlainText]
    public string? Description { get; set; }

    [Required(ErrorMessage = "Choose the owner of the action.")]
    public string? OwnerId { get; set; }

    [Required(ErrorMessage = "Enter the due date of the action.")]
    public DateTime? DueOn { get; set; }
}
